/**
 * Time helpers for the demo generator: Europe/Amsterdam wall time, ISO text with offset, and the
 * contract's default business calendar (the engine's `businessCalendar`: Mon–Fri 08:00–18:00
 * minus the default Dutch holidays), used to place story events at realistic moments.
 *
 * Luxon is the reference for the zone rules, but a luxon DateTime costs ~6 µs and the demo writes
 * ~100 000 timestamps, so the zone offset is asked from luxon once per UTC day (once per hour on
 * a day whose offset changes: the EU switches on whole UTC hours, 01:00 UTC) and cached, and the
 * text is put together from cached day prefixes. `iso()` equals luxon's
 * `toISO({ suppressMilliseconds: true })` (checked by a test).
 */
import { DateTime } from "luxon";
import { type BusinessCalendar, businessCalendar, type ClockKind } from "../engine/calendar/index.js";

export type { ClockKind };

export const ZONE = "Europe/Amsterdam";
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The contract's default calendar (the config defaults); pure, and caches its year tables. */
const CONTRACT_CALENDAR: BusinessCalendar = businessCalendar({
  serviceWindow: { timezone: ZONE, days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" },
  holidays: { country: "NL", goodFriday: false, liberationDay: "lustrum" },
});

/** one service day (08:00–18:00) in minutes */
export const SERVICE_DAY_MINUTES = CONTRACT_CALENDAR.serviceDayMs / MINUTE;

const luxonOffset = (ms: number): number => DateTime.fromMillis(ms, { zone: ZONE }).offset;
/** per UTC day: its offset, or null when the offset changes during that day */
const offsetByDay = new Map<number, number | null>();
const offsetByHour = new Map<number, number>();

/** Europe/Amsterdam offset from UTC in minutes at the instant (60 or 120). */
export function offsetMinutes(ms: number): number {
  const day = Math.floor(ms / DAY);
  let daily = offsetByDay.get(day);
  if (daily === undefined) {
    const first = luxonOffset(day * DAY);
    daily = first === luxonOffset(day * DAY + DAY - 1) ? first : null;
    offsetByDay.set(day, daily);
  }
  if (daily !== null) return daily;
  const hour = Math.floor(ms / HOUR);
  let hourly = offsetByHour.get(hour);
  if (hourly === undefined) {
    hourly = luxonOffset(hour * HOUR);
    offsetByHour.set(hour, hourly);
  }
  return hourly;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => pad2(i));
/** "YYYY-MM-DDT" per local day number */
const dayPrefix = new Map<number, string>();

/** ISO 8601 in Europe/Amsterdam with offset, whole seconds: "2026-03-02T09:15:00+01:00". */
export function iso(ms: number): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const offset = offsetMinutes(whole);
  const local = whole + offset * MINUTE;
  const day = Math.floor(local / DAY);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  const seconds = (local - day * DAY) / 1000;
  const abs = Math.abs(offset);
  return `${prefix}${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${
    TWO_DIGITS[seconds % 60]
  }${offset < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

export interface LocalParts {
  /** "YYYY-MM-DD" */
  date: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

export function localParts(ms: number): LocalParts {
  const d = new Date(ms + offsetMinutes(ms) * MINUTE);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return {
    date: `${year}-${pad2(month)}-${pad2(day)}`,
    year,
    month,
    day,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
  };
}

/** The instant of a local wall time in Amsterdam (times inside a DST gap shift by an hour). */
export function localToMs(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const first = naive - offsetMinutes(naive - HOUR) * MINUTE;
  const offset = offsetMinutes(first);
  return naive - offset * MINUTE;
}

/** The same wall time `days` calendar days later (23 or 25 hours for a day with a DST change). */
export function plusDays(ms: number, days: number): number {
  const p = localParts(ms);
  const seconds = Math.floor(ms / 1000) % 60;
  return localToMs(p.year, p.month, p.day + days, p.hour, p.minute) + seconds * 1000;
}

/** The business calendar the demo's stories are written on, in the minutes they think in. */
export interface DemoCalendar {
  isWorkingDay(date: string): boolean;
  /** `minutes` after `from` on the clock; business time skips nights, weekends and holidays */
  add(from: number, minutes: number, clock: ClockKind): number;
  /** business minutes in [from, to) (0 when to ≤ from) */
  businessMinutes(from: number, to: number): number;
}

/**
 * The demo's view of the contract calendar. It covers every year, so the span [from, to] the
 * demo writes is no longer needed; the parameters stay until the callers stop passing it.
 * Times are whole milliseconds, as the demo has always written them.
 */
export function demoCalendar(_from?: number, _to?: number): DemoCalendar {
  return {
    isWorkingDay: (date) => CONTRACT_CALENDAR.isWorkingDay(date),
    add: (from, minutes, clock) => {
      // Clock time is plain elapsed time, also backwards; business time never goes back.
      if (clock === "clock") return Math.round(from + minutes * MINUTE);
      return minutes <= 0 ? from : Math.round(CONTRACT_CALENDAR.addMs(from, minutes * MINUTE, "business"));
    },
    businessMinutes: (from, to) => Math.max(0, CONTRACT_CALENDAR.elapsedMs(from, to, "business")) / MINUTE,
  };
}
