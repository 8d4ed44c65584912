/**
 * The days without service in a year, as configured: the country's public holidays, minus the
 * holidays the organisation works on (`workingDays`), plus extra closed days (`closedDays`).
 */
import { dutchPublicHolidays } from "./nl-holidays.js";
import type { HolidayOptions } from "./options.js";
import type { Holiday } from "./types.js";

export const CLOSED_DAY_KEY = "closed-day";

/**
 * Holidays and closed days of `year`, sorted by date. `country: "none"` means no public holidays
 * (and makes `goodFriday`/`liberationDay` moot); closed days apply either way. A date that is both
 * a worked holiday and a closed day is closed: `closedDays` is applied last. A closed day that is
 * already a holiday is listed once, as the holiday.
 *
 * @example holidaysOf(2026, { country: "NL", goodFriday: false, liberationDay: "lustrum",
 *   workingDays: ["2026-05-14"], closedDays: ["2026-12-24"] })
 *   // 01-01, 04-06, 04-27, 05-25, 12-24 (closed-day), 12-25, 12-26: no Ascension, no 5 May
 */
export function holidaysOf(year: number, options: HolidayOptions): Holiday[] {
  const worked = new Set(options.workingDays);
  const publicHolidays = options.country === "NL" ? dutchPublicHolidays(year, options) : [];
  const kept = publicHolidays.filter((h) => !worked.has(h.date));
  const taken = new Set(kept.map((h) => h.date));
  const prefix = `${String(year).padStart(4, "0")}-`;
  const closed = [...new Set(options.closedDays)]
    .filter((date) => date.startsWith(prefix) && !taken.has(date))
    .map((date): Holiday => ({ date, key: CLOSED_DAY_KEY, name: "Closed day" }));
  // Array#sort is stable, so same-date holidays keep the package's order.
  return [...kept, ...closed].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
