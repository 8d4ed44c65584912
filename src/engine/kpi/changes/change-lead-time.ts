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
import type { KnownHistory } from "../../timeline/known-history.js";
import { allowedTime, workingDays } from "../records/allowed-time.js";
import { measureOf, toSecond } from "../records/common.js";
import { shareScore, targetNote } from "../records/score.js";
import { ticketAnalysesFor } from "../tickets/analysis.js";
import type { CaseResult, KpiScorer } from "../types.js";
import {
  allowedTimeCase,
  type CountedCase,
  countedIn,
  decisionOneTarget,
  knownTicketsOfType,
} from "./common.js";

/** M19 / appendix T2.2: go/no-go → execution in at most this many working days. */
export const LEAD_TIME_DAYS = 15;

export const scoreChangeLeadTime: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "change-lead-time");
  const { calendar, period } = context;
  const now = toSecond(context.now);
  const allowed = allowedTime(kpi, calendar, workingDays(LEAD_TIME_DAYS, calendar, "M19"));
  const analyses = ticketAnalysesFor(input.tickets, context);
  // Found once per report, for every period (see common.ts).
  const counted = analyses.derived(`change-lead-time:${allowed.ms}:${allowed.clock}`, () => {
    const found: CountedCase[] = [];
    for (const { ticket, history } of knownTicketsOfType(analyses, "change")) {
      const { goAt, executedAt } = goToExecution(history);
      if (goAt !== null) {
        const c = allowedTimeCase(ticket, { start: goAt, stop: executedAt }, allowed, { calendar, now });
        if (c !== null) found.push(c);
      } else if (executedAt !== null) {
        found.push({ moment: executedAt, write: () => executedWithoutGo(ticket, executedAt) });
      }
    }
    return found;
  });
  const cases = countedIn(counted, period).map((c) => c.write(calendar));
  const { target, source } = decisionOneTarget(kpi, context.rules);
  return shareScore(cases, target, {
    notes: [
      `in time: executed within ${allowed.text} after the go decision; counted per M5`,
      targetNote(target, source),
    ],
  });
};

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

function executedWithoutGo(ticket: Ticket, executedAt: Instant): CaseResult {
  return {
    id: ticket.id,
    source: ticket.source,
    value: null,
    deadline: null,
    stoppedAt: executedAt,
    verdict: "excluded",
    note: "executed without a go decision in force",
  };
}
