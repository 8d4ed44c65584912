/**
 * `schedule.reports` as daemon jobs: at each cron time, the last complete period of the entry's
 * kind (`month` | `quarter` | `year`, in the contract's zone) is reported in the entry's formats
 * into its `out` folder, the same files `sla-sentinel report --period … --out …` writes, then
 * its scorecard is posted to the entry's `post` channels (once per job, period and channel). A
 * post that failed waits in the store and is retried by the `report-posts` job (every 15
 * minutes, and once after a restart) without writing the files again.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ReportSchedule } from "../config/index.js";
import type { Period } from "../engine/kpi/types.js";
import { lastCompletePeriod, type PeriodReport } from "../engine/report/index.js";
import type { Logger } from "../log/logger.js";
import { type ReportFormat, writeReports } from "../report/write.js";
import type { ReportPoster } from "../sinks/report-post/index.js";
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
  /** posts scorecards to chat (src/sinks/report-post); needed when an entry has `post` */
  poster?: ReportPosting;
}

export type ReportPosting = Pick<ReportPoster, "post" | "flush" | "waiting">;

/** How often posts that failed are tried again. */
export const REPORT_POST_RETRY_CRON = "*/15 * * * *";

export function reportJobs(deps: ReportJobDeps): DaemonJob[] {
  const jobs = deps.schedules.map((schedule, index) =>
    reportJob(`reports[${index}]:${schedule.period}`, schedule, deps),
  );
  const { poster } = deps;
  if (poster !== undefined && deps.schedules.some((s) => s.post !== undefined)) {
    jobs.push(retryPostsJob(poster, deps.log));
  }
  return jobs;
}

/** Tries the posts that wait (a chat outage, a crash) again; writes no files. */
function retryPostsJob(poster: ReportPosting, log: Logger): DaemonJob {
  return {
    name: "report-posts",
    cron: REPORT_POST_RETRY_CRON,
    async run({ signal }) {
      try {
        await poster.flush(signal);
      } catch (error) {
        log.error({ error: error instanceof Error ? error.message : String(error) }, "report posting failed");
      }
    },
    isMissing: () => poster.waiting(),
  };
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
      await postToChat(written, schedule, deps, signal);
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

/** Posts the scorecard where the entry asks; chat failures are the poster's to log and retry. */
async function postToChat(
  written: ReportWritten,
  schedule: ReportSchedule,
  deps: ReportJobDeps,
  signal: AbortSignal,
): Promise<void> {
  if (schedule.post === undefined || deps.poster === undefined || signal.aborted) return;
  try {
    await deps.poster.post(
      {
        job: written.job,
        report: written.report,
        files: written.files,
        post: schedule.post,
        ...(schedule.publicUrl !== undefined && { publicUrl: schedule.publicUrl }),
      },
      signal,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.error(
      { job: written.job, period: written.period.label, error: message },
      "report posting failed",
    );
  }
}

/** The first file `writeReports` writes for a format (src/report/write.ts names them). */
function expectedFile(out: string, label: string, format: ReportFormat): string {
  const suffix = format === "csv" ? "-kpis.csv" : `.${format}`;
  return join(resolve(out), `sla-report-${label}${suffix}`);
}
