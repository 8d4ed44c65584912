import { describe, expect, it } from "vitest";
import { baselineOf, flagReasons, rankSignals } from "../../../src/engine/signals/index.js";
import type { SignalId } from "../../../src/engine/signals/types.js";

const rules = { minPopulation: 20, minBaselinePeriods: 3 };
const figure = (value: number | null, n = 50) => ({ value, n });

describe("baselineOf: median of the trend periods with enough cases", () => {
  it.each([
    { name: "odd count", trend: [figure(0.04), figure(0.01), figure(0.02)], baseline: 0.02, periods: 3 },
    {
      name: "even count: mean of the middle two",
      trend: [figure(0.04), figure(0.01), figure(0.02), figure(0.1)],
      baseline: 0.03,
      periods: 4,
    },
    {
      name: "a period with too few cases is left out",
      trend: [figure(0.02, 40), figure(0.01), figure(0.9, 3), figure(0.04, 45)],
      baseline: 0.02,
      periods: 3,
    },
    {
      name: "periods without data are left out",
      trend: [figure(null, 0), figure(0.01), figure(0.03), figure(0.05)],
      baseline: 0.03,
      periods: 3,
    },
    {
      name: "too little history: no baseline",
      trend: [figure(null, 0), figure(0.01), figure(0.03)],
      baseline: null,
      periods: 0,
    },
    { name: "no trend periods", trend: [], baseline: null, periods: 0 },
  ])("$name", ({ trend, baseline, periods }) => {
    const result = baselineOf(trend, rules);
    expect(result.periods).toBe(periods);
    if (baseline === null) expect(result.baseline).toBeNull();
    else expect(result.baseline).toBeCloseTo(baseline, 12);
  });
});

describe("flagReasons", () => {
  const thresholds = { maxRise: 0.01, ceiling: 0.05 };
  it.each([
    { name: "risen 2 points above the baseline", value: 0.03, n: 100, baseline: 0.01, reasons: ["baseline"] },
    { name: "above the ceiling, no baseline", value: 0.06, n: 100, baseline: null, reasons: ["ceiling"] },
    { name: "both", value: 0.06, n: 100, baseline: 0.01, reasons: ["baseline", "ceiling"] },
    { name: "NOT: risen exactly the allowed point", value: 0.02, n: 100, baseline: 0.01, reasons: [] },
    { name: "NOT: exactly at the ceiling", value: 0.05, n: 100, baseline: null, reasons: [] },
    { name: "NOT: below the baseline", value: 0.001, n: 100, baseline: 0.04, reasons: [] },
    { name: "NOT: too few cases for a verdict", value: 0.5, n: 19, baseline: 0.01, reasons: [] },
    { name: "NOT: no data", value: null, n: 0, baseline: 0.01, reasons: [] },
  ])("$name", ({ value, n, baseline, reasons }) => {
    expect(flagReasons(value, n, baseline, thresholds, 20)).toEqual(reasons);
  });
});

describe("rankSignals", () => {
  const signal = (
    id: SignalId,
    value: number | null,
    deviation: number | null,
    flagged: boolean,
    maxRise = 0.01,
    ceiling = 0.1,
  ) => ({ id, value, deviation, flagged, maxRise, ceiling });

  it("puts flagged signals first, each group by deviation in multiples of its allowed rise", () => {
    const ranked = rankSignals([
      signal("reopened", 0.05, -0.01, false), // −1 × its rise
      signal("silent-stretches", 0.3, null, true), // flagged by its ceiling only: after those with a baseline
      signal("paused-share", 0.3, 0.06, true, 0.05, 0.5), // 1.2 × its rise
      signal("upgrade-after-deadline", null, null, false), // no data: last
      signal("re-registered", 0.04, 0.03, true), // 3 × its rise
      signal("recurring-pauses", 0.01, 0.005, false), // 0.5 × its rise
      signal("repeated-contacts", 0.02, null, false), // not flagged, no baseline
    ]);
    expect(ranked.map((s) => s.id)).toEqual([
      "re-registered",
      "paused-share",
      "silent-stretches",
      "recurring-pauses",
      "reopened",
      "repeated-contacts",
      "upgrade-after-deadline",
    ]);
  });

  it("treats a rise against a zero tolerance as the largest", () => {
    const ranked = rankSignals([
      signal("reopened", 0.5, 0.4, true),
      signal("re-registered", 0.01, 0.01, true, 0),
    ]);
    expect(ranked.map((s) => s.id)).toEqual(["re-registered", "reopened"]);
  });
});
