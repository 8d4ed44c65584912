/**
 * T1.3 (M19): handover documents updated within 20 working days (business clock, or the norm's
 * duration) after a change is delivered: from a `change` ticket's first `executed` to its first
 * `docs-updated` at or after it, per M5; target share per decision 1. A `docs-updated` before the
 * execution does not count (the documents must describe the delivered change). Standard changes
 * are not in the population: they deliver catalogued, already documented work.
 */
import { allowedTime, workingDays } from "../records/allowed-time.js";
import { measureOf } from "../records/common.js";
import { shareScore, targetNote } from "../records/score.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { allowedTimeCase, atSecond, decisionOneTarget, firstAt, knownCreatedAt } from "./common.js";

/** M19 / appendix T1.3: documents updated at most this many working days after delivery. */
export const DOCS_UPDATED_DAYS = 20;

export const scoreDocsUpdated: KpiScorer = (input, kpi, scoring) => {
  measureOf(kpi, "docs-updated");
  const context = atSecond(scoring);
  const { now } = context;
  const allowed = allowedTime(kpi, context.calendar, workingDays(DOCS_UPDATED_DAYS, context.calendar, "M19"));
  const cases: CaseResult[] = [];
  for (const ticket of input.tickets) {
    if (ticket.type !== "change") continue;
    const createdAt = knownCreatedAt(ticket, now);
    if (createdAt === null) continue;
    const executedAt = firstAt(ticket, createdAt, now, "executed");
    if (executedAt === null) continue;
    const docsAt = firstAt(ticket, createdAt, now, "docs-updated", executedAt);
    const counted = allowedTimeCase(ticket, executedAt, docsAt, allowed, context);
    if (counted !== null) cases.push(counted);
  }
  const { target, source } = decisionOneTarget(kpi, context.rules);
  return shareScore(cases, target, {
    notes: [
      `in time: docs-updated within ${allowed.text} after execution (change tickets); counted per M5`,
      targetNote(target, source),
    ],
  });
};
