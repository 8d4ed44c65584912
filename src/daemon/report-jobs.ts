/**
 * `schedule.reports` as daemon jobs: at each cron time, the last complete period of the entry's
 * kind (`month` | `quarter` | `year`, in the contract's zone) is reported in the entry's formats
 * into its `out` folder, the same files `sla-sentinel report --period … --out …` writes.
 * `onReport` is where posting a written report to chat plugs in.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ReportSchedule } from "../config/index.js";
import type { Period } from "../engine/kpi/types.js";
import { lastCompletePeriod, type PeriodReport } from "../engine/report/index.js";
import type { Logger } from "../log/logger.js";
import { type ReportFormat, writeReports } from "../report/write.js";
import type { DaemonMetrics } from "./metrics.js";
import type { DaemonJob } from "./types.js";

export interface ReportWritten {
  job: string;
  period: Period;
  files: string[];
  report: PeriodReport;
}

/** Called after a scheduled report's files are written; a failure is logged, the files stay. */
export type ReportHook = (written: ReportWritten) => Promise<void>;

export interface ReportJobDeps {
  schedules: readonly ReportSchedule[];
  /** the contract's zone: where months begin and end */
  zone: string;
  /** the report of a period as known at `now` (periodReportFromStore over the daemon's store) */
  build(period: Period, now: number): Promise<PeriodReport>;
  log: Logger;
  metrics: DaemonMetrics;
  onReport?: ReportHook;
}

export function reportJobs(deps: ReportJobDeps): DaemonJob[] {
  return deps.schedules.map((schedule, index) =>
    reportJob(`reports[${index}]:${schedule.period}`, schedule, deps),
  );
}

function reportJob(name: string, schedule: ReportSchedule, deps: ReportJobDeps): DaemonJob {
  const { zone, log, metrics } = deps;
  const formats = schedule.formats as readonly ReportFormat[];
  const count = (outcome: "written" | "failed" | "skipped") =>
    metrics.reportRuns.inc({ period: schedule.period, outcome });
  return {
    name,
    cron: schedule.cron,
    async run({ now, signal }) {
      const period = lastCompletePeriod(schedule.period, now, zone);
      const fields = { job: name, period: period.label };
      let written: ReportWritten;
      try {
        const report = await deps.build(period, now);
        if (signal.aborted) {
          count("skipped");
          log.info(fields, "report not written: the daemon is shutting down");
          return;
        }
        const files = await writeReports(report, formats, schedule.out);
        written = { job: name, period, files, report };
      } catch (error) {
        count("failed");
        log.error(
          { ...fields, error: error instanceof Error ? error.message : String(error) },
          "report failed",
        );
        return;
      }
      count("written");
      log.info({ ...fields, files: written.files }, "report written");
      if (deps.onReport === undefined) return;
      try {
        await deps.onReport(written);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error({ ...fields, error: message }, "report hook failed");
      }
    },
    async isMissing(now) {
      const label = lastCompletePeriod(schedule.period, now, zone).label;
      return formats.some((format) => !existsSync(expectedFile(schedule.out, label, format)));
    },
  };
}

/** The first file `writeReports` writes for a format (src/report/write.ts names them). */
function expectedFile(out: string, label: string, format: ReportFormat): string {
  const suffix = format === "csv" ? "-kpis.csv" : `.${format}`;
  return join(resolve(out), `sla-report-${label}${suffix}`);
}
