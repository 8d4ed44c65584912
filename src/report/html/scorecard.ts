/**
 * The scorecard: per layer (strategic, tactical, operational) and goal, one row per KPI with its
 * score against the norm (green met, red not met, grey no data), the contract-deviation and
 * agenda flags, its trend chart, and a row per part.
 */
import type { KpiReport, PeriodReport } from "../../engine/report/model.js";
import { formatScore } from "../../engine/report/norm-text.js";
import {
  GOALS,
  kpiScoreText,
  kpisByGoal,
  LAYERS,
  partIsCount,
  partNormText,
  STATUS_TEXT,
  statusOf,
} from "../format.js";
import type { TrendChartRenderer } from "./charts.js";
import { anchor, esc } from "./escape.js";

// Fixed column widths, so every goal's table lines up with the others.
const COLUMNS = [
  '<colgroup><col class="c-id"><col class="c-name"><col class="c-norm"><col class="c-score"><col class="c-n"><col class="c-status"><col class="c-chart"></colgroup>',
  '<thead><tr><th>KPI</th><th>Name</th><th>Norm</th><th class="num">Score</th><th class="num">n</th><th>Status</th><th>Trend</th></tr></thead>',
].join("");

const MEETING_NAME = { operational: "operational", tactical: "tactical", strategic: "strategic" } as const;

export function scorecardHtml(report: PeriodReport, chart: TrendChartRenderer): string {
  const groups = kpisByGoal(report.kpis);
  const html: string[] = ['<section id="scorecard" class="scorecard">', "<h2>Scorecard</h2>"];
  if (groups.length === 0) html.push("<p>This report holds no KPIs.</p>");
  for (const layer of LAYERS) {
    const inLayer = groups.filter((g) => g.goal.startsWith(layer.key));
    if (inLayer.length === 0) continue;
    html.push(`<h3 class="layer">${esc(layer.en)} <span class="nl">${esc(layer.nl)}</span></h3>`);
    for (const { goal, kpis } of inLayer) {
      html.push(
        `<table class="goal" id="${anchor("goal", goal)}" aria-label="${esc(`${goal} ${GOALS[goal].en}`)}">`,
        `<caption class="goal-title"><b>${esc(goal)}</b> ${esc(GOALS[goal].en)} <span class="nl">${esc(GOALS[goal].nl)}</span></caption>`,
        COLUMNS,
        "<tbody>",
        ...kpis.map((kpi) => kpiRows(kpi, report.period.label, chart)),
        "</tbody></table>",
      );
    }
  }
  html.push("</section>");
  return html.join("\n");
}

function kpiRows(kpi: KpiReport, currentLabel: string, chart: TrendChartRenderer): string {
  const status = statusOf(kpi.met);
  const svg = chart(kpi, currentLabel);
  const trendCell =
    svg === ""
      ? '<span class="no-trend">no data in any period</span>'
      : `<figure class="trend" role="img" aria-label="${esc(trendLabel(kpi, currentLabel))}">${svg}</figure>`;
  const rows = [
    `<tr class="kpi ${status}" id="${anchor("kpi", kpi.id)}" data-kpi="${esc(kpi.id)}" data-status="${status}">`,
    `<td class="kpi-id">${kpiIdCell(kpi)}</td>`,
    `<td>${esc(kpi.name.en)}<span class="name-nl" lang="nl">${esc(kpi.name.nl)}</span></td>`,
    `<td>${esc(kpi.normText)}</td>`,
    `<td class="num score">${esc(kpiScoreText(kpi))}</td>`,
    `<td class="num">${kpi.n}</td>`,
    `<td><span class="status ${status}">${STATUS_TEXT[status]}</span><br>${flags(kpi)}</td>`,
    `<td class="chart" rowspan="${kpi.parts.length + 1}">${trendCell}</td>`,
    "</tr>",
  ];
  for (const part of kpi.parts) {
    const partStatus = statusOf(part.met);
    rows.push(
      `<tr class="part ${partStatus}" data-part="${esc(part.name)}">`,
      "<td></td>",
      `<td class="part-name">↳ ${esc(part.name)}</td>`,
      `<td>${esc(partNormText(kpi, part.name))}</td>`,
      `<td class="num">${esc(formatScore(part.score, partIsCount(kpi, part.name)))}</td>`,
      `<td class="num">${part.n}</td>`,
      `<td><span class="status ${partStatus}">${STATUS_TEXT[partStatus]}</span></td>`,
      "</tr>",
    );
  }
  return rows.join("");
}

/** The id, linked to its drill-down when there is one (notes or breached cases). */
function kpiIdCell(kpi: KpiReport): string {
  const drill = kpi.notes.length > 0 || kpi.cases.some((c) => c.verdict === "breached");
  return drill
    ? `<a href="#${anchor("cases", kpi.id)}" title="notes and breached cases">${esc(kpi.id)}</a>`
    : esc(kpi.id);
}

function flags(kpi: KpiReport): string {
  const out: string[] = [];
  if (kpi.deviation)
    out.push('<span class="flag deviation" title="minimum requirement not met">Contract deviation</span>');
  else if (kpi.minimumRequirement)
    out.push(
      '<span class="flag" title="failing it is a deviation from the contract">Minimum requirement</span>',
    );
  if (kpi.onAgenda && kpi.meeting !== null)
    out.push(`<span class="flag on-agenda">Agenda: ${MEETING_NAME[kpi.meeting]}</span>`);
  if (kpi.provisional)
    out.push('<span class="flag provisional" title="the figure may still change">Provisional</span>');
  return out.join(" ");
}

function trendLabel(kpi: KpiReport, currentLabel: string): string {
  const count = kpi.norm?.kind === "maxCount";
  const points = [...kpi.trend.map((t) => [t.label, t.score] as const), [currentLabel, kpi.score] as const];
  return `Trend of ${kpi.id}: ${points.map(([label, score]) => `${label} ${formatScore(score, count)}`).join(", ")}`;
}
