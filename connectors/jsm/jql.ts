/**
 * The incremental search's JQL, built from config values without splicing them in: every value
 * is a quoted, escaped JQL string. Date literals are minute-precise and read in the time zone of
 * the account that searches (shared/apis/jsm.md §2.6), so an instant is written in that zone,
 * rounded down to the minute. Pure.
 */
import { DateTime } from "luxon";

/**
 * A JQL string literal: double-quoted, with `\` and `"` escaped. Control characters have no
 * place in a project key or any other config value and are refused rather than guessed at.
 * @example jqlString('IT"S') // → '"IT\\"S"'
 */
export function jqlString(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new RangeError("a JQL value may not contain control characters (line breaks, tabs)");
  }
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const HOUR_MS = 3_600_000;

/**
 * `instant` as a JQL date-time literal in `zone`, rounded down to the minute: `"2026-03-02 09:55"`.
 * In the repeated hour of a DST change the same wall time names two instants and Jira may take
 * the later one; the literal is then written an hour earlier, so both readings are ≤ `instant`.
 * @example jqlDateTime(Date.parse("2026-03-02T08:55:30Z"), "Europe/Amsterdam") // → '"2026-03-02 09:55"'
 */
export function jqlDateTime(instant: number, zone: string): string {
  let local = DateTime.fromMillis(instant, { zone });
  if (!local.isValid) throw new RangeError(`unknown time zone: ${zone}`);
  if (local.getPossibleOffsets().length > 1) local = DateTime.fromMillis(instant - HOUR_MS, { zone });
  return jqlString(local.toFormat("yyyy-MM-dd HH:mm"));
}

/**
 * Issues of `projects` updated at or after `since`, oldest first; the key breaks ties so that the
 * order is stable between pages.
 * @example updatedSinceJql(["ITS"], Date.parse("2026-03-02T08:55:00Z"), "Europe/Amsterdam")
 * // → 'project in ("ITS") AND updated >= "2026-03-02 09:55" ORDER BY updated ASC, key ASC'
 */
export function updatedSinceJql(projects: readonly string[], since: number, zone: string): string {
  if (projects.length === 0) throw new RangeError("at least one project is needed for a bounded query");
  const list = projects.map(jqlString).join(", ");
  return `project in (${list}) AND updated >= ${jqlDateTime(since, zone)} ORDER BY updated ASC, key ASC`;
}
