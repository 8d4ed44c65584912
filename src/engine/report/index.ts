/** The period report model: periods, KPI selection (M15), deviations, agenda, trends and settings. */
export { agendaByLevel, isDeviation, isOnAgenda, kpisForPeriod } from "./agenda.js";
export { type BuildReportOptions, buildPeriodReport, type ScorerRegistry } from "./build.js";
export {
  type KpiReport,
  MEETING_LEVELS,
  type PeriodReport,
  type ReportSetting,
  type TrendPoint,
} from "./model.js";
export { formatNumber, formatRatio, formatScore, isCountNorm, kpiNormText, normText } from "./norm-text.js";
export {
  formatInstant,
  instantFormatter,
  lastCompletePeriod,
  PeriodError,
  parsePeriod,
  periodContaining,
  precedingPeriods,
} from "./period.js";
export { TICKET_LOOKBACK_MS } from "./relevance.js";
export { reportSettings, type SettingsInput } from "./settings.js";
