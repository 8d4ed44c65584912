/**
 * O2.2 (M19): a `standard-change` executed in the period (its first `executed`) is right first
 * time when its known history has no `rework` and no `reopened` event, before or after the
 * execution. Rework recorded after the report time is not known yet: the figure of a recent
 * period can still drop when later rework is recorded.
 */
import type { BusinessCalendar } from "../../calendar/types.js";
import { localTime, measureOf } from "../records/common.js";
import { shareScore, shareTarget, targetNote } from "../records/score.js";
import { ticketAnalysesFor } from "../tickets/analysis.js";
import type { CaseResult, KpiScorer } from "../types.js";
import {
  type CountedCase,
  countedInPeriod,
  firstAt,
  firstEvent,
  type KnownTicket,
  knownTicketsOfType,
} from "./common.js";

const isRedo = (e: { type: string }) => e.type === "rework" || e.type === "reopened";

export const scoreStandardChangeFirstTimeRight: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "standard-change-first-time-right");
  const { calendar, period } = context;
  const analyses = ticketAnalysesFor(input.tickets, context);
  const counted = countedInPeriod(analyses, period, {
    key: "standard-change-first-time-right",
    tickets: knownTicketsOfType(analyses, "standard-change"),
    caseOf: firstTimeRightCase,
  });
  const cases = counted.map((c) => c.write(calendar));
  const target = shareTarget(kpi.norm, null);
  return shareScore(cases, target, {
    notes: [
      "right first time: no rework or reopened event; counted in the period of execution",
      targetNote(target, "norm"),
    ],
  });
};

/** The case of a standard change executed by now, counted in the period of its execution. */
function firstTimeRightCase({ ticket, history }: KnownTicket): CountedCase | null {
  const executedAt = firstAt(history, "executed");
  if (executedAt === null) return null;
  const redo = firstEvent(history, isRedo);
  const write = (calendar: BusinessCalendar): CaseResult => {
    const result: CaseResult = {
      id: ticket.id,
      source: ticket.source,
      value: null,
      deadline: null,
      stoppedAt: executedAt,
      verdict: redo === null ? "within" : "breached",
    };
    if (redo !== null) result.note = `${redo.type} ${localTime(redo.at, calendar)}`;
    return result;
  };
  return { moment: executedAt, write };
}
