/** A typed fake of the `@actions/core` subset the Action uses: records what the Action did. */
import type { Annotation, CoreLike } from '../../src/action/core.js';

export class FakeCore implements CoreLike {
  readonly outputs: Record<string, string> = {};
  readonly failures: string[] = [];
  readonly warnings: { message: string; annotation?: Annotation }[] = [];
  readonly infos: string[] = [];
  readonly summaries: string[] = [];
  constructor(private readonly inputs: Record<string, string>) {}
  getInput(name: string): string {
    return (this.inputs[name] ?? '').trim();
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }
  setFailed(message: string): void {
    this.failures.push(message);
  }
  warning(message: string, annotation?: Annotation): void {
    this.warnings.push(annotation ? { message, annotation } : { message });
  }
  info(message: string): void {
    this.infos.push(message);
  }
  appendSummary(markdown: string): Promise<void> {
    this.summaries.push(markdown);
    return Promise.resolve();
  }
}
