/**
 * Typed errors. Every failure the user can cause is one of these; anything else is a bug.
 * `UsageError` means the command line (or Action inputs) were wrong: exit code 2.
 * `InputError` means an input file or value was unusable: exit code 1.
 */
export class SplitPlanError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UsageError extends SplitPlanError {
  override readonly exitCode = 2;
}

export class InputError extends SplitPlanError {
  override readonly exitCode = 1;
}

export function isSplitPlanError(e: unknown): e is SplitPlanError {
  return e instanceof SplitPlanError;
}
