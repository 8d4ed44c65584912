/**
 * T1.3 (M19): handover documents updated within 20 working days (business clock, or the norm's
 * duration) after a change is delivered: from a `change` ticket's first `executed` to its first
 * `docs-updated` at or after it, per M5; target share per decision 1. A `docs-updated` before the
 * execution does not count (the documents must describe the delivered change). Standard changes
 * are not in the population: they deliver catalogued, already documented work.
 */
import { allowedTimeCase, allowedTimeScorer } from "./allowed-time-scorer.js";
import { firstAt, knownTicketsOfType } from "./common.js";

/** M19 / appendix T1.3: documents updated at most this many working days after delivery. */
export const DOCS_UPDATED_DAYS = 20;

export const scoreDocsUpdated = allowedTimeScorer({
  measure: "docs-updated",
  days: DOCS_UPDATED_DAYS,
  tickets: (analyses) => knownTicketsOfType(analyses, "change"),
  caseOf: ({ ticket, history }, allowed, time) => {
    const executedAt = firstAt(history, "executed");
    if (executedAt === null) return null;
    const docsAt = firstAt(history, "docs-updated", executedAt);
    return allowedTimeCase(ticket, { start: executedAt, stop: docsAt }, allowed, time);
  },
  note: (allowed) =>
    `in time: docs-updated within ${allowed.text} after execution (change tickets); counted per M5`,
});
