/** Posting scheduled reports' scorecards to Slack and Teams (docs/operations.md "Reports in chat"). */
export { postKey } from "./outbox.js";
export {
  type PostOutcome,
  type PostSummary,
  ReportPoster,
  type ReportPosterOptions,
  type ReportToPost,
} from "./poster.js";
export { scorecardOf } from "./scorecard.js";
export { type ReportChannel, type Scorecard, type ScorecardItem, scorecardSchema } from "./types.js";
