import { DateTime } from "luxon";
import { getTasks } from "node-cron";
import { describe, expect, it } from "vitest";
import { cronScheduler } from "../../src/daemon/index.js";
import { captureLog } from "./helpers.js";

describe("cronScheduler (node-cron)", () => {
  it("tells the next runs of a schedule, read in the contract's zone", () => {
    const scheduler = cronScheduler("Europe/Amsterdam", captureLog().log);
    const sync = scheduler.schedule("sync", "*/5 * * * *", () => {});
    const report = scheduler.schedule("reports[0]:month", "0 6 1 * *", () => {});
    try {
      const runs = sync.nextRuns(3);
      const gaps = runs.slice(1).map((run, i) => run - (runs[i] ?? 0));
      expect(gaps).toEqual([300_000, 300_000]);
      expect(runs.map((run) => run % 300_000)).toEqual([0, 0, 0]);
      const monthly = report.nextRuns(2).map((ms) => DateTime.fromMillis(ms, { zone: "Europe/Amsterdam" }));
      for (const run of monthly) expect([run.day, run.hour, run.minute]).toEqual([1, 6, 0]);
    } finally {
      sync.stop();
      report.stop();
    }
  });

  it("removes the task from node-cron when stopped", () => {
    const before = getTasks().size;
    const job = cronScheduler("UTC", captureLog().log).schedule("sync", "* * * * *", () => {});
    expect(getTasks().size).toBe(before + 1);
    job.stop();
    expect(getTasks().size).toBe(before);
  });
});
