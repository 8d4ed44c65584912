/** Scorers of the change KPIs (M16, M19): T2.1, T2.2, T1.3, T2.5, O2.1, O2.2. */
import type { KpiScorer, MeasureRule } from "../types.js";
import { scoreChangeLeadTime } from "./change-lead-time.js";
import { scoreChangeSuccess } from "./change-success.js";
import { scoreDocsUpdated } from "./docs-updated.js";
import { scoreRcaTimeliness } from "./rca-timeliness.js";
import { scoreStandardChangeFirstTimeRight } from "./standard-change-first-time-right.js";
import { scoreStandardChangeLeadTime } from "./standard-change-lead-time.js";

export const changeScorers: Partial<Record<MeasureRule, KpiScorer>> = {
  "change-success": scoreChangeSuccess,
  "change-lead-time": scoreChangeLeadTime,
  "docs-updated": scoreDocsUpdated,
  "rca-timeliness": scoreRcaTimeliness,
  "standard-change-lead-time": scoreStandardChangeLeadTime,
  "standard-change-first-time-right": scoreStandardChangeFirstTimeRight,
};

export {
  scoreChangeLeadTime,
  scoreChangeSuccess,
  scoreDocsUpdated,
  scoreRcaTimeliness,
  scoreStandardChangeFirstTimeRight,
  scoreStandardChangeLeadTime,
};
