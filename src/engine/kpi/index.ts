/**
 * The KPI engine: the shared shapes, the period and share rules every scorer follows (M5, M6),
 * and the registry of scorers by measure rule.
 */
export { changeScorers } from "./changes/index.js";
export { combineParts, countingMoment, inPeriod, meetsNorm, shareOf, targetShare } from "./population.js";
export { recordScorers } from "./records/index.js";
export { kpiScorers, MEASURE_RULES, mergeScorers, SCORER_SOURCES } from "./scorers.js";
export {
  type AnalysisContext,
  createTicketAnalyser,
  type TicketAnalyser,
  type TicketAnalysis,
  type TicketScoringContext,
  ticketScorers,
} from "./tickets/index.js";
export type * from "./types.js";
