/**
 * O4.1 / M16: a `workplace-request` from registration to its first `ready`, within 5 working days
 * on the business clock (the KPI's duration norm; working days are full service days of the
 * calendar), counted per M5. As a resolution-type clock (M3) it pauses for the resolution pause
 * reasons of the clock policy (default: waiting for the customer), from `paused` to the next
 * `resumed`, `resolved` or `ready`. Norms are inclusive (M1).
 */

import type { Instant } from "../../../model/instant.js";
import type { PauseReason } from "../../../model/schema.js";
import type { BusinessCalendar, ClockKind } from "../../calendar/types.js";
import {
  deadlineAcross,
  type Interval,
  measureIntervals,
  pushInterval,
  subtractIntervals,
} from "../../timeline/intervals.js";
import { type KnownHistory, toSecond } from "../../timeline/known-history.js";
import { countingMoment } from "../population.js";
import type { CaseResult, KpiScorer } from "../types.js";
import type { TicketAnalysis } from "./analysis.js";
import { durationMs, localTime, measureOf, minutesText, toMinutes } from "./common.js";
import { shareScore, targetOf } from "./score.js";
import { countedTickets } from "./select.js";

/** M16's norm, used when the catalog gives O4.1 no duration norm. */
const DEFAULT_WORKING_DAYS = 5;

interface IssuanceClock {
  stopAt: Instant | null;
  deadline: Instant;
  elapsedMs: number;
}

function issuanceClock(
  history: KnownHistory,
  now: Instant,
  reasons: readonly PauseReason[],
  calendar: BusinessCalendar,
  allowedMs: number,
  clock: ClockKind,
): IssuanceClock {
  const stopAt = history.events.find((e) => e.type === "ready")?.at ?? null;
  const horizon = stopAt ?? now;
  const pauses: Interval[] = [];
  let pausedSince: Instant | null = null;
  for (const event of history.events) {
    if (event.at >= horizon) break;
    if (event.type === "paused" && pausedSince === null && reasons.includes(event.reason))
      pausedSince = event.at;
    else if ((event.type === "resumed" || event.type === "resolved") && pausedSince !== null) {
      pushInterval(pauses, pausedSince, event.at);
      pausedSince = null;
    }
  }
  if (pausedSince !== null) pushInterval(pauses, pausedSince, horizon);
  const active: Interval[] = [];
  pushInterval(active, history.createdAt, horizon);
  const counting = subtractIntervals(active, pauses);
  return {
    stopAt,
    deadline: deadlineAcross(calendar, counting, horizon, allowedMs, clock),
    elapsedMs: measureIntervals(calendar, counting, clock),
  };
}

export const scoreWorkplaceIssuance: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "workplace-issuance");
  const { calendar } = context;
  const now = toSecond(context.now);
  const norm = kpi.norm?.kind === "duration" ? kpi.norm : null;
  const allowedMs = norm === null ? DEFAULT_WORKING_DAYS * calendar.serviceDayMs : durationMs(norm, calendar);
  const clock: ClockKind = kpi.clock ?? "business";
  const reasons = context.policy.pauseReasons.resolution;
  const measure = (analysis: TicketAnalysis): IssuanceClock | null =>
    analysis.ticket.type !== "workplace-request" || analysis.history === null
      ? null
      : issuanceClock(analysis.history, now, reasons, calendar, allowedMs, clock);
  const { analyses, positions } = countedTickets(
    input,
    context,
    `workplace-issuance:${allowedMs}:${clock}`,
    (analysis) => {
      const issuance = measure(analysis);
      if (issuance === null) return null;
      const breached = issuance.elapsedMs > allowedMs;
      // Neither ready nor past its deadline: not counted yet (M5).
      if (issuance.stopAt === null && !breached) return null;
      return countingMoment(issuance.stopAt, issuance.deadline, breached);
    },
  );
  const cases: CaseResult[] = [];
  for (let i = 0; i < positions.length; i++) {
    const index = positions[i] as number;
    const { ticket } = analyses.at(index);
    const issuance = measure(analyses.at(index)) as IssuanceClock;
    const breached = issuance.elapsedMs > allowedMs;
    const result: CaseResult = {
      id: ticket.id,
      source: ticket.source,
      value: toMinutes(issuance.elapsedMs),
      deadline: issuance.deadline,
      stoppedAt: issuance.stopAt,
      verdict: breached ? "breached" : "within",
    };
    if (breached) {
      result.note =
        issuance.stopAt === null
          ? `not ready at report time; deadline ${localTime(issuance.deadline, calendar)}`
          : `ready ${localTime(issuance.stopAt, calendar)}, ${minutesText(issuance.elapsedMs - allowedMs)} over`;
    }
    cases.push(result);
  }
  const normText =
    norm === null
      ? `${DEFAULT_WORKING_DAYS} working days (M16 default)`
      : `${norm.amount} ${norm.unit === "workingDays" ? "working days" : norm.unit}`;
  return shareScore(cases, targetOf(kpi, context.rules.targetShareWithoutPercentage), {
    notes: [
      `created → first ready ≤ ${normText} on the ${clock} clock (a working day = ${minutesText(calendar.serviceDayMs)})`,
      `pauses: ${reasons.join(", ") || "none"}`,
      "population: workplace requests, counted per M5",
    ],
  });
};
