/** Exit codes of interfaces.md: 0 success, 1 a failed run, 2 a usage or configuration error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Wrong arguments or configuration: a person must change what they typed or wrote. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The command ran and failed (a connector down, records rejected with --strict, …). */
export class RunFailure extends Error {
  override readonly name = "RunFailure";
}
