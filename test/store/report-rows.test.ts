import { describe, expect, it } from "vitest";
import { instantFromIso, isoInstant, reportToRows, savedReportSummary } from "../../src/store/report-rows.js";
import { kpi, signal, smallReport, smallSignals } from "./period-report.js";

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

describe("reportToRows: the signals section", () => {
  const rows = reportToRows(smallReport());

  it("writes one row per signal, ranked from 0, with the section's minimum population", () => {
    expect(rows.signals.map((s) => [s.signal, s.rank, s.group, s.value, s.flagged, s.flaggedBy])).toEqual([
      ["reopened", 0, "clock-management", 0.125, true, "baseline,ceiling"],
      // not flagged: no reasons, null rather than ""
      ["downgrade-near-deadline", 1, "clock-management", 0.01, false, null],
      ["satisfaction-gap", 2, "experience", -0.25, false, null],
    ]);
    expect(rows.signals[0]).toEqual({
      period: "2026-03",
      signal: "reopened",
      rank: 0,
      group: "clock-management",
      title: "Resolved, then reopened",
      definition: "tickets finally resolved in the period that were reopened",
      value: 0.125,
      n: 40,
      hits: 5,
      minPopulation: 20,
      baseline: 0.03,
      baselinePeriods: 6,
      deviation: 0.095,
      maxRise: 0.02,
      ceiling: 0.08,
      flagged: true,
      flaggedBy: "baseline,ceiling",
      suggestedMeasure: "resolution time up to the final resolution",
    });
    expect(rows.signals[2]).toMatchObject({ n: 4, minPopulation: 20, baseline: null, deviation: null });
  });

  it("writes each case with the first and last of its instants, null without any", () => {
    expect(rows.signalCases).toEqual([
      {
        period: "2026-03",
        signal: "reopened",
        seq: 0,
        caseId: "I-7",
        source: "topdesk",
        note: "reopened once, resolved again on 6 March",
        // the middle instant (the reopen) is in the JSON report only
        firstAt: utc("2026-03-03T10:00:00Z"),
        lastAt: utc("2026-03-06T16:00:00.500Z"),
      },
      {
        period: "2026-03",
        signal: "reopened",
        seq: 1,
        caseId: "I-8",
        source: "jsm",
        note: "reopened, 'no' instants",
        firstAt: null,
        lastAt: null,
      },
      {
        period: "2026-03",
        signal: "downgrade-near-deadline",
        seq: 0,
        caseId: "I-3",
        source: "topdesk",
        note: "P2 → P3 10 min before the P2 deadline",
        firstAt: utc("2026-03-10T15:50:00Z"),
        lastAt: utc("2026-03-10T16:00:00Z"),
      },
    ]);
  });

  it("writes a case with one instant with that instant as first and last", () => {
    const at = utc("2026-03-11T09:00:00Z");
    const section = smallSignals();
    section.signals = [
      signal({
        id: "reopened",
        cases: [{ id: "I-1", source: "s", note: "", instants: [{ what: "x", at }] }],
      }),
    ];
    const [only] = reportToRows(smallReport({ signals: section })).signalCases;
    expect([only?.firstAt, only?.lastAt]).toEqual([at, at]);
  });

  it("writes every bucket of the norm-edge distributions, numbered in report order", () => {
    expect(rows.normEdges.map((e) => [e.clock, e.priority, e.seq, e.bucket, e.from, e.to, e.count])).toEqual([
      ["response", "P2", 0, 0, 0, 0.9, 1],
      ["response", "P2", 0, 1, 0.9, 1, 3],
      ["response", "P2", 0, 2, 1, null, 0],
      ["resolution", "P1", 1, 0, 0, 0.9, 0],
      ["resolution", "P1", 1, 1, 0.9, 1, 1],
      ["resolution", "P1", 1, 2, 1, null, 1],
    ]);
    expect(rows.normEdges.every((e) => e.period === "2026-03")).toBe(true);
  });

  it("writes no signal rows for a report without a signals section, or with an empty one", () => {
    const without = reportToRows(smallReport({ signals: undefined }));
    expect([without.signals, without.signalCases, without.normEdges]).toEqual([[], [], []]);
    const empty = reportToRows(smallReport({ signals: { ...smallSignals(), signals: [], normEdges: [] } }));
    expect([empty.signals, empty.signalCases, empty.normEdges]).toEqual([[], [], []]);
  });

  it.each([
    [
      "a value",
      { value: Number.NaN },
      /report 2026-03, signal reopened: value is not a finite number \(NaN\)/,
    ],
    [
      "a ceiling",
      { ceiling: Number.POSITIVE_INFINITY },
      /report 2026-03, signal reopened: ceiling is not a finite number \(Infinity\)/,
    ],
    [
      "a case's instant",
      { cases: [{ id: "I-4", source: "s", note: "", instants: [{ what: "lowered", at: Number.NaN }] }] },
      /signal reopened, case I-4: instant "lowered" is not a finite number \(NaN\)/,
    ],
  ])("refuses %s that is not a finite number, naming it", (_what, fields, message) => {
    const section = { ...smallSignals(), signals: [signal({ id: "reopened", ...fields })] };
    expect(() => reportToRows(smallReport({ signals: section }))).toThrow(message);
  });

  it("refuses a norm-edge bound that is not a finite number, naming it", () => {
    const section = smallSignals();
    section.normEdges = [
      { clock: "resolution", priority: "P3", n: 1, buckets: [{ from: Number.NaN, to: null, count: 1 }] },
    ];
    expect(() => reportToRows(smallReport({ signals: section }))).toThrow(
      /report 2026-03, norm edges resolution P3, bucket 0: from is not a finite number \(NaN\)/,
    );
  });
});

describe("savedReportSummary", () => {
  it("lists the period's facts with its counts", () => {
    const { period } = reportToRows(smallReport());
    expect(savedReportSummary(period, { kpis: 4, cases: 3, signals: 3 })).toEqual({
      period: "2026-03",
      kind: "month",
      start: utc("2026-02-28T23:00:00Z"),
      end: utc("2026-03-31T22:00:00Z"),
      catalogVersion: "sib-2026.1",
      generatedAt: utc("2026-04-02T06:00:00Z"),
      periodComplete: true,
      kpis: 4,
      cases: 3,
      signals: 3,
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
