import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { at, demoData, NOW_MS, ofKind, WINDOW_START_MS } from "./fixture.js";

const DAY = 86_400_000;
const { records } = demoData();

describe("tactical and strategic records", () => {
  it("run backups daily per job, about 99.5 % successfully, and a restore test in the last year", () => {
    const runs = ofKind(records, "backup-run");
    const jobs = new Set(runs.map((r) => r.job));
    expect(jobs.size).toBeGreaterThanOrEqual(3);
    const days = (NOW_MS - WINDOW_START_MS) / DAY;
    expect(runs.length).toBeGreaterThan(jobs.size * (days - 2));
    const share = runs.filter((r) => r.success).length / runs.length;
    expect(share).toBeGreaterThan(0.985);
    expect(share).toBeLessThan(1);
    const tests = ofKind(records, "restore-test");
    expect(tests.some((t) => t.success && NOW_MS - at(t.at) < 365 * DAY)).toBe(true);
  });

  it("signal end-of-support items mostly 90 days ahead, some late, some not yet", () => {
    const items = ofKind(records, "eol-item");
    const lead = (i: (typeof items)[number]): number => (at(i.eosDate) - at(i.signalledAt as string)) / DAY;
    const signalled = items.filter((i) => i.signalledAt != null);
    expect(signalled.filter((i) => lead(i) >= 90).length).toBeGreaterThan(
      signalled.filter((i) => lead(i) < 90).length,
    );
    expect(signalled.some((i) => lead(i) < 90)).toBe(true);
    expect(items.some((i) => i.signalledAt == null && at(i.eosDate) - 90 * DAY > NOW_MS)).toBe(true);
    expect(items.some((i) => i.signalledAt == null && at(i.eosDate) - 90 * DAY < NOW_MS)).toBe(true);
  });

  it("keep security exceptions mostly complete and reviewed in time, with one of each exception", () => {
    const exceptions = ofKind(records, "security-exception");
    const complete = exceptions.filter(
      (e) => e.reason != null && e.compensatingControl != null && e.reviewBy != null,
    );
    expect(complete.length).toBeGreaterThan(exceptions.length / 2);
    expect(complete.length).toBeLessThan(exceptions.length);
    const due = exceptions.filter((e) => e.reviewBy != null && at(e.reviewBy) <= NOW_MS);
    const late = due.filter((e) => e.reviewedAt == null || at(e.reviewedAt) > at(e.reviewBy as string));
    expect(late.length).toBeGreaterThanOrEqual(1);
    expect(late.length).toBeLessThan(due.length / 2);
  });

  it("list at least five improvement items, all but one updated in the last 90 days", () => {
    const items = ofKind(records, "improvement");
    expect(items.length).toBeGreaterThanOrEqual(5);
    const current = items.filter((i) => NOW_MS - at(i.updatedAt) <= 90 * DAY);
    expect(current.length).toBe(items.length - 1);
    expect(items.every((i) => i.owner != null && i.status != null && i.decisionAt != null)).toBe(true);
  });

  it("hold T1.1 evidence in each quarter of the window and S2.1 and S2.2 evidence", () => {
    const evidence = ofKind(records, "evidence");
    const quarter = (ms: number): string =>
      DateTime.fromMillis(ms, { zone: "Europe/Amsterdam" }).toFormat("yyyy-q");
    const quarters = new Set<string>();
    for (let t = WINDOW_START_MS; t <= NOW_MS; t += DAY) quarters.add(quarter(t));
    const covered = new Set(evidence.filter((e) => e.kpi === "T1.1").map((e) => quarter(at(e.at))));
    expect(covered).toEqual(quarters);
    expect(evidence.some((e) => e.kpi === "S2.1")).toBe(true);
    expect(evidence.some((e) => e.kpi === "S2.2")).toBe(true);
  });
});
