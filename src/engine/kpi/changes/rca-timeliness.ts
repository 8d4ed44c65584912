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
import type { KnownHistory } from "../../timeline/known-history.js";
import { localTime } from "../records/common.js";
import { allowedTimeCase, allowedTimeScorer } from "./allowed-time-scorer.js";
import { firstAt, knownTickets } from "./common.js";

/** M19 / appendix T2.5: analysis shared at most this many working days after closure. */
export const RCA_DAYS = 10;

export const scoreRcaTimeliness = allowedTimeScorer({
  measure: "rca-timeliness",
  days: RCA_DAYS,
  tickets: (analyses) => knownTickets(analyses, "ever-major", () => true, "major"),
  caseOf: ({ ticket, history }, allowed, time) => {
    const closure = closureOf(history);
    if (closure === null) return null;
    const sharedAt = firstAt(history, "rca-shared");
    const start =
      closure.kind === "closed"
        ? `closed ${localTime(closure.at, time.calendar)}`
        : `never closed: from the resolution ${localTime(closure.at, time.calendar)}`;
    const note =
      sharedAt !== null && sharedAt < closure.at ? `${start}; analysis shared before closure` : start;
    return allowedTimeCase(ticket, { start: closure.at, stop: sharedAt }, allowed, time, note);
  },
  note: (allowed) =>
    `population: tickets that were ever major; in time: rca-shared within ${allowed.text} after closure (or final resolution); counted per M5`,
});

/** Where the analysis clock starts: closure, else resolution, since the last reopen; null while open. */
export function closureOf(history: KnownHistory): { at: Instant; kind: "closed" | "resolved" } | null {
  let closedAt: Instant | null = null;
  let resolvedAt: Instant | null = null;
  for (const event of history.events) {
    if (event.type === "reopened") {
      closedAt = null;
      resolvedAt = null;
    } else if (event.type === "closed") closedAt ??= event.at;
    else if (event.type === "resolved") resolvedAt ??= event.at;
  }
  if (closedAt !== null) return { at: closedAt, kind: "closed" };
  return resolvedAt === null ? null : { at: resolvedAt, kind: "resolved" };
}
