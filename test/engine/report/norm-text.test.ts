import { describe, expect, it } from "vitest";
import type { Norm } from "../../../src/engine/kpi/types.js";
import {
  formatRatio,
  formatScore,
  isCountNorm,
  kpiNormText,
  normText,
} from "../../../src/engine/report/norm-text.js";

describe("normText", () => {
  it.each<[Norm | null, "clock" | "business" | null, string]>([
    [{ kind: "duration", amount: 15, unit: "minutes", share: 0.95 }, "clock", "≤ 15 min (clock) in 95 %"],
    [
      { kind: "duration", amount: 8, unit: "hours", share: 0.95 },
      "business",
      "≤ 8 h (business hours) in 95 %",
    ],
    [{ kind: "duration", amount: 4, unit: "hours", share: 1 }, "clock", "≤ 4 h (clock)"],
    [
      { kind: "duration", amount: 5, unit: "workingDays", share: 0.9 },
      "business",
      "≤ 5 working days in 90 %",
    ],
    [{ kind: "min", value: 0.995 }, null, "≥ 99.5 %"],
    [{ kind: "max", value: 0.05 }, null, "≤ 5 %"],
    [{ kind: "maxCount", value: 20 }, null, "at most 20"],
    [null, null, "no norm set"],
  ])("%j on %s reads %j", (norm, clock, text) => {
    expect(normText(norm, clock)).toBe(text);
  });

  it("joins the parts' norms when the KPI has parts", () => {
    const kpi = {
      norm: null,
      clock: "clock" as const,
      partNorms: {
        stabilisation: { kind: "duration", amount: 4, unit: "hours", share: 1 } as Norm,
        definitive: { kind: "duration", amount: 48, unit: "hours", share: 1 } as Norm,
      },
    };
    expect(kpiNormText(kpi)).toBe("stabilisation: ≤ 4 h (clock); definitive: ≤ 48 h (clock)");
  });
});

describe("formatRatio and formatScore", () => {
  it.each([
    [29 / 30, "96.67 %"],
    [0.995, "99.5 %"],
    [1, "100 %"],
    [0, "0 %"],
  ])("%f → %s", (value, text) => {
    expect(formatRatio(value)).toBe(text);
  });

  it("shows counts as numbers and no data as such", () => {
    expect(formatScore(24, true)).toBe("24");
    expect(formatScore(null, false)).toBe("no data");
  });
});

describe("count norms written as a minimum", () => {
  it("reads a min above 1 as a count, not a percentage (T2.3 at least 5 items)", () => {
    expect(normText({ kind: "min", value: 5 }, null)).toBe("at least 5");
    expect(isCountNorm({ kind: "min", value: 5 })).toBe(true);
    expect(isCountNorm({ kind: "min", value: 1 })).toBe(false);
    expect(normText({ kind: "min", value: 1 }, null)).toBe("≥ 100 %");
  });
});
