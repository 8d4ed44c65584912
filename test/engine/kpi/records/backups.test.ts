/**
 * T1.4 (M20): part `backups` = successful share of the runs scheduled in the period; part
 * `restore-test` = a successful restore test in the 12 months up to the period's end
 * ([1 April 2025 00:00, 1 April 2026 00:00) for March 2026).
 */
import { describe, expect, it } from "vitest";
import { scoreBackups } from "../../../../src/engine/kpi/records/backups.js";
import { caseRows, context, headline, input, kpi, type Line } from "./helpers.js";

const T14 = kpi(
  "T1.4",
  { rule: "backups" },
  { partNorms: { backups: { kind: "min", value: 0.99 }, "restore-test": { kind: "min", value: 1 } } },
);
const NOW = "2026-04-10T12:00:00+02:00";

/** The nightly job at 22:00 on every day of March 2026; the run of 15 March failed. */
function marchRuns(): Line[] {
  const runs: Line[] = [];
  for (let day = 1; day <= 31; day++) {
    const dd = String(day).padStart(2, "0");
    const offset = day >= 29 ? "+02:00" : "+01:00";
    runs.push({
      kind: "backup-run",
      job: "nightly",
      scheduledAt: `2026-03-${dd}T22:00:00${offset}`,
      success: day !== 15,
    });
  }
  // The first run of April is not in March.
  runs.push({ kind: "backup-run", job: "nightly", scheduledAt: "2026-04-01T00:30:00+02:00", success: false });
  return runs;
}

const restore = (at: string, success: boolean): Line => ({ kind: "restore-test", at, success });

describe("T1.4 backups and restore test", () => {
  it("fails on one failed run in 31 and on a restore test older than 12 months", () => {
    const score = scoreBackups(
      input([
        ...marchRuns(),
        restore("2025-03-15T10:00:00+01:00", true), // before 1 April 2025: too old
        restore("2025-11-10T10:00:00+01:00", false), // in the window, but failed
      ]),
      T14,
      context({ now: NOW }),
    );
    expect(score.parts).toEqual([
      { name: "backups", score: 30 / 31, target: 0.99, met: false, n: 31 }, // 96.8 % < 99 %
      { name: "restore-test", score: 0, target: 1, met: false, n: 1 },
    ]);
    expect(score.met).toBe(false);
    expect(caseRows(score).filter((c) => c.part === "restore-test")).toEqual([
      {
        id: "restore-test@2025-11-10T09:00:00.000Z",
        part: "restore-test",
        value: null,
        deadline: null,
        stoppedAt: "2025-11-10T10:00:00+01:00",
        verdict: "breached",
      },
      {
        id: "restore-test@2025-03-15T09:00:00.000Z",
        part: "restore-test",
        value: null,
        deadline: null,
        stoppedAt: "2025-03-15T10:00:00+01:00",
        verdict: "excluded",
      },
    ]);
    expect(score.cases.find((c) => c.verdict === "breached" && c.part === "backups")?.note).toBe(
      "job nightly failed",
    );
  });

  it.each([
    {
      name: "a successful test on the window's first instant counts",
      at: "2025-04-01T00:00:00+02:00",
      met: true,
    },
    { name: "one second earlier does not", at: "2025-03-31T23:59:59+02:00", met: false },
    {
      name: "a successful test after the period's end does not count for it",
      at: "2026-04-02T10:00:00+02:00",
      met: false,
    },
  ])("restore test: $name", ({ at, met }) => {
    const score = scoreBackups(input([restore(at, true)]), T14, context({ now: NOW }));
    expect(score.parts[1]).toEqual({ name: "restore-test", score: met ? 1 : 0, target: 1, met, n: 1 });
  });

  it("is met with every run successful and a recent restore test", () => {
    const runs = marchRuns().map((r) => (r.kind === "backup-run" ? { ...r, success: true } : r));
    const score = scoreBackups(
      input([...runs, restore("2026-01-20T10:00:00+01:00", true)]),
      T14,
      context({ now: NOW }),
    );
    expect(headline(score)).toEqual({ score: 1, target: 0.99, met: true, n: 32 });
  });

  it("has no verdict on backups without runs, and fails on the restore test alone", () => {
    const score = scoreBackups(input([]), T14, context({ now: NOW }));
    expect(score.parts.map((p) => [p.name, p.score, p.met])).toEqual([
      ["backups", null, null],
      ["restore-test", 0, false],
    ]);
    expect(score.met).toBe(false);
  });
});
