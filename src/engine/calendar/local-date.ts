/**
 * Local calendar dates ("YYYY-MM-DD") as plain proleptic-Gregorian arithmetic. A date here has no
 * zone: it names a day on the wall calendar, and the zone only matters when a day is turned into
 * instants (zone-offsets.ts).
 */
import type { Weekday } from "./options.js";

export const DAY_MS = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Weekday names indexed by `Date#getUTCDay()` (0 = Sunday). */
const BY_UTC_DAY: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * Epoch ms of 00:00 UTC on a civil date; month 1–12, day may overflow (day 32 of January is
 * 1 February). `setUTCFullYear` rather than `Date.UTC` because `Date.UTC` maps years 0–99 to 1900+.
 */
export function utcMidnight(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** "YYYY-MM-DD" of the day that starts at `utcMidnightMs` (a value from `utcMidnight`). */
export function formatLocalDate(utcMidnightMs: number): string {
  const date = new Date(utcMidnightMs);
  const year = String(date.getUTCFullYear()).padStart(4, "0");
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  const day = String(date.getUTCDate()).padStart(2, "0");
  return `${year}-${month}-${day}`;
}

export function weekdayOf(utcMidnightMs: number): Weekday {
  return BY_UTC_DAY[new Date(utcMidnightMs).getUTCDay()] as Weekday;
}

/** Parses "YYYY-MM-DD" into the `utcMidnight` of that date; null when it is not a calendar date. */
export function parseLocalDate(text: string): number | null {
  const m = LOCAL_DATE.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = utcMidnight(year, month, day);
  // Overflowing days (2026-02-30) roll into the next month: reject them instead.
  return formatLocalDate(ms) === text ? ms : null;
}
