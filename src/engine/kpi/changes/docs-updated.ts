/**
 * T1.3 (M19): handover documents updated within 20 working days (business clock, or the norm's
 * duration) after a change is delivered: from a `change` ticket's first `executed` to its first
 * `docs-updated` at or after it, per M5; target share per decision 1. A `docs-updated` before the
 * execution does not count (the documents must describe the delivered change). Standard changes
 * are not in the population: they deliver catalogued, already documented work.
 */
import { allowedTime, workingDays } from "../records/allowed-time.js";
import { measureOf, toSecond } from "../records/common.js";
import { shareScore, targetNote } from "../records/score.js";
import { ticketAnalysesFor } from "../tickets/analysis.js";
import type { KpiScorer } from "../types.js";
import {
  allowedTimeCase,
  type CountedCase,
  countedIn,
  decisionOneTarget,
  firstAt,
  knownTicketsOfType,
} from "./common.js";

/** M19 / appendix T1.3: documents updated at most this many working days after delivery. */
export const DOCS_UPDATED_DAYS = 20;

export const scoreDocsUpdated: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "docs-updated");
  const { calendar, period } = context;
  const now = toSecond(context.now);
  const allowed = allowedTime(kpi, calendar, workingDays(DOCS_UPDATED_DAYS, calendar, "M19"));
  const analyses = ticketAnalysesFor(input.tickets, context);
  // Found once per report, for every period (see common.ts).
  const counted = analyses.derived(`docs-updated:${allowed.ms}:${allowed.clock}`, () => {
    const found: CountedCase[] = [];
    for (const { ticket, history } of knownTicketsOfType(analyses, "change")) {
      const executedAt = firstAt(history, "executed");
      if (executedAt === null) continue;
      const docsAt = firstAt(history, "docs-updated", executedAt);
      const c = allowedTimeCase(ticket, { start: executedAt, stop: docsAt }, allowed, { calendar, now });
      if (c !== null) found.push(c);
    }
    return found;
  });
  const cases = countedIn(counted, period).map((c) => c.write(calendar));
  const { target, source } = decisionOneTarget(kpi, context.rules);
  return shareScore(cases, target, {
    notes: [
      `in time: docs-updated within ${allowed.text} after execution (change tickets); counted per M5`,
      targetNote(target, source),
    ],
  });
};
