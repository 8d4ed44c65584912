import { describe, expect, it } from "vitest";
import { backoffMs, isRetryableStatus, retryAfterMs } from "../../src/http/index.js";
import { createLimiter } from "../../src/http/limiter.js";

const NOW = Date.parse("2026-03-02T10:00:00Z");

describe("retryAfterMs", () => {
  it.each([
    ["0", 0],
    ["2", 2000],
    [" 120 ", 120_000],
    ["Mon, 02 Mar 2026 10:00:30 GMT", 30_000],
    // a date in the past means "now"
    ["Mon, 02 Mar 2026 09:59:00 GMT", 0],
    ["", null],
    ["soon", null],
    ["-5", null],
    ["1.5", null],
    // zone-less dates are not HTTP dates
    ["2026-03-02T10:00:30", null],
  ])("%j → %j", (header, expected) => {
    expect(retryAfterMs(header, NOW)).toBe(expected);
  });

  it("is null without a header", () => {
    expect(retryAfterMs(undefined, NOW)).toBeNull();
  });
});

describe("isRetryableStatus", () => {
  it.each([
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [504, true],
  ])("%i → %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe("backoffMs", () => {
  it.each([
    [0, 100],
    [1, 200],
    [3, 800],
    [10, 5000],
  ])("retry %i with base 100 ms, cap 5 s → %i ms", (retry, expected) => {
    expect(backoffMs(retry, 100, 5000)).toBe(expected);
  });
});

describe("createLimiter", () => {
  it("runs tasks in arrival order once a slot frees, and releases on failure", async () => {
    const limiter = createLimiter(1);
    const order: string[] = [];
    const task = (name: string, fail = false) =>
      limiter.run(async () => {
        order.push(name);
        await new Promise((r) => setTimeout(r, 2));
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([task("a", true), task("b"), task("c")]);
    expect(order).toEqual(["a", "b", "c"]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(limiter.active).toBe(0);
  });

  it("refuses a limit below one", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
