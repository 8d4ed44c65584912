import { describe, expect, it } from "vitest";
import { type CycleRecord, evaluateHealth, readyUntilAfter } from "../../src/daemon/index.js";

const T = Date.parse("2026-03-10T10:00:00Z");
const good: CycleRecord = { startedAt: T, endedAt: T + 4_000, ok: true, problems: [] };
const failed: CycleRecord = { startedAt: T + 60_000, endedAt: T + 61_000, ok: false, problems: ["a", "b"] };

describe("evaluateHealth", () => {
  it.each([
    [
      "stopping wins over everything",
      { stopping: true, lastCycle: good, lastSuccess: good, readyUntil: T + 1e6 },
      T,
      "stopping",
    ],
    [
      "no cycle yet",
      { stopping: false, lastCycle: null, lastSuccess: null, readyUntil: null },
      T,
      "starting",
    ],
    [
      "the last cycle failed",
      { stopping: false, lastCycle: failed, lastSuccess: good, readyUntil: T + 1e6 },
      T,
      "failing",
    ],
    [
      "past readyUntil",
      { stopping: false, lastCycle: good, lastSuccess: good, readyUntil: T + 10 },
      T + 11,
      "stale",
    ],
    [
      "at readyUntil",
      { stopping: false, lastCycle: good, lastSuccess: good, readyUntil: T + 10 },
      T + 10,
      "ready",
    ],
    [
      "a schedule that fires no more",
      { stopping: false, lastCycle: good, lastSuccess: good, readyUntil: null },
      T + 1e9,
      "ready",
    ],
  ])("%s", (_what, state, now, status) => {
    const report = evaluateHealth(state, now);
    expect(report.status).toBe(status);
    expect(report.ready).toBe(status === "ready");
  });

  it("says which problem failed the cycle", () => {
    const report = evaluateHealth(
      { stopping: false, lastCycle: failed, lastSuccess: good, readyUntil: null },
      T,
    );
    expect(report).toMatchObject({
      reason: "the last sync cycle failed: a",
      lastCycle: { ok: false, problems: ["a", "b"], endedAt: "2026-03-10T10:01:01.000Z" },
      lastSuccessAt: "2026-03-10T10:00:04.000Z",
    });
  });
});

describe("readyUntilAfter", () => {
  it("is the last upcoming tick plus the good cycle's duration", () => {
    expect(readyUntilAfter(good, [T + 300_000, T + 600_000, T + 900_000])).toBe(T + 904_000);
    expect(readyUntilAfter(good, [])).toBeNull();
  });
});
