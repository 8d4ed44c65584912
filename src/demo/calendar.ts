/**
 * Time helpers for the demo generator: Europe/Amsterdam wall time, ISO text with offset, and a
 * deliberately small business calendar (Mon–Fri 08:00–18:00 minus the default Dutch holidays)
 * used only to place story events at realistic moments. KPI clocks are the engine's job; the
 * demo does not depend on it, so it can build data for any engine version.
 *
 * Luxon is the reference for the zone rules, but a luxon DateTime costs ~6 µs and the demo writes
 * ~100 000 timestamps, so the zone offset is asked from luxon once per UTC day (once per hour on
 * a day whose offset changes: the EU switches on whole UTC hours, 01:00 UTC) and cached, and the
 * text is put together from cached day prefixes. `iso()` equals luxon's
 * `toISO({ suppressMilliseconds: true })` (checked by a test).
 */
import { DateTime } from "luxon";

export const ZONE = "Europe/Amsterdam";
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** one service day (08:00–18:00) in minutes */
export const SERVICE_DAY_MINUTES = 600;

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

/** Easter Sunday (Gregorian), anonymous algorithm (Meeus/Jones/Butcher). */
function easter(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { month, day: ((h + l - 7 * m + 114) % 31) + 1 };
}

const dateKey = (utcMidnight: number): string => new Date(utcMidnight).toISOString().slice(0, 10);

/** The project's default Dutch holidays (interfaces.md): Liberation Day only in lustrum years. */
export function dutchHolidays(year: number): Set<string> {
  const e = easter(year);
  const easterDay = Date.UTC(year, e.month - 1, e.day);
  const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? 26 : 27;
  const days = [
    `${year}-01-01`,
    dateKey(easterDay + DAY),
    `${year}-04-${kingsDay}`,
    dateKey(easterDay + 39 * DAY),
    dateKey(easterDay + 50 * DAY),
    `${year}-12-25`,
    `${year}-12-26`,
  ];
  if (year % 5 === 0) days.push(`${year}-05-05`);
  return new Set(days);
}

export type ClockKind = "business" | "clock";

/** Service windows [start, end) of working days, precomputed over a range, with business arithmetic. */
export interface DemoCalendar {
  /** window starts (08:00 local) of the working days, ascending */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  isWorkingDay(date: string): boolean;
  /** `minutes` after `from` on the clock; business time skips nights, weekends and holidays */
  add(from: number, minutes: number, clock: ClockKind): number;
  /** business minutes in [from, to) (0 when to ≤ from) */
  businessMinutes(from: number, to: number): number;
  /** index of the first window whose end lies after `ms` */
  windowIndexAfter(ms: number): number;
}

/** Builds the calendar for [from, to]; business arithmetic past the range falls back to clock time. */
export function demoCalendar(from: number, to: number): DemoCalendar {
  const starts: number[] = [];
  const ends: number[] = [];
  const holidays = new Map<number, Set<string>>();
  const isWorkingDay = (date: string): boolean => {
    const year = Number(date.slice(0, 4));
    let set = holidays.get(year);
    if (set === undefined) {
      set = dutchHolidays(year);
      holidays.set(year, set);
    }
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !set.has(date);
  };
  const first = localParts(from - 7 * DAY);
  for (let day = Date.UTC(first.year, first.month - 1, first.day); day <= to + DAY; day += DAY) {
    const date = dateKey(day);
    if (!isWorkingDay(date)) continue;
    const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
    starts.push(localToMs(y, m, d, 8));
    ends.push(localToMs(y, m, d, 18));
  }

  const windowIndexAfter = (ms: number): number => {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] as number) <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const addBusiness = (fromMs: number, minutes: number): number => {
    if (minutes <= 0) return fromMs;
    let remaining = minutes * MINUTE;
    for (let i = windowIndexAfter(fromMs); i < ends.length; i++) {
      const start = Math.max(fromMs, starts[i] as number);
      const available = (ends[i] as number) - start;
      if (remaining <= available) return Math.round(start + remaining);
      remaining -= available;
    }
    return Math.round(Math.max(fromMs, ends[ends.length - 1] ?? fromMs) + remaining);
  };

  const businessMinutes = (fromMs: number, toMs: number): number => {
    let total = 0;
    for (let i = windowIndexAfter(fromMs); i < ends.length && (starts[i] as number) < toMs; i++) {
      total += Math.min(toMs, ends[i] as number) - Math.max(fromMs, starts[i] as number);
    }
    return Math.max(0, total) / MINUTE;
  };

  return {
    starts,
    ends,
    isWorkingDay,
    add: (fromMs, minutes, clock) =>
      clock === "clock" ? Math.round(fromMs + minutes * MINUTE) : addBusiness(fromMs, minutes),
    businessMinutes,
    windowIndexAfter,
  };
}
