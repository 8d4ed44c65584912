/**
 * T2.2 (M19): a `change` from its `go` decision to its first `executed`, within 15 working days
 * on the business clock (or the norm's duration), per M5; target share per decision 1.
 * The decision that counts is the `go` in force at the execution (or now): the first `go` after
 * the last `no-go`, so a withdrawn decision and its later renewal restart the clock, and a
 * repeated `go` does not. A change executed with no `go` in force is listed as excluded in the
 * period of its execution; one whose last decision is `no-go` and not executed is not counted.
 */
import type { Instant } from "../../../model/instant.js";
import type { KnownHistory } from "../../timeline/known-history.js";
import { allowedTimeCase, allowedTimeScorer } from "./allowed-time-scorer.js";
import { excludedCase, knownTicketsOfType } from "./common.js";

/** M19 / appendix T2.2: go/no-go → execution in at most this many working days. */
export const LEAD_TIME_DAYS = 15;

export const scoreChangeLeadTime = allowedTimeScorer({
  measure: "change-lead-time",
  days: LEAD_TIME_DAYS,
  tickets: (analyses) => knownTicketsOfType(analyses, "change"),
  caseOf: ({ ticket, history }, allowed, time) => {
    const { goAt, executedAt } = goToExecution(history);
    if (goAt !== null) return allowedTimeCase(ticket, { start: goAt, stop: executedAt }, allowed, time);
    if (executedAt === null) return null;
    const note = "executed without a go decision in force";
    return { moment: executedAt, write: () => excludedCase(ticket, executedAt, note) };
  },
  note: (allowed) => `in time: executed within ${allowed.text} after the go decision; counted per M5`,
});

/** The go decision in force at the first execution (or now), and that execution, as known at now. */
export function goToExecution(history: KnownHistory): { goAt: Instant | null; executedAt: Instant | null } {
  let goAt: Instant | null = null;
  for (const event of history.events) {
    if (event.type === "go-no-go") {
      if (event.decision === "no-go") goAt = null;
      else goAt ??= event.at;
    } else if (event.type === "executed") {
      return { goAt, executedAt: event.at };
    }
  }
  return { goAt, executedAt: null };
}
