/**
 * The ticket KPIs' scorers by measure rule: first response, resolution, P1 resolution,
 * containment, major-incident updates, proactive feedback, ownership, CSAT, first-time fix,
 * workplace issuance, backlog age and coordination. Every scorer reads the tickets through the
 * report's shared analyses (`ticketAnalysesFor`: the context's `ticketAnalyses` or
 * `ticketAnalyser`, else a memo held by the `input.tickets` array), so a ticket's clocks are
 * computed once per report and a KPI's counting moments once for all its periods. Pass the same
 * `input` to every scorer of a report to share them.
 */
import type { KpiScorer, MeasureRule } from "../types.js";
import { scoreBacklogAge } from "./backlog-age.js";
import { scoreContainment, scoreP1Resolution, scoreResolution, scoreResponse } from "./clock-kpis.js";
import { scoreCoordination } from "./coordination.js";
import { scoreCsat } from "./csat.js";
import { scoreFirstTimeFix } from "./first-time-fix.js";
import { scoreMajorUpdates } from "./major-updates.js";
import { scoreOwnership } from "./ownership.js";
import { scoreProactiveFeedback } from "./proactive-feedback.js";
import { scoreWorkplaceIssuance } from "./workplace-issuance.js";

export const ticketScorers: Partial<Record<MeasureRule, KpiScorer>> = {
  response: scoreResponse,
  resolution: scoreResolution,
  "p1-resolution": scoreP1Resolution,
  containment: scoreContainment,
  "major-updates": scoreMajorUpdates,
  "proactive-feedback": scoreProactiveFeedback,
  ownership: scoreOwnership,
  csat: scoreCsat,
  "first-time-fix": scoreFirstTimeFix,
  "workplace-issuance": scoreWorkplaceIssuance,
  "backlog-age": scoreBacklogAge,
  coordination: scoreCoordination,
};

export {
  type AnalysisContext,
  analyseTicket,
  createTicketAnalyser,
  createTicketAnalyses,
  type TicketAnalyser,
  type TicketAnalyses,
  type TicketAnalysis,
  type TicketScoringContext,
  ticketAnalysesFor,
} from "./analysis.js";
export { type BacklogMoment, backlogMoment } from "./backlog-age.js";
export { CSAT_THRESHOLD, normalisedCsat } from "./csat.js";
export type { HistoryFact, TicketLifecycle } from "./lifecycle.js";
export { type CountedTickets, countedTickets, type MomentOf } from "./select.js";
export {
  scoreBacklogAge,
  scoreContainment,
  scoreCoordination,
  scoreCsat,
  scoreFirstTimeFix,
  scoreMajorUpdates,
  scoreOwnership,
  scoreP1Resolution,
  scoreProactiveFeedback,
  scoreResolution,
  scoreResponse,
  scoreWorkplaceIssuance,
};
