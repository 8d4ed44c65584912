/**
 * `demo`, the README's first command, end to end: data set, sync, live clocks, the month and
 * quarter reports as files and in the BI tables, and a config the other commands accept. Two
 * months keep it quick; the figures themselves are the demo suites' business (test/demo/).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { type CliRun, cli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "cli-demo-"));
const NOW = "2026-11-29T12:00:00+01:00";
let run: CliRun;

beforeAll(async () => {
  run = await cli("demo", "--out", dir, "--seed", "42", "--now", NOW, "--months", "2");
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("demo", () => {
  it("syncs the data set and prints the live clocks and the month's scorecard", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Demo organisation: Stichting ICT Beheer (seed 42, 2 months up to");
    expect(run.stdout).toMatch(/read (\d+), stored \1 new and 0 updated, 0 unchanged, 0 rejected/);
    expect(run.stdout).toMatch(/live clocks of \d+ open tickets: /);
    expect(run.stdout).toContain("Scorecard 2026-11 (catalog sib-2026.1, period still running)");
  });

  it("writes the running month's and the last complete quarter's reports", () => {
    for (const period of ["2026-11", "2026-Q3"]) {
      for (const format of ["html", "json", "md"]) {
        expect(existsSync(join(dir, `sla-report-${period}.${format}`)), `${period}.${format}`).toBe(true);
      }
    }
    const month = JSON.parse(readFileSync(join(dir, "sla-report-2026-11.json"), "utf8"));
    expect(month.period.label).toBe("2026-11");
    expect(month.kpis.length).toBeGreaterThan(20);
  });

  it("saves both reports in the store's BI tables", async () => {
    const store = SqliteStore.open(join(dir, "demo.db"));
    await store.migrate();
    try {
      const saved = await store.savedReports();
      expect(saved.map((s) => s.period)).toEqual(["2026-11", "2026-Q3"]);
      expect(saved.every((s) => s.kpis > 0 && s.cases > 0)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("leaves a config the other commands take", async () => {
    const timers = await cli(
      "-c",
      join(dir, "sla-sentinel.demo.yaml"),
      "timers",
      "--at",
      NOW,
      "--format",
      "json",
    );
    expect(timers.code).toBe(0);
    expect(JSON.parse(timers.stdout).timers.length).toBeGreaterThan(0);
    expect((await cli("-c", join(dir, "sla-sentinel.demo.yaml"), "validate")).code).toBe(0);
  });
});
