/** A period report as one screen of terminal text: each KPI with its score, norm and status. */
import type { PeriodReport } from "../engine/report/index.js";
import { kpiScoreText, STATUS_TEXT, statusOf } from "./format.js";

const MARK = { met: "ok", "not-met": "NOT MET", "no-data": "-" } as const;

export function terminalScorecard(report: PeriodReport): string[] {
  const lines = [
    `Scorecard ${report.period.label} (catalog ${report.catalogVersion}${report.periodComplete ? "" : ", period still running"})`,
  ];
  const idWidth = Math.max(...report.kpis.map((k) => k.id.length), 2);
  const nameWidth = Math.min(38, Math.max(...report.kpis.map((k) => k.name.en.length), 4));
  for (const kpi of report.kpis) {
    const status = statusOf(kpi.met);
    const name = kpi.name.en.length > nameWidth ? `${kpi.name.en.slice(0, nameWidth - 1)}…` : kpi.name.en;
    const deviation = kpi.deviation ? "  contract deviation" : "";
    lines.push(
      `  ${kpi.id.padEnd(idWidth)}  ${name.padEnd(nameWidth)}  ${kpiScoreText(kpi).padStart(9)}  ` +
        `${`norm ${kpi.normText || "-"}`.padEnd(28)}  ${MARK[status]}${deviation}`,
    );
  }
  const counted = report.kpis.filter((k) => k.met !== null);
  const met = counted.filter((k) => k.met === true).length;
  lines.push(
    `  ${met} of ${counted.length} KPIs with data met their norm; ${report.kpis.length - counted.length} without data (${STATUS_TEXT["no-data"].toLowerCase()} is never green)`,
  );
  if (report.deviations.length > 0) lines.push(`  contract deviations: ${report.deviations.join(", ")}`);
  const agenda = Object.entries(report.agenda)
    .filter(([, ids]) => ids.length > 0)
    .map(([level, ids]) => `${level}: ${ids.join(", ")}`);
  if (agenda.length > 0) lines.push(`  agenda — ${agenda.join("; ")}`);
  return lines;
}
