import BetterSqlite3 from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/engine/report/period.js";
import { applyMigrations } from "../../src/store/migrations.js";
import { reportToRows } from "../../src/store/report-rows.js";
import {
  dumpSqliteReports,
  loadSqliteReports,
  SQLITE_REPORT_MIGRATIONS,
  saveSqliteReport,
  sqliteSavedReports,
} from "../../src/store/sqlite-reports.js";
import { configureConnection } from "../../src/store/sqlite-store.js";
import { kpi, manyCasesReport, signal, smallReport, smallSignals } from "./period-report.js";

const ZONE = "Europe/Amsterdam";

function openDb(): BetterSqlite3.Database {
  const db = new BetterSqlite3(":memory:");
  configureConnection(db);
  applyMigrations(db, SQLITE_REPORT_MIGRATIONS);
  return db;
}

let db: BetterSqlite3.Database;
beforeEach(() => {
  db = openDb();
  return () => db.close();
});

const all = (sql: string) => db.prepare(sql).all();
const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
const reportOf = (label: string, at = Date.parse("2026-07-01T06:00:00Z")) =>
  smallReport({ period: parsePeriod(label, ZONE), generatedAt: at });

describe("saveSqliteReport", () => {
  it("writes the documented columns: ISO UTC instants, 0/1 flags, ratios as stored", () => {
    saveSqliteReport(db, smallReport());
    expect(all("SELECT * FROM report_periods")).toEqual([
      {
        period: "2026-03",
        period_kind: "month",
        period_start: "2026-02-28T23:00:00.000Z",
        period_end: "2026-03-31T22:00:00.000Z",
        zone: "Europe/Amsterdam",
        catalog_version: "sib-2026.1",
        generated_at: "2026-04-02T06:00:00.000Z",
        period_complete: 1,
      },
    ]);
    expect(all("SELECT * FROM kpi_results WHERE kpi = 'O1.3'")).toEqual([
      {
        period: "2026-03",
        kpi: "O1.3",
        seq: 0,
        goal: "O1",
        name_nl: "Eerste inhoudelijke reactie P2",
        name_en: "First response P2",
        norm_text: "≤ 1 h (business hours) in 95 %",
        score_unit: "ratio",
        score: 0.5,
        target: 0.95,
        met: 0,
        n: 2,
        minimum_requirement: 1,
        deviation: 1,
        on_agenda: 1,
        meeting: "operational",
        provisional: 0,
      },
    ]);
    expect(all("SELECT kpi, part, score_unit, score, met FROM kpi_part_results ORDER BY part")).toEqual([
      { kpi: "T2.6", part: "count", score_unit: "count", score: 24, met: 0 },
      { kpi: "T2.6", part: "share", score_unit: "ratio", score: 0.04, met: 1 },
    ]);
    expect(
      all("SELECT kpi, seq, case_id, deadline, stopped_at, verdict FROM kpi_cases ORDER BY kpi, seq"),
    ).toEqual([
      {
        kpi: "O1.3",
        seq: 0,
        case_id: "I-1",
        deadline: "2026-03-03T10:00:00.000Z",
        stopped_at: "2026-03-03T09:30:00.000Z",
        verdict: "within",
      },
      {
        kpi: "O1.3",
        seq: 1,
        case_id: "I-2",
        deadline: "2026-03-04T10:00:00.000Z",
        stopped_at: "2026-03-04T12:00:00.250Z",
        verdict: "breached",
      },
      { kpi: "T2.6", seq: 0, case_id: "I-9", deadline: null, stopped_at: null, verdict: "breached" },
    ]);
  });

  it("answers the views: percentages for ratios only, status words, breached cases with their period", () => {
    saveSqliteReport(db, smallReport());
    expect(
      all("SELECT kpi, period_start, score_unit, score_pct, target_pct, status FROM kpi_latest ORDER BY kpi"),
    ).toEqual([
      {
        kpi: "O1.3",
        period_start: "2026-02-28T23:00:00.000Z",
        score_unit: "ratio",
        score_pct: 50,
        target_pct: 95,
        status: "not-met",
      },
      {
        kpi: "O1.5",
        period_start: "2026-02-28T23:00:00.000Z",
        score_unit: "ratio",
        score_pct: null,
        target_pct: null,
        status: "no-data",
      },
      {
        kpi: "T2.3",
        period_start: "2026-02-28T23:00:00.000Z",
        score_unit: "count",
        score_pct: null,
        target_pct: null,
        status: "met",
      },
      {
        kpi: "T2.6",
        period_start: "2026-02-28T23:00:00.000Z",
        score_unit: "ratio",
        score_pct: 4,
        target_pct: 5,
        status: "not-met",
      },
    ]);
    expect(all("SELECT part, score_pct, status FROM kpi_part_latest ORDER BY part")).toEqual([
      { part: "count", score_pct: null, status: "not-met" },
      { part: "share", score_pct: 4, status: "met" },
    ]);
    expect(
      all(
        "SELECT period, kpi, name_en, case_id, part, still_open, note FROM kpi_breached_cases ORDER BY kpi",
      ),
    ).toEqual([
      {
        period: "2026-03",
        kpi: "O1.3",
        name_en: "First response P2",
        case_id: "I-2",
        part: null,
        still_open: 0,
        note: "first reply was an 'auto' mail",
      },
      {
        period: "2026-03",
        kpi: "T2.6",
        name_en: "T2.6 en",
        case_id: "I-9",
        part: "count",
        still_open: 1,
        note: null,
      },
    ]);
  });

  it("writes the signals section: ISO UTC instants, 0/1 flags, reasons as text, buckets in report order", () => {
    saveSqliteReport(db, smallReport());
    expect(all("SELECT * FROM signal_results WHERE signal = 'reopened'")).toEqual([
      {
        period: "2026-03",
        signal: "reopened",
        rank: 0,
        signal_group: "clock-management",
        title: "Resolved, then reopened",
        definition: "tickets finally resolved in the period that were reopened",
        value: 0.125,
        n: 40,
        hits: 5,
        min_population: 20,
        baseline: 0.03,
        baseline_periods: 6,
        deviation: 0.095,
        max_rise: 0.02,
        ceiling: 0.08,
        flagged: 1,
        flagged_by: "baseline,ceiling",
        suggested_measure: "resolution time up to the final resolution",
      },
    ]);
    expect(
      all("SELECT signal, seq, case_id, source, first_at, last_at FROM signal_cases ORDER BY signal, seq"),
    ).toEqual([
      {
        signal: "downgrade-near-deadline",
        seq: 0,
        case_id: "I-3",
        source: "topdesk",
        first_at: "2026-03-10T15:50:00.000Z",
        last_at: "2026-03-10T16:00:00.000Z",
      },
      {
        signal: "reopened",
        seq: 0,
        case_id: "I-7",
        source: "topdesk",
        first_at: "2026-03-03T10:00:00.000Z",
        last_at: "2026-03-06T16:00:00.500Z",
      },
      { signal: "reopened", seq: 1, case_id: "I-8", source: "jsm", first_at: null, last_at: null },
    ]);
    expect(
      all(
        "SELECT clock, priority, seq, bucket, bucket_from, bucket_to, count FROM signal_norm_edges ORDER BY seq, bucket",
      ),
    ).toEqual([
      { clock: "response", priority: "P2", seq: 0, bucket: 0, bucket_from: 0, bucket_to: 0.9, count: 1 },
      { clock: "response", priority: "P2", seq: 0, bucket: 1, bucket_from: 0.9, bucket_to: 1, count: 3 },
      { clock: "response", priority: "P2", seq: 0, bucket: 2, bucket_from: 1, bucket_to: null, count: 0 },
      { clock: "resolution", priority: "P1", seq: 1, bucket: 0, bucket_from: 0, bucket_to: 0.9, count: 0 },
      { clock: "resolution", priority: "P1", seq: 1, bucket: 1, bucket_from: 0.9, bucket_to: 1, count: 1 },
      { clock: "resolution", priority: "P1", seq: 1, bucket: 2, bucket_from: 1, bucket_to: null, count: 1 },
    ]);
  });

  it("answers signal_latest: the period's bounds, percentages and a status word per signal", () => {
    saveSqliteReport(db, smallReport());
    expect(
      all(
        `SELECT period, period_start, generated_at, period_complete, signal, rank, value_pct, baseline_pct,
                deviation_pct, max_rise_pct, ceiling_pct, status, flagged_by
         FROM signal_latest ORDER BY rank`,
      ),
    ).toEqual([
      {
        period: "2026-03",
        period_start: "2026-02-28T23:00:00.000Z",
        generated_at: "2026-04-02T06:00:00.000Z",
        period_complete: 1,
        signal: "reopened",
        rank: 0,
        value_pct: 12.5,
        baseline_pct: 3,
        deviation_pct: 9.5,
        max_rise_pct: 2,
        ceiling_pct: 8,
        status: "flagged",
        flagged_by: "baseline,ceiling",
      },
      {
        period: "2026-03",
        period_start: "2026-02-28T23:00:00.000Z",
        generated_at: "2026-04-02T06:00:00.000Z",
        period_complete: 1,
        signal: "downgrade-near-deadline",
        rank: 1,
        value_pct: 1,
        baseline_pct: 1.25,
        deviation_pct: -0.25,
        max_rise_pct: 1,
        ceiling_pct: 2,
        // 100 cases, at least minPopulation: a verdict, and not flagged
        status: "not-flagged",
        flagged_by: null,
      },
      {
        period: "2026-03",
        period_start: "2026-02-28T23:00:00.000Z",
        generated_at: "2026-04-02T06:00:00.000Z",
        period_complete: 1,
        signal: "satisfaction-gap",
        rank: 2,
        value_pct: -25,
        baseline_pct: null,
        deviation_pct: null,
        max_rise_pct: 10,
        ceiling_pct: 20,
        // 4 cases, fewer than 20: no verdict
        status: "no-verdict",
        flagged_by: null,
      },
    ]);
  });

  it("replaces the period's signal rows with the KPIs', and keeps none for a report without signals", () => {
    saveSqliteReport(db, reportOf("2026-02"));
    saveSqliteReport(db, smallReport());
    const fewer = smallSignals();
    fewer.signals = [signal({ id: "paused-share", value: 0.5, n: 30, hits: 3 })];
    fewer.normEdges = [];
    saveSqliteReport(db, smallReport({ generatedAt: Date.parse("2026-04-03T06:00:00Z"), signals: fewer }));
    const perPeriod = (table: string) =>
      all(`SELECT period, count(*) AS n FROM ${table} GROUP BY period ORDER BY period`);
    expect(all("SELECT period, signal, rank FROM signal_results ORDER BY period, rank")).toEqual([
      { period: "2026-02", signal: "reopened", rank: 0 },
      { period: "2026-02", signal: "downgrade-near-deadline", rank: 1 },
      { period: "2026-02", signal: "satisfaction-gap", rank: 2 },
      { period: "2026-03", signal: "paused-share", rank: 0 },
    ]);
    expect(perPeriod("signal_cases")).toEqual([{ period: "2026-02", n: 3 }]);
    expect(perPeriod("signal_norm_edges")).toEqual([{ period: "2026-02", n: 6 }]);

    saveSqliteReport(
      db,
      smallReport({ generatedAt: Date.parse("2026-04-04T06:00:00Z"), signals: undefined }),
    );
    expect(perPeriod("signal_results")).toEqual([{ period: "2026-02", n: 3 }]);
    expect(perPeriod("signal_norm_edges")).toEqual([{ period: "2026-02", n: 6 }]);
    expect(perPeriod("kpi_results")).toEqual([
      { period: "2026-02", n: 4 },
      { period: "2026-03", n: 4 },
    ]);
  });

  it("replaces the period's rows, leaving no stale KPI, part or case, and other periods alone", () => {
    saveSqliteReport(db, reportOf("2026-02"));
    saveSqliteReport(db, smallReport());
    saveSqliteReport(
      db,
      smallReport({
        generatedAt: Date.parse("2026-04-03T06:00:00Z"),
        kpis: [kpi({ id: "O1.5", score: 1, n: 1 })],
      }),
    );
    expect(all("SELECT period, kpi, score FROM kpi_results ORDER BY period, kpi")).toEqual([
      { period: "2026-02", kpi: "O1.3", score: 0.5 },
      { period: "2026-02", kpi: "O1.5", score: null },
      { period: "2026-02", kpi: "T2.3", score: 6 },
      { period: "2026-02", kpi: "T2.6", score: 0.04 },
      { period: "2026-03", kpi: "O1.5", score: 1 },
    ]);
    expect(all("SELECT period, count(*) AS n FROM kpi_cases GROUP BY period")).toEqual([
      { period: "2026-02", n: 3 },
    ]);
    expect(all("SELECT period, count(*) AS n FROM kpi_part_results GROUP BY period")).toEqual([
      { period: "2026-02", n: 2 },
    ]);
    expect(db.prepare("SELECT generated_at FROM report_periods WHERE period = '2026-03'").pluck().get()).toBe(
      "2026-04-03T06:00:00.000Z",
    );
  });

  it("leaves the previous rows intact when a save fails halfway", () => {
    saveSqliteReport(db, smallReport());
    const before = [...dumpSqliteReports(db)];
    // the second O1.3 violates the key after the old rows were deleted and the first KPIs written
    const failing = smallReport({
      generatedAt: Date.parse("2026-04-05T06:00:00Z"),
      kpis: [kpi({ id: "O1.2" }), kpi({ id: "O1.3" }), kpi({ id: "O1.3" })],
    });
    expect(() => saveSqliteReport(db, failing)).toThrow(
      /UNIQUE constraint failed: kpi_results\.period, kpi_results\.kpi/,
    );
    expect([...dumpSqliteReports(db)]).toEqual(before);
  });

  it("leaves the KPI rows intact too when the signals fail to save", () => {
    saveSqliteReport(db, smallReport());
    const before = [...dumpSqliteReports(db)];
    // written after every KPI row: the repeated signal violates its key
    const twice = { ...smallSignals(), signals: [signal({ id: "reopened" }), signal({ id: "reopened" })] };
    const failing = smallReport({
      generatedAt: Date.parse("2026-04-05T06:00:00Z"),
      kpis: [],
      signals: twice,
    });
    expect(() => saveSqliteReport(db, failing)).toThrow(
      /UNIQUE constraint failed: signal_results\.period, signal_results\.signal/,
    );
    expect([...dumpSqliteReports(db)]).toEqual(before);
  });

  it("stores 20,000 cases of one KPI", () => {
    saveSqliteReport(db, manyCasesReport(20_000));
    expect(count("kpi_cases")).toBe(20_000);
    expect(count("kpi_breached_cases")).toBe(2_000);
  });

  it("refuses an instant that is not ISO UTC text, and cascades a period's deletion", () => {
    saveSqliteReport(db, smallReport());
    expect([count("signal_results"), count("signal_cases"), count("signal_norm_edges")]).toEqual([3, 3, 6]);
    expect(() => db.prepare("UPDATE report_periods SET period_end = '2026-04-01 00:00'").run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => db.prepare("UPDATE signal_cases SET first_at = '1773136200000'").run()).toThrow(
      /CHECK constraint failed/,
    );
    db.prepare("DELETE FROM report_periods").run();
    expect(
      [
        "kpi_results",
        "kpi_part_results",
        "kpi_cases",
        "signal_results",
        "signal_cases",
        "signal_norm_edges",
      ].map(count),
    ).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("migration 6 (report signals)", () => {
  it("keeps the periods saved before it, which then list no signals", () => {
    const old = new BetterSqlite3(":memory:");
    try {
      configureConnection(old);
      applyMigrations(old, SQLITE_REPORT_MIGRATIONS.slice(0, 1));
      old
        .prepare(
          `INSERT INTO report_periods VALUES ('2026-02', 'month', '2026-01-31T23:00:00.000Z',
             '2026-02-28T23:00:00.000Z', 'Europe/Amsterdam', 'sib-2026.1', '2026-03-02T06:00:00.000Z', 1)`,
        )
        .run();
      expect(applyMigrations(old, SQLITE_REPORT_MIGRATIONS)).toEqual([6]);
      expect(sqliteSavedReports(old).map((s) => [s.period, s.kpis, s.signals])).toEqual([["2026-02", 0, 0]]);
      expect([...dumpSqliteReports(old)].map((r) => [r.signals, r.signalCases, r.normEdges])).toEqual([
        [[], [], []],
      ]);
    } finally {
      old.close();
    }
  });
});

describe("sqliteSavedReports", () => {
  it("lists periods newest first (among equal starts the shortest first) with their counts", () => {
    expect(sqliteSavedReports(db)).toEqual([]);
    for (const label of ["2026", "2026-02", "2026-Q1"]) saveSqliteReport(db, reportOf(label));
    saveSqliteReport(db, smallReport({ periodComplete: false, signals: undefined }));
    const summaries = sqliteSavedReports(db);
    expect(summaries.map((s) => [s.period, s.kind, s.kpis, s.cases, s.signals, s.periodComplete])).toEqual([
      ["2026-03", "month", 4, 3, 0, false],
      ["2026-02", "month", 4, 3, 3, true],
      ["2026-Q1", "quarter", 4, 3, 3, true],
      ["2026", "year", 4, 3, 3, true],
    ]);
    expect(summaries[2]).toEqual({
      period: "2026-Q1",
      kind: "quarter",
      start: Date.parse("2026-01-01T00:00:00+01:00"),
      end: Date.parse("2026-04-01T00:00:00+02:00"),
      catalogVersion: "sib-2026.1",
      generatedAt: Date.parse("2026-07-01T06:00:00Z"),
      periodComplete: true,
      kpis: 4,
      cases: 3,
      signals: 3,
    });
    expect(sqliteSavedReports(db, "2026-Q1")).toEqual([summaries[2]]);
    expect(sqliteSavedReports(db, "2025-12")).toEqual([]);
  });
});

describe("dumpSqliteReports and loadSqliteReports", () => {
  it("round-trips every period exactly, and a second load changes nothing", () => {
    saveSqliteReport(db, reportOf("2026-Q1"));
    saveSqliteReport(db, smallReport());
    saveSqliteReport(db, reportOf("2026-02", Date.parse("2026-03-15T06:00:00Z")));
    saveSqliteReport(db, { ...reportOf("2026-02", Date.parse("2026-03-15T06:00:00Z")), signals: undefined });
    const dumped = [...dumpSqliteReports(db)];
    expect(dumped.map((rows) => rows.period.period)).toEqual(["2026-02", "2026-03", "2026-Q1"]);
    // exactly what reportToRows made: signals by rank, their cases after them, buckets in report order
    expect(dumped[1]).toEqual(reportToRows(smallReport()));
    expect(dumped[0]?.signals).toEqual([]);
    expect(dumped[1]?.cases.map((c) => [c.kpi, c.seq, c.stoppedAt])).toEqual([
      ["O1.3", 0, Date.parse("2026-03-03T09:30:00Z")],
      ["O1.3", 1, Date.parse("2026-03-04T12:00:00.250Z")],
      ["T2.6", 0, null],
    ]);

    const copy = openDb();
    try {
      loadSqliteReports(copy, dumped);
      loadSqliteReports(copy, dumped);
      expect([...dumpSqliteReports(copy)]).toEqual(dumped);
      expect(copy.prepare("SELECT count(*) FROM kpi_cases").pluck().get()).toBe(9);
      expect(copy.prepare("SELECT count(*) FROM signal_cases").pluck().get()).toBe(6);
      expect(sqliteSavedReports(copy)).toEqual(sqliteSavedReports(db));
    } finally {
      copy.close();
    }
  });

  it("loads a period in place of the one stored", () => {
    saveSqliteReport(db, smallReport());
    const other = openDb();
    try {
      saveSqliteReport(
        other,
        smallReport({ kpis: [kpi({ id: "O1.5", score: 1, n: 1 })], signals: undefined }),
      );
      loadSqliteReports(db, [...dumpSqliteReports(other)]);
      expect(all("SELECT kpi, score FROM kpi_results")).toEqual([{ kpi: "O1.5", score: 1 }]);
      expect(count("kpi_cases")).toBe(0);
      expect([count("signal_results"), count("signal_cases"), count("signal_norm_edges")]).toEqual([0, 0, 0]);
    } finally {
      other.close();
    }
  });
});
