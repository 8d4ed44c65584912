/**
 * T2.2 (M19): a `change` from its `go` decision to its first `executed`, within 15 working days
 * on the business clock (or the norm's duration), per M5; target share per decision 1.
 * The decision that counts is the `go` in force at the execution (or now): the first `go` after
 * the last `no-go`, so a withdrawn decision and its later renewal restart the clock, and a
 * repeated `go` does not. A change executed with no `go` in force is listed as excluded in the
 * period of its execution; one whose last decision is `no-go` and not executed is not counted.
 */
import type { Instant } from "../../../model/instant.js";
import type { Ticket } from "../../../model/schema.js";
import { inPeriod } from "../population.js";
import { allowedTime, workingDays } from "../records/allowed-time.js";
import { measureOf } from "../records/common.js";
import { shareScore, targetNote } from "../records/score.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { allowedTimeCase, atSecond, decisionOneTarget, knownCreatedAt, knownEventAt } from "./common.js";

/** M19 / appendix T2.2: go/no-go → execution in at most this many working days. */
export const LEAD_TIME_DAYS = 15;

export const scoreChangeLeadTime: KpiScorer = (input, kpi, scoring) => {
  measureOf(kpi, "change-lead-time");
  const context = atSecond(scoring);
  const allowed = allowedTime(kpi, context.calendar, workingDays(LEAD_TIME_DAYS, context.calendar, "M19"));
  const cases: CaseResult[] = [];
  for (const ticket of input.tickets) {
    if (ticket.type !== "change") continue;
    const createdAt = knownCreatedAt(ticket, context.now);
    if (createdAt === null) continue;
    const { goAt, executedAt } = goToExecution(ticket, createdAt, context.now);
    if (goAt !== null) {
      const counted = allowedTimeCase(ticket, goAt, executedAt, allowed, context);
      if (counted !== null) cases.push(counted);
    } else if (executedAt !== null && inPeriod(executedAt, context.period)) {
      cases.push({
        id: ticket.id,
        source: ticket.source,
        value: null,
        deadline: null,
        stoppedAt: executedAt,
        verdict: "excluded",
        note: "executed without a go decision in force",
      });
    }
  }
  const { target, source } = decisionOneTarget(kpi, context.rules);
  return shareScore(cases, target, {
    notes: [
      `in time: executed within ${allowed.text} after the go decision; counted per M5`,
      targetNote(target, source),
    ],
  });
};

/** The go decision in force at the first execution (or now), and that execution, as known at now. */
export function goToExecution(
  ticket: Ticket,
  createdAt: Instant,
  now: Instant,
): { goAt: Instant | null; executedAt: Instant | null } {
  let goAt: Instant | null = null;
  for (const event of ticket.events) {
    const at = knownEventAt(event, createdAt, now);
    if (at === null) break;
    if (event.type === "go-no-go") {
      if (event.decision === "no-go") goAt = null;
      else goAt ??= at;
    } else if (event.type === "executed") {
      return { goAt, executedAt: at };
    }
  }
  return { goAt, executedAt: null };
}
