/**
 * The demo's period: the `months` months up to `now`, its calendar days and working days, and
 * helpers to pick realistic moments in it.
 */
import { DateTime } from "luxon";
import { DAY, type DemoCalendar, demoCalendar, HOUR, localParts, localToMs, ZONE } from "./calendar.js";
import type { Rng } from "./rng.js";

/** How far past `now` the business calendar reaches: stories are written whole, then cut at now. */
const HORIZON_DAYS = 400;

export interface DemoDay {
  /** local midnight */
  start: number;
  /** "YYYY-MM-DD" */
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  working: boolean;
}

export interface DemoWindow {
  start: number;
  now: number;
  cal: DemoCalendar;
  /** every calendar day that starts before `now`, from the day holding `start` */
  days: DemoDay[];
  /** the working days among them */
  workingDays: DemoDay[];
}

export function demoWindow(now: number, months: number): DemoWindow {
  const start = DateTime.fromMillis(now, { zone: ZONE }).minus({ months }).toMillis();
  const cal = demoCalendar(start, now + HORIZON_DAYS * DAY);
  const days: DemoDay[] = [];
  const first = localParts(start);
  for (let utc = Date.UTC(first.year, first.month - 1, first.day); ; utc += DAY) {
    const d = new Date(utc);
    const dayStart = localToMs(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    if (dayStart >= now) break;
    const date = d.toISOString().slice(0, 10);
    days.push({
      start: dayStart,
      date,
      weekday: ((d.getUTCDay() + 6) % 7) + 1,
      working: cal.isWorkingDay(date),
    });
  }
  return { start, now, cal, days, workingDays: days.filter((d) => d.working) };
}

/** The wall time `hour:minute` on a day (DST-safe: built from the local date, not by adding hours). */
export function atTime(day: DemoDay, hour: number, minute = 0): number {
  const [y, m, d] = day.date.split("-").map(Number) as [number, number, number];
  return localToMs(y, m, d, hour, minute);
}

/** Keeps a moment inside [start, now]. */
export function clampToWindow(w: DemoWindow, ms: number): number {
  return Math.min(w.now, Math.max(w.start, ms));
}

/** The working day at fraction `f` (0–1) of the window; with `weekday`, the nearest such day. */
export function workingDayAt(w: DemoWindow, f: number, weekday?: number): DemoDay {
  const days = weekday === undefined ? w.workingDays : w.workingDays.filter((d) => d.weekday === weekday);
  const pool = days.length > 0 ? days : w.workingDays;
  const index = Math.min(pool.length - 1, Math.max(0, Math.round(f * (pool.length - 1))));
  return pool[index] as DemoDay;
}

/** A moment on a working day at fraction `f` of the window, at a time of day, never after now. */
export function momentAt(w: DemoWindow, rng: Rng, f: number, hour: number, weekday?: number): number {
  const day = workingDayAt(w, f, weekday);
  const at = atTime(day, hour, rng.int(0, 59)) + rng.int(0, 59) * 1000;
  return at < w.now && at >= w.start ? at : clampToWindow(w, w.now - rng.float(2, 6) * HOUR);
}

/** `n` working days before now, at a morning hour (for tickets that must still be open at now). */
export function workingDaysBeforeNow(w: DemoWindow, rng: Rng, n: number): number {
  const index = Math.max(0, w.workingDays.length - 1 - n);
  const day = w.workingDays[index] as DemoDay;
  return clampToWindow(w, atTime(day, 9, rng.int(0, 59)) + rng.int(0, 59) * 1000);
}
