/**
 * T2.5 (M19): for every ticket that was ever a major incident (a `major` event with value true),
 * the root-cause analysis is shared (`rca-shared`) within 10 working days (business clock, or the
 * norm's duration) of its closure, per M5; target share per decision 1.
 * The clock starts at the ticket's closure: its first `closed` after the last `reopened`, or, when
 * it was never closed since then, its first `resolved` after the last `reopened`. A ticket that is
 * open again (reopened and not yet resolved) has no running clock. An analysis shared before the
 * closure is in time.
 */
import type { Instant } from "../../../model/instant.js";
import type { Ticket } from "../../../model/schema.js";
import { allowedTime, workingDays } from "../records/allowed-time.js";
import { localTime, measureOf } from "../records/common.js";
import { shareScore, targetNote } from "../records/score.js";
import type { CaseResult, KpiScorer } from "../types.js";
import {
  allowedTimeCase,
  atSecond,
  decisionOneTarget,
  firstAt,
  firstEvent,
  knownCreatedAt,
  knownEventAt,
} from "./common.js";

/** M19 / appendix T2.5: analysis shared at most this many working days after closure. */
export const RCA_DAYS = 10;

const becameMajor = (e: Ticket["events"][number]) => e.type === "major" && e.value;

export const scoreRcaTimeliness: KpiScorer = (input, kpi, scoring) => {
  measureOf(kpi, "rca-timeliness");
  const context = atSecond(scoring);
  const { calendar, now } = context;
  const allowed = allowedTime(kpi, calendar, workingDays(RCA_DAYS, calendar, "M19"));
  const cases: CaseResult[] = [];
  for (const ticket of input.tickets) {
    const createdAt = knownCreatedAt(ticket, now);
    if (createdAt === null || firstEvent(ticket, createdAt, now, becameMajor) === null) continue;
    const closure = closureOf(ticket, createdAt, now);
    if (closure === null) continue;
    const sharedAt = firstAt(ticket, createdAt, now, "rca-shared");
    const start =
      closure.kind === "closed"
        ? `closed ${localTime(closure.at, calendar)}`
        : `never closed: from the resolution ${localTime(closure.at, calendar)}`;
    const note =
      sharedAt !== null && sharedAt < closure.at ? `${start}; analysis shared before closure` : start;
    const counted = allowedTimeCase(ticket, closure.at, sharedAt, allowed, context, note);
    if (counted !== null) cases.push(counted);
  }
  const { target, source } = decisionOneTarget(kpi, context.rules);
  return shareScore(cases, target, {
    notes: [
      `population: tickets that were ever major; in time: rca-shared within ${allowed.text} after closure (or final resolution); counted per M5`,
      targetNote(target, source),
    ],
  });
};

/** Where the analysis clock starts: closure, else resolution, since the last reopen; null while open. */
export function closureOf(
  ticket: Ticket,
  createdAt: Instant,
  now: Instant,
): { at: Instant; kind: "closed" | "resolved" } | null {
  let closedAt: Instant | null = null;
  let resolvedAt: Instant | null = null;
  for (const event of ticket.events) {
    const at = knownEventAt(event, createdAt, now);
    if (at === null) break;
    if (event.type === "reopened") {
      closedAt = null;
      resolvedAt = null;
    } else if (event.type === "closed") closedAt ??= at;
    else if (event.type === "resolved") resolvedAt ??= at;
  }
  if (closedAt !== null) return { at: closedAt, kind: "closed" };
  return resolvedAt === null ? null : { at: resolvedAt, kind: "resolved" };
}
