/**
 * O2.2 (M19): a `standard-change` executed in the period (its first `executed`) is right first
 * time when its known history has no `rework` and no `reopened` event, before or after the
 * execution. Rework recorded after the report time is not known yet: the figure of a recent
 * period can still drop when later rework is recorded.
 */
import { localTime, measureOf } from "../records/common.js";
import { shareScore, shareTarget, targetNote } from "../records/score.js";
import { ticketAnalysesFor } from "../tickets/analysis.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { type CountedCase, countedIn, firstAt, firstEvent, knownTicketsOfType } from "./common.js";

const isRedo = (e: { type: string }) => e.type === "rework" || e.type === "reopened";

export const scoreStandardChangeFirstTimeRight: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "standard-change-first-time-right");
  const { calendar, period } = context;
  const analyses = ticketAnalysesFor(input.tickets, context);
  // Found once per report, for every period (see common.ts).
  const counted = analyses.derived("standard-change-first-time-right", () => {
    const found: CountedCase[] = [];
    for (const { ticket, history } of knownTicketsOfType(analyses, "standard-change")) {
      const executedAt = firstAt(history, "executed");
      if (executedAt === null) continue;
      const redo = firstEvent(history, isRedo);
      const write = (cal: typeof calendar): CaseResult => {
        const result: CaseResult = {
          id: ticket.id,
          source: ticket.source,
          value: null,
          deadline: null,
          stoppedAt: executedAt,
          verdict: redo === null ? "within" : "breached",
        };
        if (redo !== null) result.note = `${redo.type} ${localTime(redo.at, cal)}`;
        return result;
      };
      found.push({ moment: executedAt, write });
    }
    return found;
  });
  const cases = countedIn(counted, period).map((c) => c.write(calendar));
  const target = shareTarget(kpi.norm, null);
  return shareScore(cases, target, {
    notes: [
      "right first time: no rework or reopened event; counted in the period of execution",
      targetNote(target, "norm"),
    ],
  });
};
