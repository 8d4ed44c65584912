/** Renderers of the period report model (src/engine/report): json, md, csv, html, and writing them. */
export { CASE_COLUMNS, csvCell, KPI_COLUMNS, renderCasesCsv, renderKpiCsv } from "./csv.js";
export { renderHtml } from "./html/page.js";
export { type JsonKpi, type JsonPart, type JsonReport, renderJson, reportJson } from "./json.js";
export { type JsonSignal, type JsonSignals, signalsJson } from "./json-signals.js";
export { md, renderMarkdown } from "./markdown.js";
export {
  parseReportFormats,
  REPORT_FORMATS,
  type ReportFormat,
  reportBaseName,
  writeReports,
} from "./write.js";
