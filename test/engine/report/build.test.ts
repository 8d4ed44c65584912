import { describe, expect, it } from "vitest";
import { type TicketScoringContext, ticketAnalysesFor } from "../../../src/engine/kpi/tickets/index.js";
import type { KpiScorer } from "../../../src/engine/kpi/types.js";
import { buildPeriodReport } from "../../../src/engine/report/build.js";
import { parsePeriod, precedingPeriods } from "../../../src/engine/report/period.js";
import { ticketRecord } from "../../../src/model/schema.js";
import {
  calendar,
  DEFINITIONS,
  definition,
  EMPTY_INPUT,
  fixtureReport,
  NOW,
  policy,
  rules,
  STUB_SCORERS,
  ZONE,
} from "./fixture.js";

describe("buildPeriodReport on the hand-made contract", () => {
  const report = fixtureReport("2026-03");

  it("holds the monthly KPIs of a month report, in catalog order", () => {
    expect(report.kpis.map((k) => k.id)).toEqual(["T2.6", "O1.2", "O1.3", "O1.4", "O3.3", "O4.2", "O5.2"]);
  });

  it("lists as deviations the minimum requirements not met, not the misses of other KPIs or no data", () => {
    // T2.6 fails its count part, O1.3 its share, O4.2 the Zwolle location; O1.4 (no data) is no deviation.
    expect(report.deviations).toEqual(["T2.6", "O1.3", "O4.2"]);
  });

  it("puts on the agenda the `always` KPIs and the `on-deviation` KPIs not met, per meeting level", () => {
    expect(report.agenda).toEqual({ operational: ["T2.6", "O1.3", "O4.2"], tactical: [], strategic: [] });
    const onAgenda = report.kpis.filter((k) => k.onAgenda).map((k) => k.id);
    expect(onAgenda).toEqual(["T2.6", "O1.3", "O4.2"]);
  });

  it("carries the KPI's figures, names, norm text, parts, cases, notes and provisional flag", () => {
    const o13 = report.kpis.find((k) => k.id === "O1.3");
    expect(o13).toMatchObject({
      goal: "O1",
      name: { en: "First response P2", nl: "Eerste inhoudelijke reactie P2" },
      normText: "≤ 1 h (business hours) in 95 %",
      score: 0.91,
      target: 0.95,
      met: false,
      n: 100,
      minimumRequirement: true,
      deviation: true,
      onAgenda: true,
      meeting: "operational",
      agendaType: "on-deviation",
      provisional: false,
    });
    expect(o13?.cases).toHaveLength(2);
    const t26 = report.kpis.find((k) => k.id === "T2.6");
    expect(t26?.normText).toBe("share: ≤ 5 %; count: at most 20");
    expect(t26?.parts.map((p) => [p.name, p.met])).toEqual([
      ["share", true],
      ["count", false],
    ]);
    expect(report.kpis.find((k) => k.id === "O5.2")?.notes).toEqual(["12 stale devices excluded"]);
  });

  it("reports no data as met null: never green, never a deviation", () => {
    expect(report.kpis.find((k) => k.id === "O1.4")).toMatchObject({
      score: null,
      met: null,
      n: 0,
      deviation: false,
      onAgenda: false,
    });
  });

  it("gives each KPI a trend over the preceding periods, oldest first", () => {
    expect(report.trendPeriods.map((p) => p.label)).toEqual(["2025-12", "2026-01", "2026-02"]);
    const o12 = report.kpis.find((k) => k.id === "O1.2");
    expect(o12?.trend).toEqual([
      { label: "2025-12", score: 1, target: 0.95, met: true, n: 3 },
      { label: "2026-01", score: 0.9, target: 0.95, met: false, n: 10 },
      { label: "2026-02", score: 1, target: 0.95, met: true, n: 5 },
    ]);
    expect(report.kpis.find((k) => k.id === "O4.2")?.trend.every((t) => t.met === null)).toBe(true);
  });

  it("says when it was made and whether the period had ended then", () => {
    expect(report).toMatchObject({
      generatedAt: NOW,
      periodComplete: true,
      zone: ZONE,
      catalogVersion: "sib-2026.1",
    });
    expect(fixtureReport("2026-04").periodComplete).toBe(false);
  });

  it("states the settings used: the caller's first, then calendar, clocks and every rule", () => {
    const byKey = new Map(report.settings.map((s) => [`${s.group}/${s.key}`, s.value]));
    expect(report.settings[0]).toEqual({ group: "contract", key: "catalog", value: "builtin:sib" });
    expect(byKey.get("contract/catalogVersion")).toBe("sib-2026.1");
    expect(byKey.get("calendar/timezone")).toBe(ZONE);
    expect(byKey.get("calendar/serviceDayHours")).toBe("10");
    expect(byKey.get("calendar/holidaysInPeriod")).toBe("none");
    expect(byKey.get("clocks/response.norms")).toBe("P1 15 min clock, P2 60 min business, P3 none, P4 none");
    expect(byKey.get("clocks/resolution.norms")).toBe("P1 48 h clock, P2 8 h business, P3 none, P4 none");
    expect(byKey.get("clocks/majorUpdates")).toBe("first ≤ 30 min, then every 60 min (clock)");
    expect(byKey.get("rules/ownership.mode")).toBe("continuous");
    expect(byKey.get("rules/pauseReasons.resolution")).toBe("customer");
    expect(byKey.get("rules/devices.staleAfterDays")).toBe("not set");
    expect(byKey.get("rules/standardChangeLeadTimes")).toBe("none");
  });

  it("names the holidays inside the period (Q2 2026: Easter Monday, King's Day, Ascension, Whit Monday)", () => {
    const q2 = fixtureReport("2026-Q2", 0);
    const holidays = q2.settings.find((s) => s.key === "holidaysInPeriod")?.value ?? "";
    expect(holidays.split("; ").map((h) => h.slice(0, 10))).toEqual([
      "2026-04-06",
      "2026-04-27",
      "2026-05-14",
      "2026-05-25",
    ]);
  });
});

