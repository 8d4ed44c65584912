/**
 * Cron expressions are checked with node-cron's own validator, because node-cron is what runs
 * them (cli scheduler): what passes here is exactly what the scheduler accepts. On top, only the
 * plain forms are allowed: 5 fields (minute hour day-of-month month day-of-week) or 6 with
 * seconds first; node-cron's `@daily`-style nicknames are refused to keep files uniform.
 */
import { validateDetailed } from "node-cron";

const FIELD_NAMES: Record<string, string> = {
  second: "second",
  minute: "minute",
  hour: "hour",
  dayOfMonth: "day-of-month",
  month: "month",
  dayOfWeek: "day-of-week",
};

/** Returns why the expression is not a valid cron expression, or null when it is. */
export function explainBadCron(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5 && fields.length !== 6) {
    return `expected a cron expression of 5 fields (minute hour day month weekday), or 6 with seconds first; found ${fields.length}`;
  }
  let result: ReturnType<typeof validateDetailed>;
  try {
    result = validateDetailed(fields.join(" "));
  } catch {
    return "not a valid cron expression";
  }
  if (result.valid) return null;
  const bad = result.errors.map((error) => FIELD_NAMES[error.field] ?? "expression");
  if (bad.includes("expression"))
    return "not a valid cron expression (allowed: digits, names, * , - / ? L W #)";
  return `invalid ${bad.join(", ")} field (e.g. "*/5 * * * *" is every five minutes)`;
}
