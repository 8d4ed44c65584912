/**
 * Dutch public holidays from the `date-holidays` data (data/countries/NL.yaml in that package),
 * which knows the movable feasts (Easter-based) and the history of King's/Queen's Day.
 *
 * Holidays are picked by the package's rule text, never by their (translatable) names. Which
 * rules count is this project's decision, not the package's `type`: it marks Good Friday and
 * Liberation Day as `school`, Easter Sunday and Whit Sunday as `public` (we leave those out: they
 * are Sundays, and the contract's list does not name them).
 */
import Holidays from "date-holidays";
import type { HolidayOptions } from "./options.js";
import type { Holiday } from "./types.js";

export type DutchHolidayKey =
  | "new-year"
  | "good-friday"
  | "easter-monday"
  | "kings-day"
  | "liberation-day"
  | "ascension"
  | "whit-monday"
  | "christmas"
  | "boxing-day";

/**
 * Rule text → key. King's Day has had several rules: 27 April (26th when the 27th is a Sunday)
 * since 2014; Queen's Day 30 April 1980–2013 (29th when a Sunday) and 1949–1979 (1 May when a
 * Sunday); the monarch's day on 31 August 1885–1948. All of them map to `kings-day`.
 */
const RULES: ReadonlyArray<readonly [RegExp, DutchHolidayKey]> = [
  [/^01-01$/, "new-year"],
  [/^easter -2$/, "good-friday"],
  [/^easter 1$/, "easter-monday"],
  [/^(04-27|04-30|08-31) /, "kings-day"],
  [/^05-05$/, "liberation-day"],
  [/^easter 39$/, "ascension"],
  [/^easter 50$/, "whit-monday"],
  [/^12-25$/, "christmas"],
  [/^12-26$/, "boxing-day"],
];

/** Rules the package marks `public` that we leave out on purpose (see the file comment). */
export const IGNORED_PUBLIC_RULES: readonly string[] = ["easter", "easter 49"];

/** The first Liberation Day was the first anniversary, 1946; the package lists 5 May for every year. */
const FIRST_LIBERATION_DAY = 1946;

/** Keys every year from 1949 on must have; a missing one means the package's rules changed. */
const REQUIRED: readonly DutchHolidayKey[] = [
  "new-year",
  "good-friday",
  "easter-monday",
  "kings-day",
  "liberation-day",
  "ascension",
  "whit-monday",
  "christmas",
  "boxing-day",
];

export function ruleKey(rule: string): DutchHolidayKey | undefined {
  return RULES.find(([pattern]) => pattern.test(rule))?.[1];
}

let source: Holidays | undefined;
const byYear = new Map<number, ReadonlyArray<Holiday & { key: DutchHolidayKey }>>();

/** Every candidate holiday of a year (Good Friday and Liberation Day included), cached per year. */
function candidates(year: number): ReadonlyArray<Holiday & { key: DutchHolidayKey }> {
  const cached = byYear.get(year);
  if (cached !== undefined) return cached;
  source ??= new Holidays("NL");
  const found: Array<Holiday & { key: DutchHolidayKey }> = [];
  for (const h of source.getHolidays(year, "en")) {
    const key = ruleKey(h.rule);
    if (key === undefined || h.substitute === true) continue;
    if (key === "liberation-day" && year < FIRST_LIBERATION_DAY) continue;
    // `date` is "YYYY-MM-DD hh:mm:ss", the local date; it does not depend on the host zone.
    found.push({ date: h.date.slice(0, 10), key, name: h.name });
  }
  if (year >= 1949) {
    const missing = REQUIRED.filter((k) => !found.some((h) => h.key === k));
    if (missing.length > 0) {
      throw new Error(`date-holidays NL data for ${year} lacks ${missing.join(", ")}: its rules changed`);
    }
  }
  byYear.set(year, found);
  return found;
}

/** The Dutch public holidays of `year` per the options (Good Friday and Liberation Day opt-in). */
export function dutchPublicHolidays(
  year: number,
  options: Pick<HolidayOptions, "goodFriday" | "liberationDay">,
): Holiday[] {
  return candidates(year)
    .filter((h) => {
      if (h.key === "good-friday") return options.goodFriday;
      if (h.key === "liberation-day") {
        return options.liberationDay === "yearly" || (options.liberationDay === "lustrum" && year % 5 === 0);
      }
      return true;
    })
    .map((h) => ({ ...h }));
}
