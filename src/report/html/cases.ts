/**
 * Drill-down per KPI: a collapsible block with what the scorer noted (settings, exclusions,
 * where it measured) and the breached cases, so "why is O1.3 at 91 %?" is answered on the page.
 * At most MAX_CASES_SHOWN cases per KPI keep the page light; the cases CSV holds every case.
 */
import type { KpiReport, PeriodReport } from "../../engine/report/model.js";
import { breachedCases, caseValueText, localTime } from "../format.js";
import { anchor, esc } from "./escape.js";

/** Breached cases shown per KPI; the rest are counted and left to the cases CSV. */
export const MAX_CASES_SHOWN = 200;

export function casesHtml(report: PeriodReport): string {
  const explained = report.kpis.filter((kpi) => kpi.notes.length > 0 || breachedCases(kpi).length > 0);
  const html = ['<section id="cases">', "<h2>Drill-down per KPI: notes and breached cases</h2>"];
  if (explained.length === 0) html.push("<p>No notes and no breached cases in this period.</p>");
  for (const kpi of explained) html.push(kpiDetails(kpi, report.zone));
  html.push("</section>");
  return html.join("\n");
}

function kpiDetails(kpi: KpiReport, zone: string): string {
  const breached = breachedCases(kpi);
  const summary =
    breached.length === 0
      ? `${esc(kpi.id)} ${esc(kpi.name.en)} — no breached cases`
      : `${esc(kpi.id)} ${esc(kpi.name.en)} — ${breached.length} breached of ${kpi.n} counted`;
  const notes =
    kpi.notes.length === 0
      ? ""
      : `<ul class="notes">${kpi.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`;
  return [
    `<details id="${anchor("cases", kpi.id)}" data-kpi="${esc(kpi.id)}" data-breached="${breached.length}">`,
    `<summary>${summary}</summary>`,
    notes,
    breached.length === 0 ? "" : casesTable(kpi, breached, zone),
    "</details>",
  ].join("\n");
}

function casesTable(kpi: KpiReport, breached: KpiReport["cases"], zone: string): string {
  const hasParts = breached.some((c) => c.part !== undefined);
  const rows = breached
    .slice(0, MAX_CASES_SHOWN)
    .map(
      (c) =>
        "<tr>" +
        `<td class="case">${esc(c.id)}</td><td>${esc(c.source ?? "")}</td>` +
        (hasParts ? `<td>${esc(c.part ?? "")}</td>` : "") +
        `<td class="num">${esc(caseValueText(kpi, c))}</td>` +
        `<td class="time">${esc(localTime(c.deadline, zone))}</td>` +
        `<td class="time">${esc(c.stoppedAt === null ? "still open" : localTime(c.stoppedAt, zone))}</td>` +
        `<td>${esc(c.note ?? "")}</td></tr>`,
    );
  const more = breached.length - rows.length;
  return [
    "<table><thead><tr><th>Case</th><th>Source</th>" +
      (hasParts ? "<th>Part</th>" : "") +
      '<th class="num">Value</th><th>Deadline</th><th>Stopped</th><th>Note</th></tr></thead>',
    `<tbody>${rows.join("\n")}</tbody></table>`,
    more > 0 ? `<p>… and ${more} more breached cases: see the cases CSV.</p>` : "",
  ].join("\n");
}
