/**
 * Validates calendar options with the contract's schema and reports every problem at once, each
 * with its path (e.g. `holidays.closedDays[1]`), so a config author fixes them in one go.
 */
import { type CalendarOptions, type CalendarOptionsInput, calendarOptionsSchema } from "./options.js";

export interface OptionProblem {
  /** dotted path inside the options, e.g. "serviceWindow.from" or "holidays.workingDays[0]" */
  path: string;
  message: string;
}

export class CalendarOptionsError extends Error {
  override readonly name = "CalendarOptionsError";

  constructor(readonly problems: readonly OptionProblem[]) {
    super(`invalid calendar options:\n${problems.map((p) => `- ${p.path}: ${p.message}`).join("\n")}`);
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(options)" : out;
}

/** The options with defaults filled in; throws CalendarOptionsError listing every problem. */
export function parseCalendarOptions(input: CalendarOptionsInput): CalendarOptions {
  const result = calendarOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new CalendarOptionsError(
    result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  );
}
