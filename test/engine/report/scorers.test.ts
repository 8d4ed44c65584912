import { describe, expect, it } from "vitest";
import { kpiScorers, MEASURE_RULES, mergeScorers, SCORER_SOURCES } from "../../../src/engine/kpi/scorers.js";
import type { KpiScorer } from "../../../src/engine/kpi/types.js";

describe("the scorer registry", () => {
  it("has exactly one scorer for every measure rule", () => {
    for (const rule of MEASURE_RULES) {
      const owners = Object.entries(SCORER_SOURCES)
        .filter(([, map]) => map[rule] !== undefined)
        .map(([name]) => name);
      expect(owners, `measure rule "${rule}"`).toHaveLength(1);
      expect(typeof kpiScorers[rule], `measure rule "${rule}"`).toBe("function");
    }
  });

  it("has no scorer for a rule that MeasureSpec does not know", () => {
    const known = new Set<string>(MEASURE_RULES);
    for (const map of Object.values(SCORER_SOURCES)) {
      for (const rule of Object.keys(map)) expect(known.has(rule), rule).toBe(true);
    }
    expect(Object.keys(kpiScorers).sort()).toEqual([...MEASURE_RULES].sort());
  });

  it("refuses to merge two scorers for one rule", () => {
    const scorer: KpiScorer = () => ({ score: null, target: null, met: null, n: 0, parts: [], cases: [] });
    expect(() => mergeScorers({ a: { csat: scorer }, b: { csat: scorer } })).toThrow(
      'measure rule "csat" is scored by both a and b',
    );
  });
});
