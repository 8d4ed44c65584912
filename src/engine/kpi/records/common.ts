/**
 * Small pieces the record and change scorers share: whole-second instants (M1), calendar
 * arithmetic in the contract's zone ("90 days before", "12 months up to"), the text of instants
 * and durations in notes, and the measure a scorer was registered for.
 */
import { DateTime } from "luxon";
import type { Instant } from "../../../model/instant.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import type { KpiDefinition, MeasureRule, MeasureSpec } from "../types.js";
import { zoneOffsetMs } from "../zone-offset.js";

/** M1: the contract computes in whole seconds; sub-second parts are dropped. */
export function toSecond(at: Instant): Instant {
  return Math.floor(at / 1000) * 1000;
}

/** A nullable instant in whole seconds, null when unknown at `now` (what happens after now is unknown). */
export function knownAt(at: Instant | null, now: Instant): Instant | null {
  if (at === null) return null;
  const second = toSecond(at);
  return second <= now ? second : null;
}

/** The measure of a KPI, checked against the rule the scorer implements. */
export function measureOf<R extends MeasureRule>(
  kpi: KpiDefinition,
  rule: R,
): Extract<MeasureSpec, { rule: R }> {
  if (kpi.measure.rule !== rule) {
    throw new TypeError(`${kpi.id}: the "${rule}" scorer cannot score measure "${kpi.measure.rule}"`);
  }
  return kpi.measure as Extract<MeasureSpec, { rule: R }>;
}

/**
 * `at` moved back by whole calendar days or months on the wall calendar of `zone` (so "90 days
 * before" a date keeps its time of day across a DST change). Months clamp to the month's end.
 * @example minusCalendar(Date.parse("2026-04-01T00:00:00+02:00"), { months: 12 }, "Europe/Amsterdam") // 2025-04-01T00:00+02:00
 */
export function minusCalendar(
  at: Instant,
  amount: { days?: number; months?: number },
  zone: string,
): Instant {
  return DateTime.fromMillis(at, { zone }).minus(amount).toMillis();
}

/** Whole calendar days from `from` to `to` on the wall calendar of `zone` (rounded down). */
export function calendarDaysBetween(from: Instant, to: Instant, zone: string): number {
  const days = DateTime.fromMillis(to, { zone }).diff(DateTime.fromMillis(from, { zone }), "days").days;
  return Math.floor(days + 1e-9);
}

/** The calendar quarters [start, end) of `zone` that intersect [from, to), with labels "2026-Q1". */
export function quartersBetween(
  from: Instant,
  to: Instant,
  zone: string,
): Array<{ label: string; start: Instant; end: Instant }> {
  const quarters: Array<{ label: string; start: Instant; end: Instant }> = [];
  let start = DateTime.fromMillis(from, { zone }).startOf("quarter");
  while (start.toMillis() < to) {
    const end = start.plus({ months: 3 });
    quarters.push({ label: `${start.year}-Q${start.quarter}`, start: start.toMillis(), end: end.toMillis() });
    start = end;
  }
  return quarters;
}

/**
 * Instant → "2026-03-02 09:15" in the calendar's zone, for notes. Notes are written for up to
 * hundreds of thousands of cases, so the text is built without luxon (see `zoneOffsetMs`).
 */
export function localTime(at: Instant, calendar: BusinessCalendar): string {
  return new Date(at + zoneOffsetMs(calendar.zone, at)).toISOString().slice(0, 16).replace("T", " ");
}

/** Milliseconds → minutes, to the second (the engine's precision). */
export function toMinutes(ms: number): number {
  return Math.round(ms / 1000) / 60;
}

/** A duration in notes: "45 min", "2 working days 3 h" on the business clock, "3 days 2 h" on the clock. */
export function durationText(ms: number, dayMs: number, dayWord: "working day" | "day"): string {
  const days = Math.floor(ms / dayMs);
  const rest = ms - days * dayMs;
  const hours = Math.floor(rest / 3_600_000);
  const minutes = Math.round((rest - hours * 3_600_000) / 60_000);
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} ${dayWord}${days === 1 ? "" : "s"}`);
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0 || parts.length === 0) parts.push(`${minutes} min`);
  return parts.join(" ");
}

/** "85 %" / "99.5 %" for notes. */
export function percentText(share: number): string {
  return `${Number((share * 100).toFixed(2))} %`;
}