describe("M15 selection in quarter and year reports", () => {
  it("a quarter report holds the monthly and quarterly KPIs", () => {
    expect(fixtureReport("2026-Q1").kpis.map((k) => k.id)).toEqual([
      "T1.2",
      "T2.1",
      "T2.6",
      "O1.2",
      "O1.3",
      "O1.4",
      "O3.3",
      "O4.2",
      "O5.2",
    ]);
  });

  it("a year report holds all of them, the yearly S2.1 and the cadence-less O1.11 included", () => {
    expect(fixtureReport("2026").kpis.map((k) => k.id)).toEqual(DEFINITIONS.map((d) => d.id));
  });
});

describe("scorer calls", () => {
  const period = parsePeriod("2026-03", ZONE);
  const base = {
    period,
    catalogVersion: "test",
    input: EMPTY_INPUT,
    calendar,
    policy,
    rules,
    now: NOW,
    trendPeriods: precedingPeriods(period, 2, ZONE),
  };

  it("scores each KPI for the period and every trend period with one set of ticket analyses for the report", () => {
    const contexts: TicketScoringContext[] = [];
    const inputs: unknown[] = [];
    const recording: KpiScorer = (input, _kpi, context) => {
      contexts.push(context);
      inputs.push(input);
      return { score: null, target: null, met: null, n: 0, parts: [], cases: [] };
    };
    const input = { ...EMPTY_INPUT };
    buildPeriodReport({
      ...base,
      input,
      definitions: [
        definition("O1.2", "a", "a", { measure: { rule: "response", priority: "P1" } }),
        definition("O3.3", "b", "b"),
      ],
      scorers: { response: recording, csat: recording },
    });
    expect(contexts.map((c) => c.period.label)).toEqual([
      "2026-03",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-01",
      "2026-02",
    ]);
    expect(new Set(contexts.map((c) => c.ticketAnalyses)).size).toBe(1);
    expect(contexts[0]?.ticketAnalyses?.tickets).toBe(input.tickets);
    expect(inputs.every((i) => i === input)).toBe(true);
    expect(contexts.every((c) => c.now === NOW && c.calendar === calendar && c.policy === policy)).toBe(true);
  });

  it("analyses a ticket once however many KPIs and periods read it", () => {
    const ticket = ticketRecord.parse({
      kind: "ticket",
      id: "I-1",
      source: "t",
      type: "incident",
      priority: "P1",
      createdAt: "2026-03-02T09:00:00+01:00",
    });
    const seen = new Set<unknown>();
    const reading: KpiScorer = (input, _kpi, context) => {
      const analyses = ticketAnalysesFor(input.tickets, context);
      for (let i = 0; i < input.tickets.length; i++) seen.add(analyses.at(i));
      return { score: null, target: null, met: null, n: 0, parts: [], cases: [] };
    };
    buildPeriodReport({
      ...base,
      input: { ...EMPTY_INPUT, tickets: [ticket] },
      definitions: [
        definition("O1.2", "a", "a", { measure: { rule: "response", priority: "P1" } }),
        definition("O3.3", "b", "b"),
      ],
      scorers: { response: reading, csat: reading },
    });
    expect(seen.size).toBe(1);
  });

  it("throws naming the KPI when its measure rule has no scorer", () => {
    expect(() =>
      buildPeriodReport({
        ...base,
        definitions: [definition("O3.2", "Ownership", "Eigenaarschap", { measure: { rule: "ownership" } })],
        scorers: STUB_SCORERS,
      }),
    ).toThrow('KPI O3.2: no scorer for measure rule "ownership"');
  });

  it("wraps a scorer's failure with the KPI and the period", () => {
    const failing: KpiScorer = () => {
      throw new TypeError("bad record");
    };
    expect(() =>
      buildPeriodReport({ ...base, definitions: [definition("O3.3", "c", "c")], scorers: { csat: failing } }),
    ).toThrow("KPI O3.3, period 2026-03: bad record");
  });
});
