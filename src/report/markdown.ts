/**
 * The period report as Markdown (GitHub-flavoured tables): for a wiki page or the minutes of the
 * governance meeting. Every text from the catalog or the records is escaped.
 */
import type { KpiReport, PeriodReport } from "../engine/report/model.js";
import { MEETING_LEVELS } from "../engine/report/model.js";
import { formatScore } from "../engine/report/norm-text.js";
import { formatInstant } from "../engine/report/period.js";
import {
  breachedCases,
  GOALS,
  kpiIsCount,
  kpiScoreText,
  kpisByGoal,
  partIsCount,
  partNormText,
  STATUS_TEXT,
  shortfallText,
  statusOf,
} from "./format.js";
import { signalsMarkdown } from "./markdown-signals.js";
import { md } from "./md-escape.js";

export { md };

const MEETING_TITLE = {
  operational: "Operational meeting (monthly)",
  tactical: "Tactical meeting (quarterly)",
  strategic: "Strategic meeting (yearly)",
} as const;

export function renderMarkdown(report: PeriodReport): string {
  const lines: string[] = [...header(report), ...deviations(report), ...agenda(report), ...scorecard(report)];
  lines.push(...trends(report), ...signalsMarkdown(report), ...notes(report), ...settings(report));
  return `${lines.join("\n")}\n`;
}

function header(report: PeriodReport): string[] {
  const { period, zone } = report;
  const lines = [
    `# SLA report ${md(period.label)} (${period.kind})`,
    "",
    `Period ${formatInstant(period.start, zone)} – ${formatInstant(period.end, zone)} (end excluded) · ` +
      `catalog ${md(report.catalogVersion)} · made ${formatInstant(report.generatedAt, zone)}`,
  ];
  if (!report.periodComplete) {
    lines.push(
      "",
      "> **Provisional:** the period had not ended when this report was made; every figure may still change.",
    );
  }
  return [...lines, ""];
}

function deviations(report: PeriodReport): string[] {
  const lines = ["## Contract deviations", ""];
  if (report.deviations.length === 0) return [...lines, "No minimum requirement was missed.", ""];
  lines.push("Minimum requirements not met (a deviation from the contract):", "");
  for (const kpi of report.kpis.filter((k) => k.deviation)) {
    lines.push(`- **${md(kpi.id)}** ${md(kpi.name.en)} (${md(kpi.name.nl)}): ${md(shortfallText(kpi))}`);
  }
  return [...lines, ""];
}

function agenda(report: PeriodReport): string[] {
  const lines = ["## Agenda", ""];
  for (const level of MEETING_LEVELS) {
    const ids = report.agenda[level];
    lines.push(`### ${MEETING_TITLE[level]}`, "");
    if (ids.length === 0) lines.push("Nothing to discuss from this report.");
    for (const id of ids) {
      const kpi = report.kpis.find((k) => k.id === id);
      if (kpi === undefined) continue;
      const why = kpi.agendaType === "always" ? "standing item" : "norm missed";
      lines.push(`- **${md(kpi.id)}** ${md(kpi.name.en)}: ${kpiScoreText(kpi)} (${why})`);
    }
    lines.push("");
  }
  return lines;
}

function scorecard(report: PeriodReport): string[] {
  const lines = ["## Scorecard", ""];
  for (const { goal, kpis } of kpisByGoal(report.kpis)) {
    lines.push(`### ${goal} ${md(GOALS[goal].en)} (${md(GOALS[goal].nl)})`, "");
    lines.push("| KPI | Name | Norm | Score | n | Status |", "|---|---|---|---|---|---|");
    for (const kpi of kpis) lines.push(...kpiRows(kpi));
    lines.push("");
  }
  return lines;
}

function kpiRows(kpi: KpiReport): string[] {
  const flags = [
    kpi.minimumRequirement ? "minimum requirement" : "",
    kpi.deviation ? "**contract deviation**" : "",
    kpi.provisional ? "provisional" : "",
  ].filter((f) => f !== "");
  const status = `${STATUS_TEXT[statusOf(kpi.met)]}${flags.length > 0 ? ` (${flags.join(", ")})` : ""}`;
  const rows = [
    `| ${md(kpi.id)} | ${md(kpi.name.en)}<br>*${md(kpi.name.nl)}* | ${md(kpi.normText)} | ${kpiScoreText(kpi)} | ${kpi.n} | ${status} |`,
  ];
  for (const part of kpi.parts) {
    const score = formatScore(part.score, partIsCount(kpi, part.name));
    const normCell = md(partNormText(kpi, part.name));
    rows.push(
      `| | ↳ ${md(part.name)} | ${normCell} | ${score} | ${part.n} | ${STATUS_TEXT[statusOf(part.met)]} |`,
    );
  }
  return rows;
}

function trends(report: PeriodReport): string[] {
  if (report.trendPeriods.length === 0) return [];
  const labels = [...report.trendPeriods.map((p) => p.label), report.period.label];
  const lines = [
    "## Trends",
    "",
    `| KPI | ${labels.map(md).join(" | ")} |`,
    `|---|${labels.map(() => "---").join("|")}|`,
  ];
  for (const kpi of report.kpis) {
    const count = kpiIsCount(kpi);
    const cells = [...kpi.trend.map((t) => formatScore(t.score, count)), kpiScoreText(kpi)];
    lines.push(`| ${md(kpi.id)} | ${cells.join(" | ")} |`);
  }
  return [...lines, ""];
}

function notes(report: PeriodReport): string[] {
  const lines: string[] = [];
  for (const kpi of report.kpis) {
    const breached = breachedCases(kpi).length;
    const items = [...kpi.notes];
    if (breached > 0) items.push(`${breached} breached case${breached === 1 ? "" : "s"} (see the cases CSV)`);
    if (kpi.provisional) items.push("provisional: the figure may still change");
    if (items.length > 0) lines.push(`- **${md(kpi.id)}**: ${items.map(md).join("; ")}`);
  }
  return lines.length === 0 ? [] : ["## Notes", "", ...lines, ""];
}

function settings(report: PeriodReport): string[] {
  const lines = ["## Settings used", "", "| Group | Setting | Value |", "|---|---|---|"];
  for (const s of report.settings) lines.push(`| ${md(s.group)} | ${md(s.key)} | ${md(s.value)} |`);
  return [...lines, ""];
}
