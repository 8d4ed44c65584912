/**
 * The signals section of the page ("green on paper, red in reality"): the ranked table, a
 * drill-down per signal with what it measures, the better measure to propose and its cases, CSAT
 * beside the share within norm, and the norm-edge distribution as charts.
 */
import type { PeriodReport } from "../../engine/report/model.js";
import type { ExperienceRow, SignalReport, SignalsSection } from "../../engine/signals/types.js";
import { localTime } from "../format.js";
import {
  baselineText,
  deviationText,
  pointsText,
  SIGNAL_GROUP_TITLES,
  signalValueText,
  thresholdsText,
  verdictText,
} from "../signal-format.js";
import { anchor, esc } from "./escape.js";
import type { NormEdgeChartRenderer } from "./norm-edge-chart.js";

/** Cases shown per signal; the JSON report holds them all. */
export const MAX_SIGNAL_CASES_SHOWN = 50;

export function signalsHtml(report: PeriodReport, chart: NormEdgeChartRenderer): string {
  const section = report.signals;
  if (section === undefined) return "";
  return [
    '<section id="signals">',
    "<h2>Signals: green on paper, red in reality</h2>",
    '<p class="meta">What the KPIs can miss (appendix 12a §1), each measured against the organisation\'s own ' +
      "baseline: the median of the preceding periods with enough cases. Flagged when it rises more than its " +
      "allowed rise above that baseline, or passes its ceiling. Flagged signals first, then by deviation.</p>",
    rankedTable(section),
    ...section.signals.map((s) => signalDetails(s, report.zone, section.minPopulation)),
    experienceHtml(section),
    normEdgesHtml(section, chart),
    "</section>",
  ].join("\n");
}

function rankedTable(section: SignalsSection): string {
  const rows = section.signals.map((s, i) => {
    const state = s.flagged ? "flagged" : "quiet";
    return (
      `<tr class="signal ${state}" data-signal="${esc(s.id)}" data-flagged="${s.flagged}">` +
      `<td class="num">${i + 1}</td>` +
      `<td><a href="#${anchor("signal", s.id)}">${esc(s.title)}</a><span class="name-nl">${esc(SIGNAL_GROUP_TITLES[s.group])}</span></td>` +
      `<td class="num score">${esc(signalValueText(s.value))}</td><td class="num">${s.n}</td>` +
      `<td>${esc(baselineText(s))}</td><td class="num">${esc(deviationText(s))}</td>` +
      `<td>${esc(thresholdsText(s))}</td>` +
      `<td><span class="status ${s.flagged ? "not-met" : "no-data"}">${esc(verdictText(s, section.minPopulation))}</span></td></tr>`
    );
  });
  return [
    '<table class="signals"><thead><tr><th class="num">#</th><th>Signal</th><th class="num">Value</th><th class="num">n</th>' +
      '<th>Baseline</th><th class="num">Deviation</th><th>Thresholds</th><th>Verdict</th></tr></thead>',
    `<tbody>${rows.join("\n")}</tbody></table>`,
  ].join("\n");
}

function signalDetails(signal: SignalReport, zone: string, minPopulation: number): string {
  const trend = signal.trend.map((t) => `${t.label} ${signalValueText(t.value)} (n ${t.n})`).join(", ");
  const shown = signal.cases.slice(0, MAX_SIGNAL_CASES_SHOWN);
  const more = signal.cases.length - shown.length;
  const rows = shown.map(
    (c) =>
      `<tr><td class="case">${esc(c.id)}</td><td>${esc(c.source)}</td><td>${esc(c.note)}</td>` +
      `<td class="time">${c.instants.map((i) => `${esc(i.what)} ${esc(localTime(i.at, zone))}`).join("<br>")}</td></tr>`,
  );
  return [
    `<details id="${anchor("signal", signal.id)}" data-signal="${esc(signal.id)}"${signal.flagged ? " open" : ""}>`,
    `<summary>${esc(signal.title)} — ${esc(signalValueText(signal.value))}, ${esc(verdictText(signal, minPopulation))}</summary>`,
    '<ul class="notes">',
    `<li>Measured: ${esc(signal.definition)}.</li>`,
    `<li>${signal.hits} case${signal.hits === 1 ? "" : "s"} of ${signal.n}; baseline ${esc(baselineText(signal))}; deviation ${esc(deviationText(signal))}.</li>`,
    `<li>Trend: ${esc(trend || "none")}.</li>`,
    `<li>Better measure to propose: <b>${esc(signal.suggestedMeasure)}</b>.</li>`,
    "</ul>",
    rows.length === 0
      ? ""
      : `<table><thead><tr><th>Case</th><th>Source</th><th>What happened</th><th>When</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`,
    more > 0 ? `<p>… and ${more} more cases: see the JSON report.</p>` : "",
    "</details>",
  ].join("\n");
}

function experienceHtml(section: SignalsSection): string {
  const { byPeriod, byPriority, byGroup } = section.experience;
  return [
    '<h3 id="experience">CSAT beside the share within norm</h3>',
    '<p class="meta">Rated incidents finally resolved in the period: the share with every clock within norm beside the share rated 7/10 or higher.</p>',
    '<div class="experience">',
    experienceTable("Period", byPeriod),
    experienceTable("Priority", byPriority),
    experienceTable("Resolver group", byGroup),
    "</div>",
  ].join("\n");
}

function experienceTable(heading: string, rows: readonly ExperienceRow[]): string {
  const body = rows.map((r) => {
    const gap = r.withinNorm === null || r.satisfied === null ? "–" : pointsText(r.withinNorm - r.satisfied);
    return (
      `<tr><td>${esc(r.key)}</td><td class="num">${r.n}</td><td class="num">${esc(signalValueText(r.withinNorm))}</td>` +
      `<td class="num">${esc(signalValueText(r.satisfied))}</td><td class="num">${esc(gap)}</td></tr>`
    );
  });
  return [
    `<table class="side-by-side"><thead><tr><th>${esc(heading)}</th><th class="num">n</th><th class="num">Within norm</th>` +
      '<th class="num">Rated ≥ 7</th><th class="num">Gap</th></tr></thead>',
    `<tbody>${body.length === 0 ? '<tr><td colspan="5">No rated incidents.</td></tr>' : body.join("\n")}</tbody></table>`,
  ].join("\n");
}

function normEdgesHtml(section: SignalsSection, chart: NormEdgeChartRenderer): string {
  const figures = section.normEdges.map(
    (d) =>
      `<figure class="norm-edge" data-clock="${d.clock}" data-priority="${d.priority}">` +
      `<figcaption>${esc(`${d.clock === "response" ? "First response" : "Resolution"} ${d.priority}`)} <span class="meta">n ${d.n}</span></figcaption>` +
      `${chart(d)}</figure>`,
  );
  return [
    '<h3 id="norm-edges">Where the clocks stopped relative to their norm</h3>',
    '<p class="meta">Stopped response and resolution clocks of incidents counted in the period, per tenth of the norm used ' +
      "(the axis: percent of the norm). Grey-blue within the norm, amber the last tenth before the deadline, red beyond: " +
      "a pile-up in amber is work finished by the clock rather than by the need.</p>",
    figures.length === 0
      ? "<p>No stopped clocks with a norm in this period.</p>"
      : `<div class="norm-edges">${figures.join("\n")}</div>`,
  ].join("\n");
}
