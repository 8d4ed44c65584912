/**
 * T2.3 (M20) at the end of Q1 2026 (1 April 00:00 +02:00): part `count` ≥ 5 items, part
 * `currency` = items with owner, status and decision moment, updated in the last 90 days, i.e.
 * since 1 January 2026 00:00 (+01:00): 31 + 28 + 31 = 90 days before 1 April.
 */
import { describe, expect, it } from "vitest";
import { scoreImprovementCycle } from "../../../../src/engine/kpi/records/improvement-cycle.js";
import { caseOf, context, headline, input, kpi, type Line, Q1_2026 } from "./helpers.js";

const T23 = kpi(
  "T2.3",
  { rule: "improvement-cycle" },
  { partNorms: { count: { kind: "min", value: 5 }, currency: { kind: "min", value: 0.95 } } },
);
const NOW = "2026-04-10T12:00:00+02:00";

function improvement(id: string, fields: { owner?: string | null; updatedAt?: string } = {}): Line {
  return {
    kind: "improvement",
    id,
    title: `Improvement ${id}`,
    owner: "supplier-sdm",
    status: "in progress",
    decisionAt: "2026-05-15T10:00:00+02:00",
    updatedAt: "2026-03-01T10:00:00+01:00",
    ...fields,
  };
}

describe("T2.3 improvement cycle", () => {
  it("fails with four items, one without owner and one last updated 31 December", () => {
    const score = scoreImprovementCycle(
      input([
        improvement("I1"),
        improvement("I2", { updatedAt: "2026-01-01T00:00:00+01:00" }), // exactly 90 days: current
        improvement("I3", { owner: null }),
        improvement("I4", { updatedAt: "2025-12-31T23:59:00+01:00" }),
      ]),
      T23,
      context({ now: NOW, period: Q1_2026 }),
    );
    expect(score.parts).toEqual([
      { name: "count", score: 4, target: 5, met: false, n: 4 },
      { name: "currency", score: 0.5, target: 0.95, met: false, n: 4 },
    ]);
    expect(score.met).toBe(false);
    expect(caseOf(score, "I3").note).toBe("Improvement I3; missing: owner");
    expect(caseOf(score, "I4").note).toBe("Improvement I4; last updated 2025-12-31 23:59: not current");
  });

  it("is met with five current items", () => {
    const score = scoreImprovementCycle(
      input(["I1", "I2", "I3", "I4", "I5"].map((id) => improvement(id))),
      T23,
      context({ now: NOW, period: Q1_2026 }),
    );
    expect(score.parts.map((p) => [p.name, p.score, p.met])).toEqual([
      ["count", 5, true],
      ["currency", 1, true],
    ]);
    expect(headline(score)).toEqual({ score: 1, target: 0.95, met: true, n: 10 });
  });

  it("has no data without any improvement record", () => {
    const score = scoreImprovementCycle(input([]), T23, context({ now: NOW, period: Q1_2026 }));
    expect(score.met).toBeNull();
    expect(score.parts.map((p) => p.n)).toEqual([0, 0]);
  });

  it("falls back to the rule's 5 items and 95 % without part norms", () => {
    const bare = kpi("T2.3", { rule: "improvement-cycle" });
    const score = scoreImprovementCycle(
      input([improvement("I1")]),
      bare,
      context({ now: NOW, period: Q1_2026 }),
    );
    expect(score.parts.map((p) => [p.name, p.target, p.met])).toEqual([
      ["count", 5, false],
      ["currency", 0.95, true],
    ]);
  });
});
