/**
 * The period report as one self-contained HTML page: inline CSS, charts as inline SVG, no
 * scripts and no external resources, so it opens from a file or a mail attachment, offline.
 */
import type { PeriodReport } from "../../engine/report/model.js";
import { casesHtml } from "./cases.js";
import { loadTrendCharts } from "./charts.js";
import { esc } from "./escape.js";
import { loadNormEdgeCharts } from "./norm-edge-chart.js";
import { scorecardHtml } from "./scorecard.js";
import { agendaHtml, deviationsHtml, headerHtml, legendHtml, settingsHtml, summaryHtml } from "./sections.js";
import { signalsHtml } from "./signals.js";
import { STYLES } from "./styles.js";

export async function renderHtml(report: PeriodReport): Promise<string> {
  const chart = await loadTrendCharts();
  const normEdgeChart = await loadNormEdgeCharts();
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load from elsewhere: the page is complete as it is.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>SLA report ${esc(report.period.label)} · ${esc(report.catalogVersion)}</title>`,
    `<style>${STYLES}</style>`,
    "</head>",
    "<body><main>",
    headerHtml(report),
    summaryHtml(report),
    deviationsHtml(report),
    agendaHtml(report),
    scorecardHtml(report, chart),
    signalsHtml(report, normEdgeChart),
    casesHtml(report),
    settingsHtml(report),
    legendHtml(report),
    "</main></body>",
    "</html>",
    "",
  ].join("\n");
}
