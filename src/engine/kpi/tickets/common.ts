/**
 * Small pieces every ticket scorer shares: populations (M16), norms in milliseconds, the text of
 * instants and durations in notes, and the measure a scorer was registered for.
 */
import { IANAZone } from "luxon";
import type { Instant } from "../../../model/instant.js";
import { MINUTE_MS } from "../../../model/instant.js";
import type { Ticket, TicketType } from "../../../model/schema.js";
import type { BusinessCalendar, ClockKind } from "../../calendar/types.js";
import type { Interval } from "../../timeline/intervals.js";
import { intersectIntervals, measureIntervals } from "../../timeline/intervals.js";
import { inPeriod } from "../population.js";
import type { KpiDefinition, MeasureRule, MeasureSpec, Norm, Period } from "../types.js";

/** M16: O1.2–O1.9, O1.11 and O3.1 count incidents and security incidents. */
export function isIncident(ticket: Ticket): boolean {
  return ticket.type === "incident" || ticket.type === "security-incident";
}

const CHANGE_TYPES: readonly TicketType[] = ["change", "standard-change"];

/** M16: O3.2–O3.4, T2.6 (and here T2.4) count every ticket except changes. */
export function isServiceTicket(ticket: Ticket): boolean {
  return !CHANGE_TYPES.includes(ticket.type);
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

// Zone offsets per quarter hour (every tzdb transition falls on one): formatting a note must not
// cost an Intl call, as a report can hold tens of thousands of breached cases.
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const offsets = new Map<string, Map<number, number>>();

function offsetMsAt(zone: string, at: Instant): number {
  let byQuarter = offsets.get(zone);
  if (byQuarter === undefined || byQuarter.size > 200_000) {
    byQuarter = new Map();
    offsets.set(zone, byQuarter);
  }
  const quarter = Math.floor(at / QUARTER_HOUR_MS);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(quarter * QUARTER_HOUR_MS) * MINUTE_MS;
    byQuarter.set(quarter, offset);
  }
  return offset;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Instant → "2026-03-02 09:15" (wall clock in the calendar's zone), for notes. */
export function localTime(at: Instant, calendar: BusinessCalendar): string {
  const wall = new Date(at + offsetMsAt(calendar.zone, at));
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
