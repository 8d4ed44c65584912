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
import {
  deadlineAcross,
  type Interval,
  measureIntervals,
  pushInterval,
  subtractIntervals,
} from "../../timeline/intervals.js";
import { inPeriod } from "../population.js";
import { durationText, measureOf, toMinutes } from "../records/common.js";
import { deadlineCase } from "../records/deadline-case.js";
import { shareScore, shareTarget, targetNote } from "../records/score.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { atSecond, firstAt, knownCreatedAt, knownEventAt } from "./common.js";

const SECOND_MS = 1000;

export const scoreStandardChangeLeadTime: KpiScorer = (input, kpi, scoring) => {
  measureOf(kpi, "standard-change-lead-time");
  const context = atSecond(scoring);
  const { calendar, rules, now } = context;
  const reasons = rules.pauseReasons.resolution;
  const cases: CaseResult[] = [];
  let unknown = 0;
  for (const ticket of input.tickets) {
    if (ticket.type !== "standard-change") continue;
    const createdAt = knownCreatedAt(ticket, now);
    if (createdAt === null) continue;
    const executedAt = firstAt(ticket, createdAt, now, "executed");
    const lead = leadTimeOf(ticket, rules);
    if (lead === null) {
      if (!inPeriod(executedAt ?? createdAt, context.period)) continue;
      unknown++;
      cases.push(unknownLeadTime(ticket, executedAt));
      continue;
    }
    const horizon = executedAt ?? now;
    const pauses = pauseSpans(ticket, createdAt, reasons, horizon);
    const counting = subtractIntervals([[createdAt, horizon]], pauses);
    const ms = lead.days * calendar.serviceDayMs;
    const pausedMs = measureIntervals(calendar, pauses, "business");
    const note = [
      lead.text,
      pausedMs > 0
        ? `paused ${durationText(pausedMs, calendar.serviceDayMs, "working day")} (not counted)`
        : "",
    ].filter((w) => w !== "");
    const counted = deadlineCase(
      {
        id: ticket.id,
        source: ticket.source,
        stopAt: executedAt,
        deadline: deadlineAcross(calendar, counting, horizon, ms, "business"),
        lastInTime: deadlineAcross(calendar, counting, horizon, ms + SECOND_MS, "business") - SECOND_MS,
        value: toMinutes(measureIntervals(calendar, counting, "business")),
        note: note.join("; "),
      },
      context,
    );
    if (counted !== null) cases.push(counted);
  }
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
function pauseSpans(
  ticket: Ticket,
  createdAt: Instant,
  reasons: readonly PauseReason[],
  horizon: Instant,
): Interval[] {
  const spans: Interval[] = [];
  let since: Instant | null = null;
  for (const event of ticket.events) {
    const at = knownEventAt(event, createdAt, horizon);
    if (at === null || at === horizon) break;
    if (event.type === "paused" && since === null && reasons.includes(event.reason)) since = at;
    else if (event.type === "resumed" && since !== null) {
      pushInterval(spans, since, at);
      since = null;
    }
  }
  if (since !== null) pushInterval(spans, since, horizon);
  return spans;
}

function unknownLeadTime(ticket: Ticket, executedAt: Instant | null): CaseResult {
  const item = ticket.catalogItem === null ? "no catalog item" : `catalog item ${ticket.catalogItem}`;
  return {
    id: ticket.id,
    source: ticket.source,
    value: null,
    deadline: null,
    stoppedAt: executedAt,
    verdict: "excluded",
    note: `no known lead time (${item} not in rules.standardChangeLeadTimes, no leadTimeDays on the ticket)`,
  };
}
