/**
 * T2.1 (M19): `change` tickets executed in the period (their first `executed`). A change is
 * successful when no `rolled-back` and no `caused-incident` event follows within 5 working days
 * of the execution on the business clock (inclusive, M1). While that window is still open at
 * now, a change without such an event is counted as successful and marked provisional, and so is
 * the KPI. The value is the business time from execution to the failing event (null without one).
 */
import type { Instant } from "../../../model/instant.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import type { KnownHistory } from "../../timeline/known-history.js";
import { type AllowedTime, workingDays } from "../records/allowed-time.js";
import { localTime, measureOf, toMinutes, toSecond } from "../records/common.js";
import { deadlineAfter } from "../records/deadline-case.js";
import { shareScore, shareTarget, targetNote } from "../records/score.js";
import { ticketAnalysesFor } from "../tickets/analysis.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { type CountedCase, countedInPeriod, type KnownTicket, knownTicketsOfType } from "./common.js";

/** M19: the window after execution in which a rollback or caused incident fails the change. */
export const SUCCESS_WINDOW_DAYS = 5;

interface ExecutedChange extends CountedCase {
  /** no failure yet and the window still open at now */
  open: boolean;
}

export const scoreChangeSuccess: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "change-success");
  const { calendar, period } = context;
  const now = toSecond(context.now);
  const window = workingDays(SUCCESS_WINDOW_DAYS, calendar, "M19");
  const analyses = ticketAnalysesFor(input.tickets, context);
  const inPeriod = countedInPeriod(analyses, period, {
    key: "change-success", // the window depends on the calendar only
    tickets: knownTicketsOfType(analyses, "change"),
    caseOf: (known) => executedChange(known, window, calendar, now),
  });
  const provisional = inPeriod.some((c) => c.open);
  const cases = inPeriod.map((c) => c.write(calendar));
  const target = shareTarget(kpi.norm, null);
  const notes = [
    `successful: no rolled-back or caused-incident within ${window.text} after execution`,
    targetNote(target, "norm"),
  ];
  if (provisional)
    notes.push("provisional: the window of at least one change is still open at the report time");
  return shareScore(cases, target, { notes, provisional });
};

/** The case of a change executed by now, counted in the period of its execution; null when not executed. */
function executedChange(
  { ticket, history }: KnownTicket,
  window: AllowedTime,
  calendar: BusinessCalendar,
  now: Instant,
): ExecutedChange | null {
  const executedAt = history.events.find((e) => e.type === "executed")?.at ?? null;
  if (executedAt === null) return null;
  const { deadline, lastInTime } = deadlineAfter(calendar, executedAt, window.ms, window.clock);
  const failure = failureOf(history, executedAt, lastInTime);
  const open = failure.at === null && now <= lastInTime;
  const write = (cal: BusinessCalendar): CaseResult => {
    const text = failure.text(cal);
    const note = open ? joinNote(text, `provisional: window open until ${localTime(deadline, cal)}`) : text;
    const result: CaseResult = {
      id: ticket.id,
      source: ticket.source,
      value: failure.at === null ? null : toMinutes(cal.elapsedMs(executedAt, failure.at, "business")),
      deadline,
      stoppedAt: executedAt,
      verdict: failure.at === null ? "within" : "breached",
    };
    if (note !== "") result.note = note;
    return result;
  };
  return { moment: executedAt, open, write };
}

/** The first rollback or caused incident inside the window, and what the note says about such events. */
function failureOf(
  history: KnownHistory,
  executedAt: Instant,
  lastInTime: Instant,
): { at: Instant | null; text: (calendar: BusinessCalendar) => string } {
  for (const event of history.events) {
    if (event.at < executedAt || (event.type !== "rolled-back" && event.type !== "caused-incident")) continue;
    const what =
      event.type === "rolled-back" ? "rolled back" : `caused incident ${event.ticket ?? "(unnamed)"}`;
    const at = event.at;
    if (at <= lastInTime) return { at, text: (calendar) => `${what} ${localTime(at, calendar)}` };
    return {
      at: null,
      text: (calendar) =>
        `${what} ${localTime(at, calendar)}, after the ${SUCCESS_WINDOW_DAYS}-working-day window: does not count`,
    };
  }
  return { at: null, text: () => "" };
}

function joinNote(a: string, b: string): string {
  return a === "" ? b : `${a}; ${b}`;
}
