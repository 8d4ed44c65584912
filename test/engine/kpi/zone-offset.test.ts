/**
 * `zoneOffsetMs` asks luxon once per UTC day and per quarter hour only on days whose offset
 * changes. It must agree with luxon at every instant: across both DST changes in Amsterdam, in a
 * zone with a half-hour DST shift (Lord Howe) and one with a quarter-hour offset (Kathmandu).
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { zoneOffsetMs } from "../../../src/engine/kpi/zone-offset.js";

const MINUTE = 60_000;

/** `count` instants from `from`, `step` apart. */
function instants(from: string, count: number, step: number): number[] {
  const start = Date.parse(from);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

describe("zoneOffsetMs", () => {
  it.each([
    ["Europe/Amsterdam", "2026-03-28T00:00:00Z"],
    ["Europe/Amsterdam", "2026-10-24T00:00:00Z"],
    ["Australia/Lord_Howe", "2026-04-04T00:00:00Z"],
    ["Australia/Lord_Howe", "2026-10-03T00:00:00Z"],
    ["Asia/Kathmandu", "2026-01-01T00:00:00Z"],
    ["UTC", "2026-03-28T00:00:00Z"],
  ])("agrees with luxon minute by minute over three days in %s from %s", (zone, from) => {
    const wrong = instants(from, 3 * 24 * 60, MINUTE + 7_000).filter(
      (at) => zoneOffsetMs(zone, at) !== DateTime.fromMillis(at, { zone }).offset * MINUTE,
    );
    expect(wrong).toEqual([]);
  });

  it("agrees with luxon at the instant of a change and just before it", () => {
    const change = Date.parse("2026-03-29T01:00:00Z"); // 02:00 CET becomes 03:00 CEST
    expect(zoneOffsetMs("Europe/Amsterdam", change - 1)).toBe(60 * MINUTE);
    expect(zoneOffsetMs("Europe/Amsterdam", change)).toBe(120 * MINUTE);
  });
});
