/**
 * What the config loader reports: every problem at once, each with the file, the YAML path and,
 * where the node exists in the file, its line and column (1-based), so an administrator can fix
 * the whole file in one pass instead of one error per run.
 *
 * Messages never quote a value from the file (a value may be a secret that came from `${ENV}`);
 * they quote only key names, environment variable names and the allowed choices.
 */
export interface ConfigProblem {
  file: string;
  /** YAML path, e.g. `connectors[1].baseUrl`; `""` for the file as a whole */
  path: string;
  line?: number;
  column?: number;
  message: string;
}

/** `file:line:col path: message`, leaving out what is not known. */
export function formatProblem(problem: ConfigProblem): string {
  const position =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}${problem.column === undefined ? "" : `:${problem.column}`}`;
  const path = problem.path === "" ? "" : ` ${problem.path}`;
  return `${position}${path}: ${problem.message}`;
}

/** Sorted by position in the file; problems without a line (whole-file ones) come first. */
export function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.path.localeCompare(b.path),
  );
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const sorted = sortProblems(problems);
    const count = sorted.length === 1 ? "1 problem" : `${sorted.length} problems`;
    super([`Configuration has ${count}:`, ...sorted.map((p) => `  ${formatProblem(p)}`)].join("\n"));
    this.problems = sorted;
  }
}
