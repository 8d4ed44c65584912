/**
 * `businessCalendar(options)`: the service window and holidays of the contract turned into clock
 * arithmetic (kpi-catalog.md M1). Business time is computed on precomputed per-year tables of
 * window boundaries and prefix sums (year-table.ts, working-time.ts), never by stepping minutes.
 *
 * @example
 * const cal = businessCalendar({ serviceWindow: { timezone: "Europe/Amsterdam", from: "08:00", to: "18:00" } });
 * cal.elapsedMinutes("2026-03-13T17:00:00+01:00", "2026-03-16T09:00:00+01:00"); // 120 (Fri 1 h + Mon 1 h)
 * cal.addMinutes("2026-03-13T20:00:00+01:00", 60); // Mon 2026-03-16 09:00 +01:00
 * cal.elapsedMinutes("2026-03-28T12:00:00+01:00", "2026-03-29T12:00:00+02:00", "clock"); // 1380 (DST night)
 */
import { toInstant } from "../../model/instant.js";
import { holidaysOf } from "./holidays.js";
import { parseLocalDate, weekdayOf } from "./local-date.js";
import type { CalendarOptionsInput } from "./options.js";
import { parseCalendarOptions } from "./parse-options.js";
import type { BusinessCalendar, ClockKind, Holiday } from "./types.js";
import { WorkingTime } from "./working-time.js";
import { buildYearTable, type WindowSpec, type YearTable } from "./year-table.js";

const MINUTE_MS = 60_000;

/** "HH:MM" (or "24:00") → ms after midnight on the wall clock. */
function clockTimeMs(text: string): number {
  const [hours, minutes] = text.split(":").map(Number);
  return ((hours ?? 0) * 60 + (minutes ?? 0)) * MINUTE_MS;
}

/** ±8.64e15 ms is the range of a JavaScript Date, and so of the zone data. */
const MAX_INSTANT = 8.64e15;

function assertInstant(value: number, what: string): void {
  if (!(Math.abs(value) <= MAX_INSTANT)) throw new RangeError(`${what} is not a valid instant: ${value}`);
}

function assertAmount(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`the amount to add must be finite and ≥ 0, got ${ms}`);
}

export function businessCalendar(options: CalendarOptionsInput): BusinessCalendar {
  const { serviceWindow, holidays } = parseCalendarOptions(options);
  const window: WindowSpec = {
    zone: serviceWindow.timezone,
    days: new Set(serviceWindow.days),
    fromMs: clockTimeMs(serviceWindow.from),
    toMs: clockTimeMs(serviceWindow.to),
  };

  const holidaysByYear = new Map<number, { list: Holiday[]; dates: ReadonlySet<string> }>();
  const holidaysFor = (year: number) => {
    let entry = holidaysByYear.get(year);
    if (entry === undefined) {
      const list = holidaysOf(year, holidays);
      entry = { list, dates: new Set(list.map((h) => h.date)) };
      holidaysByYear.set(year, entry);
    }
    return entry;
  };

  const tables = new Map<number, YearTable>();
  const working = new WorkingTime((year) => {
    let table = tables.get(year);
    if (table === undefined) {
      table = buildYearTable(year, window, holidaysFor(year).dates);
      tables.set(year, table);
    }
    return table;
  });

  const elapsedMs = (from: number, to: number, clock: ClockKind): number => {
    assertInstant(from, "from");
    assertInstant(to, "to");
    if (clock === "clock") return to - from;
    // `0 - x` rather than `-x`: a backward span outside the window is 0, never -0.
    return to >= from ? working.businessBetween(from, to) : 0 - working.businessBetween(to, from);
  };

  const addMs = (from: number, ms: number, clock: ClockKind): number => {
    assertInstant(from, "from");
    assertAmount(ms);
    return clock === "clock" ? from + ms : working.addBusiness(from, ms);
  };

  return {
    zone: window.zone,
    serviceDayMs: window.toMs - window.fromMs,
    elapsedMs,
    addMs,
    elapsedMinutes: (from, to, clock = "business") =>
      elapsedMs(toInstant(from), toInstant(to), clock) / MINUTE_MS,
    // Rounded to whole ms: fractional minutes such as 1/3 are not exact in binary.
    addMinutes: (from, minutes, clock = "business") =>
      new Date(addMs(toInstant(from), Math.round(minutes * MINUTE_MS), clock)),
    isWorkingDay: (localDate) => {
      const midnight = parseLocalDate(localDate);
      if (midnight === null) throw new RangeError(`"${localDate}" is not a date "YYYY-MM-DD"`);
      const year = new Date(midnight).getUTCFullYear();
      return window.days.has(weekdayOf(midnight)) && !holidaysFor(year).dates.has(localDate);
    },
    windowIntervals: (from, to) => {
      assertInstant(from, "from");
      assertInstant(to, "to");
      return working.windowIntervals(from, to);
    },
    holidaysOf: (year) => {
      if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
      return holidaysFor(year).list.map((h) => ({ ...h }));
    },
  };
}
