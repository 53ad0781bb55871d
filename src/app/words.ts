/**
 * How an edge names the options it shares with the other edge. The CLI flags and the Action inputs
 * use the same kebab-case words (`splits` is `--splits`); the CLI writes them as flags
 * (`--splits`, `--splits auto`), the Action as inputs (`splits`, `splits: auto`). Shared code
 * (src/app, src/render) names an option only through an edge's words, in errors and in warnings.
 */
export interface OptionWords {
  /** The option itself: `--splits` (CLI), `splits` (Action). */
  option(name: string): string;
  /** The option set to a value: `--splits auto` (CLI), `splits: auto` (Action). */
  setting(name: string, value: string): string;
}
