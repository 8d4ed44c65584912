import { describe, expect, it } from "vitest";
import type { KpiReport } from "../../src/engine/report/model.js";
import { caseValueText, durationText, partNormText, shortfallText } from "../../src/report/format.js";
import { fixtureReport } from "../engine/report/fixture.js";

const report = fixtureReport("2026-03");
const kpi = (id: string) => report.kpis.find((k) => k.id === id) as KpiReport;

describe("report wording", () => {
  it("gives a part its own norm, or the KPI's when the parts are instances of it (locations)", () => {
    expect(partNormText(kpi("T2.6"), "count")).toBe("at most 20");
    const perLocation: KpiReport = { ...kpi("O4.2"), norm: { kind: "min", value: 0.99 }, partNorms: {} };
    expect(partNormText(perLocation, "Amersfoort")).toBe("≥ 99 %");
    expect(partNormText({ ...perLocation, norm: null }, "Amersfoort")).toBe("");
  });

  it("says how a KPI misses: the score, or the parts that miss theirs", () => {
    expect(shortfallText(kpi("O1.3"))).toBe("91 % (norm ≤ 1 h (business hours) in 95 %)");
    expect(shortfallText(kpi("T2.6"))).toBe("count 24 (norm at most 20)");
    expect(shortfallText(kpi("O4.2"))).toBe("Zwolle 98.5 % (norm ≥ 99 %)");
  });

  it.each([
    [15, "15 min"],
    [119.5, "119.5 min"],
    [180, "3 h"],
    [2880, "48 h"],
    [75.25, "75.25 min"],
  ])("durationText(%f) → %s", (minutes, text) => {
    expect(durationText(minutes)).toBe(text);
  });

  it("shows a case's value as a duration for duration norms and as a number otherwise", () => {
    const o12 = kpi("O1.2");
    expect(
      caseValueText(o12, { id: "x", value: 47, deadline: null, stoppedAt: null, verdict: "breached" }),
    ).toBe("47 min");
    expect(
      caseValueText(kpi("O3.3"), { id: "y", value: 6, deadline: null, stoppedAt: null, verdict: "breached" }),
    ).toBe("6");
    expect(
      caseValueText(o12, { id: "z", value: null, deadline: null, stoppedAt: null, verdict: "within" }),
    ).toBe("");
  });
});
