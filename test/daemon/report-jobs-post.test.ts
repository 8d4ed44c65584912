/**
 * Scheduled reports posted to chat: the report job writes the files and posts the scorecard once
 * per job and period; a post that failed waits in the store and the `report-posts` job (or the
 * catch-up after a restart) makes it without writing the files again.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildAlertChannels } from "../../src/alerts/index.js";
import { periodReportFromStore } from "../../src/cli/commands/report.js";
import type { ReportSchedule } from "../../src/config/index.js";
import { notifySchema } from "../../src/config/schema/notify.js";
import { createDaemonMetrics, Daemon, type DaemonJob, reportJobs } from "../../src/daemon/index.js";
import { ReportPoster } from "../../src/sinks/report-post/index.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { useNock } from "../http/nock-harness.js";
import { closedTicket } from "../store/records.js";
import { captureLog, fakeClock, manualScheduler, type Workspace, waitFor, workspace } from "./helpers.js";

useNock();

// 1 April 2026, 06:00 in Amsterdam: March has just closed.
const APRIL_FIRST = Date.parse("2026-04-01T04:00:00Z");
const SLACK = "https://slack.test";
const notify = notifySchema.parse({
  slack: { token: "xoxb-test", channel: "C0REPORTS", apiUrl: `${SLACK}/api/` },
});

let ws: Workspace;
let store: SqliteStore;
beforeAll(async () => {
  ws = await workspace();
});
beforeEach(async () => {
  store = SqliteStore.open(":memory:");
  await store.migrate();
  await store.upsert(["I-1", "I-2"].map((id) => ({ connector: "topdesk", record: closedTicket(id) })));
});
afterEach(async () => {
  await store.close();
});

/** The jobs of one process (a fresh set is a restart) over the shared store. */
function jobsFor(out: string, clock: () => number) {
  const capture = captureLog();
  const schedule: ReportSchedule = {
    cron: "0 6 1 * *",
    period: "month",
    formats: ["md"],
    out,
    post: ["slack"],
  };
  const jobs = reportJobs({
    schedules: [schedule],
    zone: "Europe/Amsterdam",
    build: (period, now) =>
      periodReportFromStore({ config: ws.config, configFile: ws.configFile, store, period, now }),
    log: capture.log,
    metrics: createDaemonMetrics({ processMetrics: false }),
    poster: new ReportPoster({
      store,
      channels: buildAlertChannels(notify, { slack: { baseDelayMs: 1 } }),
      notify,
      log: capture.log,
      clock,
    }),
  });
  return { jobs, capture, byName: (name: string) => jobs.find((j) => j.name === name) as DaemonJob };
}

const posts = (calls: string[]) =>
  nock(SLACK)
    .post("/api/chat.postMessage", (body: Record<string, string>) => {
      calls.push(body.text ?? "");
      return true;
    })
    .reply(200, { ok: true, channel: "C0REPORTS", ts: "1775016000.000100" });
const run = (job: DaemonJob, now: number) => job.run({ now, signal: new AbortController().signal });

describe("scheduled reports posted to chat", () => {
  it("posts once per job and period, retries a failed post without rewriting the files, and never posts twice", async () => {
    const out = join(ws.dir, "posted");
    let now = APRIL_FIRST;
    const first = jobsFor(out, () => now);
    expect(first.jobs.map((j) => [j.name, j.cron])).toEqual([
      ["reports[0]:month", "0 6 1 * *"],
      ["report-posts", "*/15 * * * *"],
    ]);

    // Slack is down when the report is written: the files are there, the post waits.
    nock(SLACK).post("/api/chat.postMessage").times(3).reply(503, "upstream connect error");
    await run(first.byName("reports[0]:month"), now);
    expect(readdirSync(out)).toEqual(["sla-report-2026-03.md"]);
    const written = statSync(join(out, "sla-report-2026-03.md")).mtimeMs;
    expect(first.capture.lines().find((l) => l.msg === "report post failed; retried later")).toMatchObject({
      level: "error",
      job: "reports[0]:month",
      period: "2026-03",
      channel: "slack:C0REPORTS",
    });
    const retry = first.byName("report-posts");
    expect(await retry.isMissing?.(now)).toBe(true);

    // The retry job's next tick, after the backoff: posted, the files untouched.
    now += 15 * 60_000;
    const calls: string[] = [];
    posts(calls);
    await run(retry, now);
    expect(calls).toEqual([
      expect.stringMatching(/^SLA scorecard 2026-03 \(month\): \d+ met · \d+ not met · \d+ no data · /),
    ]);
    expect(statSync(join(out, "sla-report-2026-03.md")).mtimeMs).toBe(written);
    expect(await retry.isMissing?.(now)).toBe(false);

    // The same period again (a rerun, a restart's catch-up): the files are rewritten, nothing is posted.
    await run(first.byName("reports[0]:month"), now);
    await run(jobsFor(out, () => now).byName("reports[0]:month"), now + 86_400_000);
    expect(calls).toHaveLength(1);
  });

  it("after a restart, the daemon's catch-up makes a post that waits", async () => {
    const out = join(ws.dir, "catch-up");
    const clock = fakeClock(APRIL_FIRST);
    const before = jobsFor(out, clock.now);
    nock(SLACK).post("/api/chat.postMessage").reply(200, { ok: false, error: "not_in_channel" });
    await run(before.byName("reports[0]:month"), clock.now());
    expect(await before.byName("report-posts").isMissing?.(clock.now())).toBe(true);

    // A restart an hour later, the bot invited meanwhile: the first good cycle catches up.
    clock.advance(60 * 60_000);
    const after = jobsFor(out, clock.now);
    const calls: string[] = [];
    posts(calls);
    const daemon = new Daemon({
      syncCron: "*/5 * * * *",
      sync: async () => ({ ok: true, problems: [], fatal: [] }),
      jobs: after.jobs,
      scheduler: manualScheduler(clock, 60_000),
      clock: clock.now,
      server: { host: "127.0.0.1", port: 0 },
      metrics: createDaemonMetrics({ processMetrics: false }),
      log: captureLog().log,
    });
    await daemon.start();
    try {
      await waitFor(() => calls.length === 1, 10_000);
    } finally {
      await daemon.stop("test over");
    }
    expect(after.capture.messages()).toContain("report posted");
  });

  it("adds no retry job when no entry posts", () => {
    const jobs = reportJobs({
      schedules: [{ cron: "0 6 1 * *", period: "month", formats: ["md"], out: join(ws.dir, "quiet") }],
      zone: "Europe/Amsterdam",
      build: async () => {
        throw new Error("not built in this test");
      },
      log: captureLog().log,
      metrics: createDaemonMetrics({ processMetrics: false }),
      poster: new ReportPoster({ store, channels: new Map(), notify }),
    });
    expect(jobs.map((j) => j.name)).toEqual(["reports[0]:month"]);
  });
});
