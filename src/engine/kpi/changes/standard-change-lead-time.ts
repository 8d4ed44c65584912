/**
 * O2.1 (M19): a `standard-change` from `createdAt` to its first `executed`, within the lead time
 * of its catalog item (`rules.standardChangeLeadTimes`, working days = full service days on the
 * business clock); the ticket's own `leadTimeDays` overrides the catalog. Counted per M5. Like the
 * other resolution clocks (M3), the time between a `paused` with a reason in
 * `rules.pauseReasons.resolution` (default: customer) and the next `resumed` does not count.
 * A standard change without a known lead time is listed as excluded in the period of its
 * execution (or, not executed yet, of its creation), and the notes say how many there were.
 */
import type { ContractRules } from "../../../config/schema/contract.js";
import type { Instant } from "../../../model/instant.js";
import type { PauseReason, Ticket } from "../../../model/schema.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import {
  deadlineAcross,
  type Interval,
  measureIntervals,
  pushInterval,
  subtractIntervals,
} from "../../timeline/intervals.js";
import type { KnownHistory } from "../../timeline/known-history.js";
import { durationText, measureOf, toMinutes, toSecond } from "../records/common.js";
import { shareScore, shareTarget, targetNote } from "../records/score.js";
import { ticketAnalysesFor } from "../tickets/analysis.js";
import type { CaseResult, KpiScorer } from "../types.js";
import {
  type CountedCase,
  countedDeadlineCase,
  countedInPeriod,
  excludedCase,
  firstAt,
  type KnownTicket,
  knownTicketsOfType,
} from "./common.js";

const SECOND_MS = 1000;

interface StandardChange extends CountedCase {
  /** no known lead time: listed as excluded */
  unknown: boolean;
}

export const scoreStandardChangeLeadTime: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "standard-change-lead-time");
  const { calendar, rules, period } = context;
  const now = toSecond(context.now);
  const reasons = rules.pauseReasons.resolution;
  const analyses = ticketAnalysesFor(input.tickets, context);
  const inPeriod = countedInPeriod(analyses, period, {
    // names the rules the cases read
    key: `standard-change-lead-time:${JSON.stringify(rules.standardChangeLeadTimes)}:${reasons.join(",")}`,
    tickets: knownTicketsOfType(analyses, "standard-change"),
    caseOf: (known) => standardChange(known, rules, calendar, now),
  });
  const unknown = inPeriod.filter((c) => c.unknown).length;
  const cases = inPeriod.map((c) => c.write(calendar));
  const target = shareTarget(kpi.norm, null);
  const notes = [
    "in time: created → executed within the lead time of the catalog item (rules.standardChangeLeadTimes; the ticket's leadTimeDays overrides), working days on the business clock; counted per M5",
    `pauses with reason ${reasons.join(", ") || "(none)"} not counted (rules.pauseReasons.resolution)`,
    targetNote(target, "norm"),
  ];
  if (unknown > 0)
    notes.push(`${unknown} standard change${unknown === 1 ? "" : "s"} without a known lead time excluded`);
  return shareScore(cases, target, { notes });
};

/** The case of one standard change as known at now; null while it counts in no period yet. */
function standardChange(
  { ticket, history }: KnownTicket,
  rules: ContractRules,
  calendar: BusinessCalendar,
  now: Instant,
): StandardChange | null {
  const executedAt = firstAt(history, "executed");
  const lead = leadTimeOf(ticket, rules);
  if (lead === null) {
    return {
      moment: executedAt ?? history.createdAt,
      unknown: true,
      write: () => unknownLeadTime(ticket, executedAt),
    };
  }
  const horizon = executedAt ?? now;
  const pauses = pauseSpans(history, rules.pauseReasons.resolution, horizon);
  const counting = subtractIntervals([[history.createdAt, horizon]], pauses);
  const ms = lead.days * calendar.serviceDayMs;
  const pausedMs = measureIntervals(calendar, pauses, "business");
  const note =
    pausedMs > 0
      ? `${lead.text}; paused ${durationText(pausedMs, calendar.serviceDayMs, "working day")} (not counted)`
      : lead.text;
  const counted = countedDeadlineCase(
    {
      id: ticket.id,
      source: ticket.source,
      stopAt: executedAt,
      deadline: deadlineAcross(calendar, counting, horizon, ms, "business"),
      lastInTime: deadlineAcross(calendar, counting, horizon, ms + SECOND_MS, "business") - SECOND_MS,
      value: toMinutes(measureIntervals(calendar, counting, "business")),
      note,
    },
    now,
  );
  return counted === null ? null : { moment: counted.moment, write: counted.write, unknown: false };
}

/** The lead time in working days: the ticket's own, else its catalog item's, else unknown. */
export function leadTimeOf(ticket: Ticket, rules: ContractRules): { days: number; text: string } | null {
  if (ticket.leadTimeDays !== null) {
    return { days: ticket.leadTimeDays, text: `lead time ${ticket.leadTimeDays} working days (ticket)` };
  }
  if (ticket.catalogItem === null) return null;
  const days = rules.standardChangeLeadTimes[ticket.catalogItem];
  return days === undefined
    ? null
    : { days, text: `lead time ${days} working days (catalog item ${ticket.catalogItem})` };
}

/**
 * Pauses (M3) from a `paused` with one of `reasons` to the next `resumed`, before `horizon` (the
 * execution, or now); a pause still running ends at the horizon.
 */
function pauseSpans(history: KnownHistory, reasons: readonly PauseReason[], horizon: Instant): Interval[] {
  const spans: Interval[] = [];
  let since: Instant | null = null;
  for (const event of history.events) {
    if (event.at >= horizon) break;
    if (event.type === "paused" && since === null && reasons.includes(event.reason)) since = event.at;
    else if (event.type === "resumed" && since !== null) {
      pushInterval(spans, since, event.at);
      since = null;
    }
  }
  if (since !== null) pushInterval(spans, since, horizon);
  return spans;
}

function unknownLeadTime(ticket: Ticket, executedAt: Instant | null): CaseResult {
  const item = ticket.catalogItem === null ? "no catalog item" : `catalog item ${ticket.catalogItem}`;
  return excludedCase(
    ticket,
    executedAt,
    `no known lead time (${item} not in rules.standardChangeLeadTimes, no leadTimeDays on the ticket)`,
  );
}
