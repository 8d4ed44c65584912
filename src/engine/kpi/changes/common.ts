/**
 * What the change scorers share (M19): the tickets they read with their history as known at now,
 * cases found once per report and written for the period they count in, a working-day deadline
 * case per M5, and decision 1's target share.
 *
 * A change KPI's cases do not depend on the period: each counts once, in the period holding its
 * moment (M5). So each scorer finds its cases once per report (`analyses.derived`, keyed by
 * everything they depend on besides the tickets, calendar, policy and now) and every period of
 * the report (the period and its trend periods) only picks the ones it holds. Histories come
 * from the report's shared ticket analyses (`knownHistory`: whole seconds, never before the
 * ticket's creation, none after now); walking every ticket's events once per KPI and period
 * instead cost over a second for a 200,000-ticket quarter with its trend.
 */
import type { ContractRules } from "../../../config/schema/contract.js";
import type { Instant } from "../../../model/instant.js";
import type { Ticket, TicketEvent, TicketEventType } from "../../../model/schema.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import type { KnownHistory } from "../../timeline/known-history.js";
import { inPeriod } from "../population.js";
import type { AllowedTime } from "../records/allowed-time.js";
import { toMinutes } from "../records/common.js";
import {
  type DeadlineCaseSpec,
  deadlineAfter,
  deadlineCaseResult,
  deadlineVerdict,
} from "../records/deadline-case.js";
import type { TicketAnalyses } from "../tickets/analysis.js";
import type { HistoryFact } from "../tickets/lifecycle.js";
import type { CaseResult, KpiDefinition, Period } from "../types.js";

/** A ticket created by now, with its events as known at now. */
export interface KnownTicket {
  ticket: Ticket;
  history: KnownHistory;
}

/**
 * The tickets passing `includes` that were created by now, and whose known history holds `fact`
 * when one is given, in input order, found once per report under `name` (which must say what
 * is tested). `includes` sees the ticket as stored, to narrow the list cheaply.
 */
export function knownTickets(
  analyses: TicketAnalyses,
  name: string,
  includes: (ticket: Ticket) => boolean,
  fact?: HistoryFact,
): readonly KnownTicket[] {
  return analyses.derived(`known-tickets:${name}`, () => {
    const known: KnownTicket[] = [];
    for (let index = 0; index < analyses.tickets.length; index++) {
      if (!includes(analyses.tickets[index] as Ticket)) continue;
      const analysis = analyses.at(index);
      if (analysis.history === null || (fact !== undefined && !analysis.holds(fact))) continue;
      known.push({ ticket: analysis.ticket, history: analysis.history });
    }
    return known;
  });
}

/** The known tickets of one type (`change`, `standard-change`). */
export function knownTicketsOfType(analyses: TicketAnalyses, type: Ticket["type"]): readonly KnownTicket[] {
  return knownTickets(analyses, `type:${type}`, (ticket) => ticket.type === type);
}

/** The first known event of `type` at or after `from`, or null. */
export function firstAt(
  history: KnownHistory,
  type: TicketEventType,
  from = Number.NEGATIVE_INFINITY,
): Instant | null {
  for (const event of history.events) {
    if (event.type === type && event.at >= from) return event.at;
  }
  return null;
}

/** The first known event matching `test`, or null. */
export function firstEvent(history: KnownHistory, test: (event: TicketEvent) => boolean): TicketEvent | null {
  return history.events.find(test) ?? null;
}

/** A case found once per report: the moment it counts at (M5), and how it is written. */
export interface CountedCase {
  moment: Instant;
  /** The case with its notes, written only for the period it counts in (notes cost time). */
  write(calendar: BusinessCalendar): CaseResult;
}

/** The counted cases whose moment lies in the period, in the order found. */
export function countedIn<C extends CountedCase>(counted: readonly C[], period: Period): C[] {
  return counted.filter((c) => inPeriod(c.moment, period));
}

/** A deadline case (see `deadlineCase`) as known at `now`; null while it counts in no period yet. */
export function countedDeadlineCase(spec: DeadlineCaseSpec, now: Instant): CountedCase | null {
  const { breached, moment } = deadlineVerdict(spec, now);
  if (moment === null) return null;
  return { moment, write: (calendar) => deadlineCaseResult(spec, breached, calendar) };
}

/**
 * A case from `start` to `stop` against an allowed time, per M5 (see `deadlineCase`), as known at
 * `now` (whole seconds). The value is the elapsed time on the allowed time's clock to the stop,
 * or so far while open; a stop before the start (e.g. an analysis shared before the ticket was
 * closed) is in time with value 0.
 */
export function allowedTimeCase(
  ticket: Ticket,
  span: { start: Instant; stop: Instant | null },
  allowed: AllowedTime,
  context: { calendar: BusinessCalendar; now: Instant },
  note?: string,
): CountedCase | null {
  const { start, stop } = span;
  const { deadline, lastInTime } = deadlineAfter(context.calendar, start, allowed.ms, allowed.clock);
  const elapsed = Math.max(0, context.calendar.elapsedMs(start, stop ?? context.now, allowed.clock));
  const spec: DeadlineCaseSpec = {
    id: ticket.id,
    source: ticket.source,
    stopAt: stop,
    deadline,
    lastInTime,
    value: toMinutes(elapsed),
  };
  if (note !== undefined) spec.note = note;
  return countedDeadlineCase(spec, context.now);
}

/**
 * Decision 1: a norm written without a percentage (T2.2, T2.5, T1.3) asks for the configured share
 * (`rules.targetShareWithoutPercentage`, default 100 %). A parsed duration norm always carries a
 * share, and share 1 is what "no percentage" parses to, so only a share other than 1 (or a `min`
 * norm) is taken as a written percentage.
 */
export function decisionOneTarget(
  kpi: KpiDefinition,
  rules: ContractRules,
): { target: number; source: string } {
  const norm = kpi.norm;
  if (norm?.kind === "duration" && norm.share !== 1) return { target: norm.share, source: "norm" };
  if (norm?.kind === "min") return { target: norm.value, source: "norm" };
  return {
    target: rules.targetShareWithoutPercentage,
    source: "decision 1: rules.targetShareWithoutPercentage",
  };
}
