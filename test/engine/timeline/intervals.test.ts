import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deadlineAcross,
  type Interval,
  intersectIntervals,
  subtractIntervals,
} from "../../../src/engine/timeline/intervals.js";
import { ams, at, calendar, HOUR_MS, MINUTE_MS } from "./helpers.js";

/** Ascending, disjoint, non-empty intervals from a set of boundaries on 0..60. */
const intervalList = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 12 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const list: Interval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) list.push([sorted[i] as number, sorted[i + 1] as number]);
  return list;
});

const covers = (list: readonly Interval[], p: number) => list.some(([s, e]) => s <= p && p < e);

function expectWellFormed(list: readonly Interval[]): void {
  for (let i = 0; i < list.length; i++) {
    const [s, e] = list[i] as Interval;
    expect(s).toBeLessThan(e);
    if (i > 0) expect((list[i - 1] as Interval)[1]).toBeLessThanOrEqual(s);
  }
}

describe("interval algebra", () => {
  it("subtract and intersect agree with point membership", () => {
    fc.assert(
      fc.property(intervalList, intervalList, (a, b) => {
        const difference = subtractIntervals(a, b);
        const common = intersectIntervals(a, b);
        expectWellFormed(difference);
        expectWellFormed(common);
        for (let p = 0; p <= 60; p++) {
          expect(covers(difference, p)).toBe(covers(a, p) && !covers(b, p));
          expect(covers(common, p)).toBe(covers(a, p) && covers(b, p));
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    {
      a: [[0, 10]],
      b: [
        [2, 4],
        [6, 8],
      ],
      difference: [
        [0, 2],
        [4, 6],
        [8, 10],
      ],
      common: [
        [2, 4],
        [6, 8],
      ],
    },
    {
      a: [
        [0, 5],
        [10, 15],
      ],
      b: [[3, 12]],
      difference: [
        [0, 3],
        [12, 15],
      ],
      common: [
        [3, 5],
        [10, 12],
      ],
    },
    { a: [[0, 5]], b: [], difference: [[0, 5]], common: [] },
    { a: [[0, 5]], b: [[0, 5]], difference: [], common: [[0, 5]] },
  ] as { a: Interval[]; b: Interval[]; difference: Interval[]; common: Interval[] }[])(
    "$a minus $b",
    ({ a, b, difference, common }) => {
      expect(subtractIntervals(a, b)).toEqual(difference);
      expect(intersectIntervals(a, b)).toEqual(common);
    },
  );
});

describe("deadlineAcross", () => {
  const nine = at("2026-03-02T09:00:00+01:00");
  const ten = at("2026-03-02T10:00:00+01:00");
  it.each([
    // 60 min in the span, 30 more from the tail at 12:00.
    {
      name: "runs into the tail",
      spans: [[nine, ten]],
      tail: "2026-03-02T12:00:00+01:00",
      ms: 90 * MINUTE_MS,
      clock: "clock",
      expected: "2026-03-02T12:30:00+01:00",
    },
    // Used up exactly at the span's end: the end, not the tail.
    {
      name: "exactly at a span's end",
      spans: [[nine, ten]],
      tail: "2026-03-02T12:00:00+01:00",
      ms: HOUR_MS,
      clock: "clock",
      expected: "2026-03-02T10:00:00+01:00",
    },
    // 17:00 + 60 business min: 18:00 the same day, not 08:00 the next.
    {
      name: "business time up to a window's end",
      spans: [[at("2026-03-02T17:00:00+01:00"), at("2026-03-02T20:00:00+01:00")]],
      tail: "2026-03-02T20:00:00+01:00",
      ms: HOUR_MS,
      clock: "business",
      expected: "2026-03-02T18:00:00+01:00",
    },
    // Nothing allowed: due at the start.
    {
      name: "zero",
      spans: [[nine, ten]],
      tail: "2026-03-02T12:00:00+01:00",
      ms: 0,
      clock: "clock",
      expected: "2026-03-02T09:00:00+01:00",
    },
  ] as const)("$name", ({ spans, tail, ms, clock, expected }) => {
    expect(ams(deadlineAcross(calendar, spans as unknown as Interval[], at(tail), ms, clock))).toBe(expected);
  });
});
