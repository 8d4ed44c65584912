import { describe, expect, it } from "vitest";
import {
  advanceWatermark,
  alreadyStored,
  decodeWatermark,
  encodeWatermark,
} from "../../../connectors/jsm/watermark.js";

const M = 60_000;
const T0 = Date.parse("2026-03-06T10:00:00Z");

describe("search watermark", () => {
  it("round-trips through its stored form", () => {
    const watermark = { at: T0, seen: { "10101": T0, "10102": T0 - 2 * M } };
    const text = encodeWatermark(watermark);
    expect(JSON.parse(text)).toEqual({ v: 1, at: "2026-03-06T10:00:00.000Z", seen: watermark.seen });
    expect(decodeWatermark(text, "jira")).toEqual(watermark);
  });

  it.each([
    "not json",
    '{"v":2,"at":"2026-03-06T10:00:00Z","seen":{}}',
    '{"v":1,"at":"yesterday","seen":{}}',
  ])("refuses a stored value it did not write: %s", (text) => {
    expect(() => decodeWatermark(text, "jira")).toThrow(
      'connector "jira" (jsm): the stored watermark is not one this connector wrote; delete the meta key connector:jira:watermark',
    );
  });

  it.each([
    ["seen with the same updated", { id: "1", updated: T0 }, true],
    ["seen, updated again since", { id: "1", updated: T0 + M }, false],
    ["an older version from a lagging index", { id: "1", updated: T0 - M }, true],
    ["never seen, even if older than the watermark", { id: "2", updated: T0 - 5 * M }, false],
  ])("%s → already stored: %s", (_what, row, stored) => {
    expect(alreadyStored({ at: T0, seen: { "1": T0 } }, row)).toBe(stored);
  });

  it("moves to the latest updated and forgets what fell out of the overlap window (plus an hour)", () => {
    const before = { at: T0, seen: { old: T0 - 200 * M, edge: T0 - 70 * M, recent: T0 - 5 * M } };
    expect(advanceWatermark(before, [{ id: "new", updated: T0 + 2 * M }], 10 * M)).toEqual({
      at: T0 + 2 * M,
      // kept from at − 10 min − 61 min = T0 − 69 min: "edge" (T0 − 70 min) goes
      seen: { recent: T0 - 5 * M, new: T0 + 2 * M },
    });
  });

  it("never moves back, and keeps the newest updated per issue", () => {
    const after = advanceWatermark({ at: T0, seen: { "1": T0 } }, [{ id: "1", updated: T0 - M }], 10 * M);
    expect(after).toEqual({ at: T0, seen: { "1": T0 } });
  });
});
