/**
 * Small pieces every ticket scorer shares: populations (M16), norms in milliseconds, the text of
 * instants and durations in notes, and the measure a scorer was registered for.
 */
import type { Instant } from "../../../model/instant.js";
import { MINUTE_MS } from "../../../model/instant.js";
import type { Ticket } from "../../../model/schema.js";
import type { BusinessCalendar, ClockKind } from "../../calendar/types.js";
import type { Interval } from "../../timeline/intervals.js";
import { intersectIntervals, measureIntervals } from "../../timeline/intervals.js";
import { inPeriod } from "../population.js";
import type { KpiDefinition, MeasureRule, MeasureSpec, Norm, Period } from "../types.js";
import { zoneOffsetMs } from "../zone-offset.js";

/** M16: O1.2–O1.9, O1.11 and O3.1 count incidents and security incidents. */
export function isIncident(ticket: Ticket): boolean {
  return ticket.type === "incident" || ticket.type === "security-incident";
}

/** M16: O3.2–O3.4, T2.6 (and here T2.4) count every ticket except changes. */
export function isServiceTicket(ticket: Ticket): boolean {
  // Two comparisons rather than a list's `includes`: this runs for every ticket of several KPIs.
  return ticket.type !== "change" && ticket.type !== "standard-change";
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

/** A duration norm's allowed time in ms; working days count as full service days of the calendar. */
export function durationMs(norm: Extract<Norm, { kind: "duration" }>, calendar: BusinessCalendar): number {
  switch (norm.unit) {
    case "minutes":
      return norm.amount * MINUTE_MS;
    case "hours":
      return norm.amount * 60 * MINUTE_MS;
    case "workingDays":
      return norm.amount * calendar.serviceDayMs;
  }
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Instant → "2026-03-02 09:15" (wall clock in the calendar's zone), for notes. */
export function localTime(at: Instant, calendar: BusinessCalendar): string {
  const wall = new Date(at + zoneOffsetMs(calendar.zone, at));
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** Milliseconds → minutes, to the second (the engine's precision). */
export function toMinutes(ms: number): number {
  return Math.round(ms / 1000) / 60;
}

/** Minutes in notes: "15 min", "2.5 min". */
export function minutesText(ms: number): string {
  return `${Number(toMinutes(ms).toFixed(2))} min`;
}

/** Length on `clock` of the part of [from, to) in which the ticket was open (resolved spans left out). */
export function openLengthMs(
  calendar: BusinessCalendar,
  from: Instant,
  to: Instant,
  openSpans: readonly Interval[],
  clock: ClockKind,
): number {
  if (to <= from) return 0;
  return measureIntervals(calendar, intersectIntervals([[from, to]], openSpans), clock);
}

/** Whether a counting moment lies in the period (a case not counted yet has none). */
export function countsIn(moment: Instant | null, period: Period): moment is Instant {
  return moment !== null && inPeriod(moment, period);
}
