import type { Instant } from "../../model/instant.js";

/**
 * `clock`: real elapsed time (P1, 24/7). `business`: only time inside the service window on
 * working days (window days minus holidays, plus holidays worked, minus extra closed days).
 */
export type ClockKind = "business" | "clock";

export interface Holiday {
  /** local date in the calendar's zone, "YYYY-MM-DD" */
  date: string;
  /** stable key: new-year, good-friday, easter-monday, kings-day, liberation-day, ascension, whit-monday, christmas, boxing-day, closed-day */
  key: string;
  name: string;
}

/**
 * A business calendar. Intervals are half-open [from, to). All instants are epoch milliseconds;
 * the `*Minutes` variants accept Date, ISO text with offset or epoch ms at the public API.
 */
export interface BusinessCalendar {
  readonly zone: string;
  /** Milliseconds on `clock` in [from, to). Negative when to < from (elapsed(a,b) = -elapsed(b,a)). */
  elapsedMs(from: Instant, to: Instant, clock: ClockKind): number;
  /**
   * The earliest instant t ≥ from at which `ms` have elapsed on `clock` since `from`
   * (17:00 + 60 business minutes = 18:00 the same day, not 08:00 the next). ms must be ≥ 0.
   */
  addMs(from: Instant, ms: number, clock: ClockKind): Instant;
  /** elapsedMs in minutes (seconds precision, so fractions occur). */
  elapsedMinutes(from: Date | string | number, to: Date | string | number, clock?: ClockKind): number;
  addMinutes(from: Date | string | number, minutes: number, clock?: ClockKind): Date;
  /** Is this local date ("YYYY-MM-DD") a working day (window day, not a holiday, or a holiday worked)? */
  isWorkingDay(localDate: string): boolean;
  /** The service-window intervals [start, end) that intersect [from, to), clipped to it, ascending. */
  windowIntervals(from: Instant, to: Instant): Array<[Instant, Instant]>;
  /** Holidays and closed days that fall in a year, as configured (worked holidays excluded). */
  holidaysOf(year: number): Holiday[];
  /** Length of one full service day in ms (e.g. 10 h for 08:00–18:00), for "N service days". */
  readonly serviceDayMs: number;
}
