import { describe, expect, it } from "vitest";
import { instantFromIso, isoInstant, reportToRows, savedReportSummary } from "../../src/store/report-rows.js";
import { kpi, smallReport } from "./period-report.js";

const utc = (text: string) => Date.parse(text);

describe("reportToRows", () => {
  const rows = reportToRows(smallReport());

  it("writes the period row with its bounds in UTC milliseconds", () => {
    expect(rows.period).toEqual({
      period: "2026-03",
      kind: "month",
      // midnight in Amsterdam: UTC+1 at the start, UTC+2 (summer time) at the end
      start: utc("2026-02-28T23:00:00Z"),
      end: utc("2026-03-31T22:00:00Z"),
      zone: "Europe/Amsterdam",
      catalogVersion: "sib-2026.1",
      generatedAt: utc("2026-04-02T06:00:00Z"),
      periodComplete: true,
    });
  });

  it("writes one row per KPI in report order, with its unit and flags", () => {
    expect(rows.kpis.map((k) => [k.kpi, k.seq, k.scoreUnit, k.score, k.target, k.met, k.n])).toEqual([
      ["O1.3", 0, "ratio", 0.5, 0.95, false, 2],
      // a KPI with parts has no norm of its own: its score is the share
      ["T2.6", 1, "ratio", 0.04, 0.05, false, 600],
      // "at least 5" is a count norm
      ["T2.3", 2, "count", 6, 5, true, 6],
      // no data: nulls, never a zero
      ["O1.5", 3, "ratio", null, null, null, 0],
    ]);
    expect(rows.kpis[0]).toEqual({
      period: "2026-03",
      kpi: "O1.3",
      seq: 0,
      goal: "O1",
      nameNl: "Eerste inhoudelijke reactie P2",
      nameEn: "First response P2",
      normText: "≤ 1 h (business hours) in 95 %",
      scoreUnit: "ratio",
      score: 0.5,
      target: 0.95,
      met: false,
      n: 2,
      minimumRequirement: true,
      deviation: true,
      onAgenda: true,
      meeting: "operational",
      provisional: false,
    });
    expect(rows.kpis[1]).toMatchObject({ meeting: "tactical", provisional: true, deviation: false });
    expect(rows.kpis[2]).toMatchObject({ meeting: null, onAgenda: false });
  });

  it("writes each part with its own norm and unit, in the scorer's order", () => {
    expect(rows.parts).toEqual([
      {
        period: "2026-03",
        kpi: "T2.6",
        part: "share",
        seq: 0,
        normText: "≤ 5 %",
        scoreUnit: "ratio",
        score: 0.04,
        target: 0.05,
        met: true,
        n: 600,
      },
      {
        period: "2026-03",
        kpi: "T2.6",
        part: "count",
        seq: 1,
        normText: "at most 20",
        scoreUnit: "count",
        score: 24,
        target: 20,
        met: false,
        n: 600,
      },
    ]);
  });

  it("numbers each KPI's cases from 0 and writes absent fields as null", () => {
    expect(rows.cases).toEqual([
      {
        period: "2026-03",
        kpi: "O1.3",
        seq: 0,
        caseId: "I-1",
        source: "topdesk",
        part: null,
        value: 30,
        deadline: utc("2026-03-03T10:00:00Z"),
        stoppedAt: utc("2026-03-03T09:30:00Z"),
        verdict: "within",
        note: null,
      },
      {
        period: "2026-03",
        kpi: "O1.3",
        seq: 1,
        caseId: "I-2",
        source: "topdesk",
        part: null,
        value: 180.5,
        deadline: utc("2026-03-04T10:00:00Z"),
        stoppedAt: utc("2026-03-04T12:00:00.250Z"),
        verdict: "breached",
        note: "first reply was an 'auto' mail",
      },
      {
        period: "2026-03",
        kpi: "T2.6",
        seq: 0,
        caseId: "I-9",
        source: null,
        part: "count",
        value: null,
        deadline: null,
        stoppedAt: null,
        verdict: "breached",
        note: null,
      },
    ]);
  });

  it("writes a report without KPIs as its period row alone", () => {
    const empty = reportToRows(smallReport({ kpis: [], periodComplete: false }));
    expect(empty.period.periodComplete).toBe(false);
    expect([empty.kpis, empty.parts, empty.cases]).toEqual([[], [], []]);
  });

  it.each([
    [
      "a score",
      kpi({ id: "X.1", score: Number.NaN }),
      /report 2026-03, KPI X\.1: score is not a finite number \(NaN\)/,
    ],
    [
      "a part's target",
      kpi({ id: "X.2", parts: [{ name: "p", score: 1, target: Number.POSITIVE_INFINITY, met: true, n: 1 }] }),
      /KPI X\.2, part p: target is not a finite number \(Infinity\)/,
    ],
    [
      "a case's deadline",
      kpi({
        id: "X.3",
        cases: [{ id: "C-7", value: 1, deadline: Number.NaN, stoppedAt: null, verdict: "within" }],
      }),
      /KPI X\.3, case C-7: value, deadline and stoppedAt must be finite numbers or null \(1, NaN, null\)/,
    ],
  ])("refuses %s that is not a finite number, naming it", (_what, bad, message) => {
    expect(() => reportToRows(smallReport({ kpis: [bad] }))).toThrow(message);
  });
});

describe("savedReportSummary", () => {
  it("lists the period's facts with its counts", () => {
    const { period } = reportToRows(smallReport());
    expect(savedReportSummary(period, 4, 3)).toEqual({
      period: "2026-03",
      kind: "month",
      start: utc("2026-02-28T23:00:00Z"),
      end: utc("2026-03-31T22:00:00Z"),
      catalogVersion: "sib-2026.1",
      generatedAt: utc("2026-04-02T06:00:00Z"),
      periodComplete: true,
      kpis: 4,
      cases: 3,
    });
  });
});

describe("ISO instants of the SQLite tables", () => {
  it.each([
    [utc("2026-02-28T23:00:00Z"), "2026-02-28T23:00:00.000Z"],
    [utc("2026-03-04T12:00:00.250+01:00"), "2026-03-04T11:00:00.250Z"],
    [0, "1970-01-01T00:00:00.000Z"],
  ])("writes %d as %s and reads it back exactly", (at, text) => {
    expect(isoInstant(at)).toBe(text);
    expect(instantFromIso(text)).toBe(at);
  });
});
