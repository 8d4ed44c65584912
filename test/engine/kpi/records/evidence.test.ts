/**
 * T1.1 (window each-quarter) and S2.1/S2.2 (window 12-months), M20: the share of required
 * evidence present. Quarters and months are those of Europe/Amsterdam.
 */
import { describe, expect, it } from "vitest";
import { scoreEvidence } from "../../../../src/engine/kpi/records/evidence.js";
import { caseRows, context, headline, input, kpi, type Line, Q1_2026, YEAR_2025 } from "./helpers.js";

const T11 = kpi("T1.1", { rule: "evidence", window: "each-quarter" }, { norm: { kind: "min", value: 1 } });
const S21 = kpi("S2.1", { rule: "evidence", window: "12-months" });

const evidence = (kpiId: string, at: string, what = "quarterly life-cycle review"): Line => ({
  kind: "evidence",
  kpi: kpiId,
  at,
  what,
});

describe("T1.1 quarterly evidence", () => {
  it("misses one quarter of 2025: 3 of 4", () => {
    const score = scoreEvidence(
      input([
        evidence("T1.1", "2025-02-10T10:00:00+01:00"),
        evidence("T1.1", "2025-06-30T23:00:00+02:00"), // last hour of Q2
        evidence("T1.2", "2025-08-12T10:00:00+02:00"), // another KPI's evidence does not fill Q3
        evidence("T1.1", "2025-10-01T00:00:00+02:00"), // first instant of Q4
      ]),
      T11,
      context({ now: "2026-01-15T12:00:00+01:00", period: YEAR_2025 }),
    );
    expect(headline(score)).toEqual({ score: 0.75, target: 1, met: false, n: 4 });
    expect(caseRows(score)).toEqual([
      {
        id: "T1.1 2025-Q1",
        value: null,
        deadline: "2025-04-01T00:00:00+02:00",
        stoppedAt: "2025-02-10T10:00:00+01:00",
        verdict: "within",
      },
      {
        id: "T1.1 2025-Q2",
        value: null,
        deadline: "2025-07-01T00:00:00+02:00",
        stoppedAt: "2025-06-30T23:00:00+02:00",
        verdict: "within",
      },
      {
        id: "T1.1 2025-Q3",
        value: null,
        deadline: "2025-10-01T00:00:00+02:00",
        stoppedAt: null,
        verdict: "breached",
      },
      {
        id: "T1.1 2025-Q4",
        value: null,
        deadline: "2026-01-01T00:00:00+01:00",
        stoppedAt: "2025-10-01T00:00:00+02:00",
        verdict: "within",
      },
    ]);
    expect(score.cases[2]?.note).toBe("no evidence from 2025-07-01 00:00 to 2025-10-01 00:00");
  });

  it("does not count a quarter still running without evidence", () => {
    const score = scoreEvidence(
      input([]),
      T11,
      context({ now: "2026-02-10T12:00:00+01:00", period: Q1_2026 }),
    );
    expect(headline(score)).toEqual({ score: null, target: 1, met: null, n: 0 });
    expect(score.notes).toContain("1 evidence slot not ended yet and without evidence: not counted yet");
  });

  it("counts a running quarter once its evidence is there", () => {
    const score = scoreEvidence(
      input([evidence("T1.1", "2026-02-03T10:00:00+01:00")]),
      T11,
      context({ now: "2026-02-10T12:00:00+01:00", period: Q1_2026 }),
    );
    expect(headline(score)).toEqual({ score: 1, target: 1, met: true, n: 1 });
  });
});

describe("S2.1 evidence in the last 12 months", () => {
  it.each([
    { name: "evidence in January 2025 covers 2025", at: "2025-01-05T10:00:00+01:00", score: 1, met: true },
    { name: "evidence of 31 December 2024 does not", at: "2024-12-31T10:00:00+01:00", score: 0, met: false },
  ])("$name", ({ at, score: expected, met }) => {
    const score = scoreEvidence(
      input([evidence("S2.1", at, "CSR statement D34")]),
      S21,
      context({ now: "2026-01-15T12:00:00+01:00", period: YEAR_2025 }),
    );
    // Without a norm the rule's own threshold applies: all required evidence present.
    expect(headline(score)).toEqual({ score: expected, target: 1, met, n: 1 });
  });
});
