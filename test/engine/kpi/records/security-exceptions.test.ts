/**
 * T3.1 (M20): part `complete` (reason, compensating control and review date present) over the
 * exceptions in force in the period; part `reviewed` (reviewedAt ≤ reviewBy) over the exceptions
 * whose reviewBy falls in the period. Q1 2026.
 */
import { describe, expect, it } from "vitest";
import { scoreSecurityExceptions } from "../../../../src/engine/kpi/records/security-exceptions.js";
import { caseOf, context, headline, input, kpi, type Line, Q1_2026 } from "./helpers.js";

const T31 = kpi(
  "T3.1",
  { rule: "security-exceptions" },
  { partNorms: { complete: { kind: "min", value: 1 }, reviewed: { kind: "min", value: 0.9 } } },
);

function exception(
  id: string,
  fields: {
    reason?: string | null;
    compensatingControl?: string | null;
    reviewBy?: string | null;
    reviewedAt?: string | null;
    expiresAt?: string | null;
  },
): Line {
  return {
    kind: "security-exception",
    id,
    reason: "legacy application needs SMBv1",
    compensatingControl: "segmented VLAN",
    reviewBy: null,
    reviewedAt: null,
    expiresAt: null,
    ...fields,
  };
}

const lines = [
  // E1: complete; reviewed on 10 Feb, due 15 Feb → in time.
  exception("E1", { reviewBy: "2026-02-15T00:00:00+01:00", reviewedAt: "2026-02-10T10:00:00+01:00" }),
  // E2: no compensating control; reviewed 25 Mar, due 20 Mar → late.
  exception("E2", {
    compensatingControl: null,
    reviewBy: "2026-03-20T00:00:00+01:00",
    reviewedAt: "2026-03-25T10:00:00+01:00",
  }),
  // E3: complete; review due in May: not in the reviewed part of Q1.
  exception("E3", { reviewBy: "2026-05-01T00:00:00+02:00" }),
  // E4: expired in December 2025: not in force in Q1, so not in `complete` (it lacks a reason).
  exception("E4", { reason: null, expiresAt: "2025-12-15T00:00:00+01:00" }),
  // E5: complete; review due 30 Mar, never done.
  exception("E5", { reviewBy: "2026-03-30T00:00:00+02:00" }),
];

describe("T3.1 security exceptions", () => {
  it("scores both parts after the quarter", () => {
    const score = scoreSecurityExceptions(
      input(lines),
      T31,
      context({ now: "2026-04-10T12:00:00+02:00", period: Q1_2026 }),
    );
    expect(score.parts).toEqual([
      // E1 ✓, E2 ✗ (no control), E3 ✓, E5 ✓ → 3/4.
      { name: "complete", score: 0.75, target: 1, met: false, n: 4 },
      // E1 ✓, E2 ✗ (late), E5 ✗ (missing) → 1/3.
      { name: "reviewed", score: 1 / 3, target: 0.9, met: false, n: 3 },
    ]);
    // Weakest part first: both fail, reviewed is lower.
    expect(headline(score)).toEqual({ score: 1 / 3, target: 0.9, met: false, n: 7 });
    expect(caseOf(score, "E2", "complete").note).toBe("missing: compensatingControl");
    expect(caseOf(score, "E2", "reviewed").note).toBe("reviewed 2026-03-25 10:00, after 2026-03-20 00:00");
    expect(caseOf(score, "E5", "reviewed")).toMatchObject({ verdict: "breached", stoppedAt: null });
    expect(score.cases.some((c) => c.id === "E4")).toBe(false);
  });

  it("does not count a review that is not due yet while the quarter runs", () => {
    // Now 25 March 12:00: E5's review (due 30 March) is not due yet; E2's late review is known.
    const score = scoreSecurityExceptions(
      input(lines),
      T31,
      context({ now: "2026-03-25T12:00:00+01:00", period: Q1_2026 }),
    );
    expect(score.parts[1]).toEqual({ name: "reviewed", score: 0.5, target: 0.9, met: false, n: 2 });
    expect(score.notes).toContain("1 review not due yet at the report time");
  });

  it("is met when every exception is complete and reviewed in time", () => {
    const score = scoreSecurityExceptions(
      input([lines[0] as Line, lines[2] as Line]),
      T31,
      context({ now: "2026-04-10T12:00:00+02:00", period: Q1_2026 }),
    );
    expect(score.parts.map((p) => [p.name, p.score, p.met])).toEqual([
      ["complete", 1, true],
      ["reviewed", 1, true],
    ]);
    expect(score.met).toBe(true);
  });

  it("fails on an incomplete exception even when no review fell in the period", () => {
    const score = scoreSecurityExceptions(
      input([exception("E6", { reason: " " })]),
      T31,
      context({ now: "2026-04-10T12:00:00+02:00", period: Q1_2026 }),
    );
    expect(score.parts.map((p) => [p.name, p.score, p.met])).toEqual([
      ["complete", 0, false],
      ["reviewed", null, null],
    ]);
    expect(score.met).toBe(false);
    expect(caseOf(score, "E6").note).toBe("missing: reason, reviewBy");
  });
});
