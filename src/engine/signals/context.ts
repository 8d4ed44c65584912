/**
 * What every signal reads besides the tickets, and the pieces of a ticket's clocks they share.
 * Clocks come from the report's per-ticket analysis (computed once per report, shared with the
 * KPIs); a clock's spans are recomputed only for the few tickets whose pauses or priority
 * changes a signal has to look into.
 */
import type { ContractRules } from "../../config/schema/contract.js";
import type { SignalSettings } from "../../config/schema/signals.js";
import type { Instant } from "../../model/instant.js";
import type { BusinessCalendar, ClockKind } from "../calendar/types.js";
import type { TicketAnalysis } from "../kpi/tickets/analysis.js";
import { clockMoment } from "../kpi/tickets/clock-case.js";
import { type ClockSpans, clockSpans } from "../timeline/clock-spans.js";
import type { ClockName, ClockOutcome, ClockPolicy } from "../timeline/index.js";
import type { Interval } from "../timeline/intervals.js";
import { toSecond } from "../timeline/known-history.js";
import type { PeriodSlots } from "./slots.js";

export interface SignalContext {
  calendar: BusinessCalendar;
  policy: ClockPolicy;
  rules: ContractRules;
  settings: SignalSettings;
  now: Instant;
  slots: PeriodSlots;
}

export interface CountedClock {
  outcome: ClockOutcome;
  /** the slot of the period the clock's case counts in (M5) */
  slot: number;
}

/**
 * The response and resolution clocks of an incident or security incident (the O1.2–O1.9
 * population, M16) that count in one of the slots' periods; null for other tickets and for
 * clocks not counted there. Found once per ticket for every signal that reads them.
 */
export interface TicketClocks {
  response: CountedClock | null;
  resolution: CountedClock | null;
}

/** Looks at every ticket created by now once (position `index` in the list); fills its meters. */
export interface TicketObserver {
  observe(analysis: TicketAnalysis, index: number, clocks: TicketClocks): void;
}

/** The clock's case when it counts in one of the slots' periods, else null. */
export function countedClock(
  analysis: TicketAnalysis,
  name: ClockName,
  slots: PeriodSlots,
): CountedClock | null {
  const outcome = analysis.clock(name);
  if (outcome === null) return null;
  const moment = clockMoment(outcome);
  if (moment === null) return null;
  const slot = slots.slotOf(moment);
  return slot < 0 ? null : { outcome, slot };
}

/** The clock's spans (start, counting and paused time), as the clock itself computed them. */
export function spansOf(analysis: TicketAnalysis, name: ClockName, context: SignalContext): ClockSpans {
  // Only called for tickets whose clock exists, so the history does too.
  const history = analysis.history as NonNullable<TicketAnalysis["history"]>;
  return clockSpans(name, history, toSecond(context.now), context.policy.pauseReasons[name]);
}

/** Time on `clock` of the counting spans before `until`. */
export function countedBefore(
  calendar: BusinessCalendar,
  counting: readonly Interval[],
  until: Instant,
  clock: ClockKind,
): number {
  let total = 0;
  for (let i = 0; i < counting.length; i++) {
    const span = counting[i] as Interval;
    if (span[0] >= until) break;
    total += calendar.elapsedMs(span[0], Math.min(span[1], until), clock);
  }
  return total;
}

/** A duration as notes say it: "45 min" under two hours, else "3.5 h" (never days: a service day is not 24 h). */
export function durationWords(ms: number): string {
  const minutes = Math.round(ms / 1000) / 60;
  if (Math.abs(minutes) < 120) return `${Number(minutes.toFixed(1))} min`;
  return `${Number((minutes / 60).toFixed(1))} h`;
}
