/**
 * What the change scorers share (M19): the tickets they read with their history as known at now,
 * cases found once per report and counted in the period they fall in, and a deadline case per M5.
 *
 * A change KPI's cases do not depend on the period: each counts once, in the period holding its
 * moment (M5). So each scorer finds its cases once per report (`countedInPeriod`, keyed by
 * everything they depend on besides the tickets, calendar, policy and now) and every period of
 * the report (the period and its trend periods) only picks the ones it holds. Histories come
 * from the report's shared ticket analyses (`knownHistory`: whole seconds, never before the
 * ticket's creation, none after now); walking every ticket's events once per KPI and period
 * instead cost over a second for a 200,000-ticket quarter with its trend.
 */
import type { Instant } from "../../../model/instant.js";
import type { Ticket, TicketEvent, TicketEventType } from "../../../model/schema.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import type { KnownHistory } from "../../timeline/known-history.js";
import { inPeriod } from "../population.js";
import { type DeadlineCaseSpec, deadlineCaseResult, deadlineVerdict } from "../records/deadline-case.js";
import type { TicketAnalyses } from "../tickets/analysis.js";
import type { HistoryFact } from "../tickets/lifecycle.js";
import type { CaseResult, Period } from "../types.js";

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

/** How a change scorer finds its cases (see `countedInPeriod`). */
export interface CaseFinder<C extends CountedCase> {
  /** Names everything `caseOf` reads besides the tickets, calendar, policy and now. */
  key: string;
  tickets: readonly KnownTicket[];
  /** The ticket's case as known at now; null while it counts in no period yet. */
  caseOf(known: KnownTicket): C | null;
}

/**
 * The frame of every change scorer: its cases, found once per report (see the file comment), and
 * of those the ones whose moment lies in `period`, in ticket order.
 */
export function countedInPeriod<C extends CountedCase>(
  analyses: TicketAnalyses,
  period: Period,
  finder: CaseFinder<C>,
): C[] {
  const counted = analyses.derived(finder.key, () => {
    const found: C[] = [];
    for (const known of finder.tickets) {
      const c = finder.caseOf(known);
      if (c !== null) found.push(c);
    }
    return found;
  });
  return counted.filter((c) => inPeriod(c.moment, period));
}

/** A ticket listed as excluded from the share, with why; `stoppedAt` is its moment, if any. */
export function excludedCase(ticket: Ticket, stoppedAt: Instant | null, note: string): CaseResult {
  return {
    id: ticket.id,
    source: ticket.source,
    value: null,
    deadline: null,
    stoppedAt,
    verdict: "excluded",
    note,
  };
}

/** A deadline case (see `deadlineCase`) as known at `now`; null while it counts in no period yet. */
export function countedDeadlineCase(spec: DeadlineCaseSpec, now: Instant): CountedCase | null {
  const { breached, moment } = deadlineVerdict(spec, now);
  if (moment === null) return null;
  return { moment, write: (calendar) => deadlineCaseResult(spec, breached, calendar) };
}
