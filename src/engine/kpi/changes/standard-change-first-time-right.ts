/**
 * O2.2 (M19): a `standard-change` executed in the period (its first `executed`) is right first
 * time when its known history has no `rework` and no `reopened` event, before or after the
 * execution. Rework recorded after the report time is not known yet: the figure of a recent
 * period can still drop when later rework is recorded.
 */
import { inPeriod } from "../population.js";
import { localTime, measureOf } from "../records/common.js";
import { shareScore, shareTarget, targetNote } from "../records/score.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { atSecond, firstAt, firstEvent, knownCreatedAt } from "./common.js";

const isRedo = (e: { type: string }) => e.type === "rework" || e.type === "reopened";

export const scoreStandardChangeFirstTimeRight: KpiScorer = (input, kpi, scoring) => {
  measureOf(kpi, "standard-change-first-time-right");
  const context = atSecond(scoring);
  const { now } = context;
  const cases: CaseResult[] = [];
  for (const ticket of input.tickets) {
    if (ticket.type !== "standard-change") continue;
    const createdAt = knownCreatedAt(ticket, now);
    if (createdAt === null) continue;
    const executedAt = firstAt(ticket, createdAt, now, "executed");
    if (executedAt === null || !inPeriod(executedAt, context.period)) continue;
    const redo = firstEvent(ticket, createdAt, now, isRedo);
    const result: CaseResult = {
      id: ticket.id,
      source: ticket.source,
      value: null,
      deadline: null,
      stoppedAt: executedAt,
      verdict: redo === null ? "within" : "breached",
    };
    if (redo !== null) result.note = `${redo.event.type} ${localTime(redo.at, context.calendar)}`;
    cases.push(result);
  }
  const target = shareTarget(kpi.norm, null);
  return shareScore(cases, target, {
    notes: [
      "right first time: no rework or reopened event; counted in the period of execution",
      targetNote(target, "norm"),
    ],
  });
};
