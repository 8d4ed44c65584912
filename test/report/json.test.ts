import { describe, expect, it } from "vitest";
import { renderJson, reportJson } from "../../src/report/json.js";
import { fixtureReport } from "../engine/report/fixture.js";

describe("report JSON (interfaces.md)", () => {
  const json = reportJson(fixtureReport("2026-03"));

  it("has exactly the documented keys, in the documented order, at every level (signals added last)", () => {
    expect(Object.keys(json)).toEqual([
      "period",
      "catalogVersion",
      "kpis",
      "deviations",
      "agenda",
      "signals",
    ]);
    expect(Object.keys(json.period)).toEqual(["label", "start", "end"]);
    expect(Object.keys(json.agenda)).toEqual(["operational", "tactical", "strategic"]);
    for (const kpi of json.kpis) {
      expect(Object.keys(kpi)).toEqual([
        "id",
        "name",
        "score",
        "target",
        "met",
        "n",
        "minimumRequirement",
        "onAgenda",
        "parts",
      ]);
      for (const part of kpi.parts)
        expect(Object.keys(part)).toEqual(["name", "score", "target", "met", "n"]);
    }
  });

  it("writes the period bounds with the offset in force at each (March ends in summer time)", () => {
    expect(json.period).toEqual({
      label: "2026-03",
      start: "2026-03-01T00:00:00+01:00",
      end: "2026-04-01T00:00:00+02:00",
    });
    expect(json.catalogVersion).toBe("sib-2026.1");
  });

  it("gives each KPI its English name, ratios rounded to 4 decimals, met null for no data", () => {
    expect(json.kpis.find((k) => k.id === "O1.2")).toEqual({
      id: "O1.2",
      name: "First response P1",
      score: 0.9667,
      target: 0.95,
      met: true,
      n: 30,
      minimumRequirement: true,
      onAgenda: false,
      parts: [],
    });
    expect(json.kpis.find((k) => k.id === "O1.4")).toMatchObject({
      score: null,
      target: null,
      met: null,
      n: 0,
    });
  });

  it("lists parts with their own verdicts, counts as counts", () => {
    expect(json.kpis.find((k) => k.id === "T2.6")?.parts).toEqual([
      { name: "share", score: 0.04, target: 0.05, met: true, n: 600 },
      { name: "count", score: 24, target: 20, met: false, n: 600 },
    ]);
  });

  it("has the deviations and the agenda", () => {
    expect(json.deviations).toEqual(["T2.6", "O1.3", "O4.2"]);
    expect(json.agenda).toEqual({ operational: ["T2.6", "O1.3", "O4.2"], tactical: [], strategic: [] });
  });

  it("renders as one JSON object that parses back to the same value", () => {
    const text = renderJson(fixtureReport("2026-03"));
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(json);
  });
});
