import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodReportFromStore } from "../../src/cli/commands/report.js";
import type { ReportSchedule } from "../../src/config/index.js";
import {
  createDaemonMetrics,
  Daemon,
  type DaemonMetrics,
  type ReportWritten,
  reportJobs,
} from "../../src/daemon/index.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { closedTicket } from "../store/records.js";
import {
  captureLog,
  fakeClock,
  manualScheduler,
  parseMetrics,
  type Workspace,
  waitFor,
  workspace,
} from "./helpers.js";

// 1 April 2026, 06:00 in Amsterdam (summer time): March and Q1 have just closed.
const APRIL_FIRST = Date.parse("2026-04-01T04:00:00Z");

let ws: Workspace;
let store: SqliteStore;
beforeAll(async () => {
  ws = await workspace();
  store = SqliteStore.open(":memory:");
  await store.migrate();
  await store.upsert(["I-1", "I-2"].map((id) => ({ connector: "topdesk", record: closedTicket(id) })));
});
afterAll(async () => {
  await store.close();
});

function jobsFor(
  schedules: ReportSchedule[],
  metrics: DaemonMetrics,
  onReport?: (w: ReportWritten) => Promise<void>,
) {
  const capture = captureLog();
  const jobs = reportJobs({
    schedules,
    zone: "Europe/Amsterdam",
    build: (period, now) =>
      periodReportFromStore({ config: ws.config, configFile: ws.configFile, store, period, now }),
    log: capture.log,
    metrics,
    ...(onReport !== undefined && { onReport }),
  });
  return { jobs, capture };
}

const schedule = (period: ReportSchedule["period"], out: string, formats: ReportSchedule["formats"]) => ({
  cron: "0 6 1 * *",
  period,
  formats,
  out,
});

describe("scheduled report jobs", () => {
  it("write the last complete month when the daemon's scheduler fires them, then hand them to the hook", async () => {
    const out = join(ws.dir, "monthly");
    const metrics = createDaemonMetrics({ processMetrics: false });
    const posted: ReportWritten[] = [];
    const { jobs } = jobsFor([schedule("month", out, ["json", "csv"])], metrics, async (w) => {
      posted.push(w);
    });
    expect(jobs.map((j) => j.name)).toEqual(["reports[0]:month"]);
    expect(await jobs[0]?.isMissing?.(APRIL_FIRST)).toBe(true);

    const clock = fakeClock(APRIL_FIRST);
    const scheduler = manualScheduler(clock, 60_000);
    const daemon = new Daemon({
      syncCron: "*/5 * * * *",
      sync: async () => ({ ok: true, problems: [], fatal: [] }),
      jobs,
      scheduler,
      clock: clock.now,
      server: { host: "127.0.0.1", port: 0 },
      metrics,
      log: captureLog().log,
      syncAtStart: false,
    });
    await daemon.start();
    try {
      scheduler.tick("reports[0]:month");
      await waitFor(() => posted.length === 1, 10_000);
    } finally {
      await daemon.stop("test over");
    }

    expect(readdirSync(out).sort()).toEqual([
      "sla-report-2026-03-cases.csv",
      "sla-report-2026-03-kpis.csv",
      "sla-report-2026-03.json",
    ]);
    const report = JSON.parse(readFileSync(join(out, "sla-report-2026-03.json"), "utf8"));
    expect(report.period).toMatchObject({
      label: "2026-03",
      start: "2026-03-01T00:00:00+01:00",
      end: "2026-04-01T00:00:00+02:00",
    });
    expect(posted[0]?.files.map((f) => f.slice(out.length + 1))).toEqual([
      "sla-report-2026-03.json",
      "sla-report-2026-03-kpis.csv",
      "sla-report-2026-03-cases.csv",
    ]);
    expect(await jobs[0]?.isMissing?.(APRIL_FIRST)).toBe(false);
    const m = parseMetrics(await metrics.registry.metrics());
    expect(m.get('sla_sentinel_report_runs_total{period="month",outcome="written"}')).toBe(1);
  });

  it.each([
    ["quarter", "2026-Q1"],
    ["year", "2025"],
  ] as const)("report the last complete %s (%s)", async (period, label) => {
    const out = join(ws.dir, period);
    const { jobs } = jobsFor([schedule(period, out, ["md"])], createDaemonMetrics({ processMetrics: false }));
    await jobs[0]?.run({ now: APRIL_FIRST, signal: new AbortController().signal });
    expect(readdirSync(out)).toEqual([`sla-report-${label}.md`]);
  });

  it("write nothing once the daemon is stopping, and log a hook failure without losing the files", async () => {
    const metrics = createDaemonMetrics({ processMetrics: false });
    const out = join(ws.dir, "stopping");
    const { jobs, capture } = jobsFor([schedule("month", out, ["md"])], metrics, async () => {
      throw new Error("slack: channel_not_found");
    });
    await jobs[0]?.run({ now: APRIL_FIRST, signal: AbortSignal.abort() });
    expect(existsSync(out)).toBe(false);

    await jobs[0]?.run({ now: APRIL_FIRST, signal: new AbortController().signal });
    expect(readdirSync(out)).toEqual(["sla-report-2026-03.md"]);
    expect(capture.lines().find((l) => l.msg === "report hook failed")).toMatchObject({
      level: "error",
      job: "reports[0]:month",
      period: "2026-03",
      error: "slack: channel_not_found",
    });
    const m = parseMetrics(await metrics.registry.metrics());
    expect(m.get('sla_sentinel_report_runs_total{period="month",outcome="skipped"}')).toBe(1);
    expect(m.get('sla_sentinel_report_runs_total{period="month",outcome="written"}')).toBe(1);
  });

  it("log and count a report that cannot be built", async () => {
    const metrics = createDaemonMetrics({ processMetrics: false });
    const capture = captureLog();
    const [job] = reportJobs({
      schedules: [schedule("month", join(ws.dir, "never"), ["html"])],
      zone: "Europe/Amsterdam",
      build: async () => {
        throw new Error("catalog changed on disk");
      },
      log: capture.log,
      metrics,
    });
    await job?.run({ now: APRIL_FIRST, signal: new AbortController().signal });
    expect(capture.lines().find((l) => l.msg === "report failed")).toMatchObject({
      error: "catalog changed on disk",
    });
    const m = parseMetrics(await metrics.registry.metrics());
    expect(m.get('sla_sentinel_report_runs_total{period="month",outcome="failed"}')).toBe(1);
  });
});
