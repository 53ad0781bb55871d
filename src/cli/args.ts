/** Typed yargs arguments: each command's handler takes what its builder declares. */
import type { ArgumentsCamelCase, Argv } from 'yargs';

/** The parsed arguments of a command whose builder is `B` (camelCase keys included, as yargs gives them). */
export type ArgsOf<B extends (y: Argv) => Argv<unknown>> = ArgumentsCamelCase<ReturnType<B> extends Argv<infer U> ? U : never>;
