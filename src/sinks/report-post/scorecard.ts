/**
 * A written period report → its scorecard for chat (pure): the counts of KPIs met, not met and
 * without data, the contract deviations with their score against the norm, the meeting agenda and
 * the files, linked under the schedule entry's `publicUrl` when it has one.
 */
import { basename } from "node:path";
import type { KpiReport, PeriodReport } from "../../engine/report/model.js";
import { MEETING_LEVELS } from "../../engine/report/model.js";
import { kpiScoreText, shortfallText } from "../../report/format.js";
import type { Scorecard, ScorecardItem } from "./types.js";

/** Notes per deviation shown in chat; the report file has them all. */
const NOTES_SHOWN = 2;

export interface ScorecardSource {
  job: string;
  report: PeriodReport;
  /** the paths written, in format order */
  files: readonly string[];
  publicUrl?: string;
}

/**
 * @example scorecardOf({ job: "reports[0]:month", report, files: ["/srv/out/sla-report-2026-03.html"],
 *   publicUrl: "https://intranet.example/sla" }).files
 *   // → [{ name: "sla-report-2026-03.html", url: "https://intranet.example/sla/sla-report-2026-03.html" }]
 */
export function scorecardOf(source: ScorecardSource): Scorecard {
  const { report } = source;
  const byId = new Map(report.kpis.map((kpi) => [kpi.id, kpi]));
  const { label, kind, start, end } = report.period;
  return {
    job: source.job,
    period: { label, kind, start, end },
    zone: report.zone,
    catalogVersion: report.catalogVersion,
    periodComplete: report.periodComplete,
    counts: {
      met: report.kpis.filter((k) => k.met === true).length,
      notMet: report.kpis.filter((k) => k.met === false).length,
      noData: report.kpis.filter((k) => k.met === null).length,
    },
    deviations: report.kpis
      .filter((k) => k.deviation)
      .map((kpi) => item(kpi, shortfallText(kpi), kpi.notes.slice(0, NOTES_SHOWN))),
    agenda: MEETING_LEVELS.map((level) => ({
      level,
      items: report.agenda[level]
        .map((id) => byId.get(id))
        .filter((kpi): kpi is KpiReport => kpi !== undefined)
        .map((kpi) =>
          item(kpi, kpiScoreText(kpi), [kpi.agendaType === "always" ? "standing item" : "norm missed"]),
        ),
    })).filter((level) => level.items.length > 0),
    files: source.files.map((path) => {
      const name = basename(path);
      return {
        name,
        url: source.publicUrl === undefined ? null : `${source.publicUrl}/${encodeURIComponent(name)}`,
      };
    }),
  };
}

function item(kpi: KpiReport, result: string, notes: string[]): ScorecardItem {
  return { id: kpi.id, name: kpi.name.en, result, notes };
}
