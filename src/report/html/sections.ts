/** The page's sections other than the scorecard: heading, deviations, agenda, settings. */
import { MEETING_LEVELS, type PeriodReport } from "../../engine/report/model.js";
import { formatInstant } from "../../engine/report/period.js";
import { kpiScoreText, localTime, shortfallText, statusOf } from "../format.js";
import { anchor, esc } from "./escape.js";

const PERIOD_KIND = { month: "Month", quarter: "Quarter", year: "Year" } as const;

const MEETINGS = {
  operational: { en: "Operational meeting", nl: "Operationeel overleg", when: "monthly" },
  tactical: { en: "Tactical meeting", nl: "Tactisch overleg", when: "quarterly" },
  strategic: { en: "Strategic meeting", nl: "Strategisch overleg", when: "yearly" },
} as const;

export function headerHtml(report: PeriodReport): string {
  const { period, zone } = report;
  const html = [
    "<header>",
    `<h1>SLA report ${esc(period.label)}</h1>`,
    `<p class="meta">${PERIOD_KIND[period.kind]} ${esc(localTime(period.start, zone))} up to ${esc(localTime(period.end, zone))} (${esc(zone)})` +
      ` · KPI catalog <b>${esc(report.catalogVersion)}</b> · made ${esc(localTime(report.generatedAt, zone))}</p>`,
    "</header>",
  ];
  if (!report.periodComplete) {
    html.push(
      '<div class="banner provisional" role="note"><b>Provisional.</b> The period had not ended when this report was made; every figure may still change.</div>',
    );
  }
  return html.join("\n");
}

export function summaryHtml(report: PeriodReport): string {
  const count = (status: string) => report.kpis.filter((kpi) => statusOf(kpi.met) === status).length;
  const agendaItems = MEETING_LEVELS.reduce((sum, level) => sum + report.agenda[level].length, 0);
  const tile = (cls: string, value: number, label: string) =>
    `<div class="tile ${cls}"><b>${value}</b>${esc(label)}</div>`;
  return [
    '<div class="tiles" id="summary">',
    tile("met", count("met"), "KPIs met"),
    tile("not-met", count("not-met"), "KPIs not met"),
    tile("no-data", count("no-data"), "KPIs without data"),
    tile("deviations", report.deviations.length, "contract deviations"),
    tile("agenda-items", agendaItems, "agenda items"),
    "</div>",
  ].join("\n");
}

export function deviationsHtml(report: PeriodReport): string {
  const deviating = report.kpis.filter((kpi) => kpi.deviation);
  if (deviating.length === 0) {
    return '<div class="banner ok" id="deviations"><b>No contract deviations.</b> Every minimum requirement with data was met.</div>';
  }
  const items = deviating.map(
    (kpi) =>
      `<li><a href="#${anchor("kpi", kpi.id)}"><b>${esc(kpi.id)}</b></a> ${esc(kpi.name.en)}` +
      ` <span class="nl" lang="nl">${esc(kpi.name.nl)}</span>: ${esc(shortfallText(kpi))}</li>`,
  );
  return [
    '<div class="banner deviation" id="deviations" role="alert">',
    `<b>Contract deviations (${deviating.length}).</b> These minimum requirements were not met: a deviation from the contract.`,
    `<ul>${items.join("")}</ul>`,
    "</div>",
  ].join("\n");
}

export function agendaHtml(report: PeriodReport): string {
  const html = ['<section id="agenda">', "<h2>Agenda per meeting level</h2>", '<div class="agenda">'];
  for (const level of MEETING_LEVELS) {
    const meeting = MEETINGS[level];
    const ids = report.agenda[level];
    html.push(
      `<section data-level="${level}"><h3>${esc(meeting.en)} <span class="nl" lang="nl">${esc(meeting.nl)}</span></h3>`,
      `<p class="meta">${meeting.when}</p>`,
    );
    if (ids.length === 0) html.push('<p class="empty">Nothing from this report.</p>');
    else {
      html.push("<ol>");
      for (const id of ids) {
        const kpi = report.kpis.find((k) => k.id === id);
        if (kpi === undefined) continue;
        const why = kpi.agendaType === "always" ? "standing item" : "norm missed";
        html.push(
          `<li><a href="#${anchor("kpi", kpi.id)}"><b>${esc(kpi.id)}</b></a> ${esc(kpi.name.en)} · ` +
            `<span class="status ${statusOf(kpi.met)}">${esc(kpiScoreText(kpi))}</span> <span class="meta">(${why})</span></li>`,
        );
      }
      html.push("</ol>");
    }
    html.push("</section>");
  }
  html.push("</div>", "</section>");
  return html.join("\n");
}

export function settingsHtml(report: PeriodReport): string {
  const rows = report.settings.map(
    (s) => `<tr><td>${esc(s.group)}</td><td>${esc(s.key)}</td><td>${esc(s.value)}</td></tr>`,
  );
  return [
    '<section id="settings">',
    "<h2>Settings used</h2>",
    '<table class="settings"><thead><tr><th>Group</th><th>Setting</th><th>Value</th></tr></thead>',
    `<tbody>${rows.join("\n")}</tbody></table>`,
    "</section>",
  ].join("\n");
}

export function legendHtml(report: PeriodReport): string {
  return (
    '<p class="legend">Green: the norm is met. Red: the norm is missed. Grey: no data (never counted as met). ' +
    "A minimum requirement that is missed is a contract deviation. Trend bars: the preceding periods paler, " +
    `this period in full colour; the dashed line is the norm. Generated ${esc(formatInstant(report.generatedAt, report.zone))}.</p>`
  );
}
