/**
 * T2.1 (M19): `change` tickets executed in the period (their first `executed`). A change is
 * successful when no `rolled-back` and no `caused-incident` event follows within 5 working days
 * of the execution on the business clock (inclusive, M1). While that window is still open at
 * now, a change without such an event is counted as successful and marked provisional, and so is
 * the KPI. The value is the business time from execution to the failing event (null without one).
 */
import type { Instant } from "../../../model/instant.js";
import type { Ticket } from "../../../model/schema.js";
import { inPeriod } from "../population.js";
import { workingDays } from "../records/allowed-time.js";
import { localTime, measureOf, toMinutes } from "../records/common.js";
import { deadlineAfter } from "../records/deadline-case.js";
import { shareScore, shareTarget, targetNote } from "../records/score.js";
import type { CaseResult, KpiScorer, ScoringContext } from "../types.js";
import { atSecond, firstAt, knownCreatedAt, knownEventAt } from "./common.js";

/** M19: the window after execution in which a rollback or caused incident fails the change. */
export const SUCCESS_WINDOW_DAYS = 5;

export const scoreChangeSuccess: KpiScorer = (input, kpi, scoring) => {
  measureOf(kpi, "change-success");
  const context = atSecond(scoring);
  const { calendar, now } = context;
  const window = workingDays(SUCCESS_WINDOW_DAYS, calendar, "M19");
  const cases: CaseResult[] = [];
  let provisional = false;
  for (const ticket of input.tickets) {
    if (ticket.type !== "change") continue;
    const createdAt = knownCreatedAt(ticket, now);
    if (createdAt === null) continue;
    const executedAt = firstAt(ticket, createdAt, now, "executed");
    if (executedAt === null || !inPeriod(executedAt, context.period)) continue;
    const { deadline, lastInTime } = deadlineAfter(calendar, executedAt, window.ms, window.clock);
    const failure = failureOf(ticket, createdAt, executedAt, lastInTime, context);
    const open = failure.at === null && now <= lastInTime;
    provisional ||= open;
    const note = open
      ? joinNote(failure.text, `provisional: window open until ${localTime(deadline, calendar)}`)
      : failure.text;
    const result: CaseResult = {
      id: ticket.id,
      source: ticket.source,
      value: failure.at === null ? null : toMinutes(calendar.elapsedMs(executedAt, failure.at, "business")),
      deadline,
      stoppedAt: executedAt,
      verdict: failure.at === null ? "within" : "breached",
    };
    if (note !== "") result.note = note;
    cases.push(result);
  }
  const target = shareTarget(kpi.norm, null);
  const notes = [
    `successful: no rolled-back or caused-incident within ${window.text} after execution`,
    targetNote(target, "norm"),
  ];
  if (provisional)
    notes.push("provisional: the window of at least one change is still open at the report time");
  return shareScore(cases, target, { notes, provisional });
};

/** The first rollback or caused incident inside the window, and what the note says about such events. */
function failureOf(
  ticket: Ticket,
  createdAt: Instant,
  executedAt: Instant,
  lastInTime: Instant,
  context: ScoringContext,
): { at: Instant | null; text: string } {
  for (const event of ticket.events) {
    const at = knownEventAt(event, createdAt, context.now);
    if (at === null) break;
    if (at < executedAt || (event.type !== "rolled-back" && event.type !== "caused-incident")) continue;
    const what =
      event.type === "rolled-back" ? "rolled back" : `caused incident ${event.ticket ?? "(unnamed)"}`;
    const when = localTime(at, context.calendar);
    if (at <= lastInTime) return { at, text: `${what} ${when}` };
    return {
      at: null,
      text: `${what} ${when}, after the ${SUCCESS_WINDOW_DAYS}-working-day window: does not count`,
    };
  }
  return { at: null, text: "" };
}

function joinNote(a: string, b: string): string {
  return a === "" ? b : `${a}; ${b}`;
}
