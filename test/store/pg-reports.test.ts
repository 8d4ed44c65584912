/**
 * The BI tables on the real PostgreSQL (docs/bi.md), in a schema of their own that is dropped
 * afterwards. SLA_SENTINEL_TEST_PG names another server.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PeriodReport } from "../../src/engine/report/model.js";
import { parsePeriod } from "../../src/engine/report/period.js";
import {
  dumpPgReports,
  loadPgReports,
  PG_REPORT_MIGRATIONS,
  pgSavedReports,
  savePgReport,
} from "../../src/store/postgres/reports.js";
import { reportToRows } from "../../src/store/report-rows.js";
import type { PeriodReportRows } from "../../src/store/types.js";
import { kpi, manyCasesReport, signal, smallReport, smallSignals } from "./period-report.js";

const URL = process.env.SLA_SENTINEL_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";
const SCHEMA = `t_${randomBytes(6).toString("hex")}`;

let pool: pg.Pool;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  } finally {
    await admin.end();
  }
  pool = new pg.Pool({ connectionString: URL, max: 3, options: `-c search_path=${SCHEMA}` });
  for (const migration of PG_REPORT_MIGRATIONS) await pool.query(migration.sql);
});

afterAll(async () => {
  await pool?.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
  await pool?.end();
});

/** What the store does around these functions: one transaction, rolled back on failure. */
async function transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

const save = (tenant: string, report: PeriodReport) => transaction((c) => savePgReport(c, tenant, report));
const load = (tenant: string, rows: PeriodReportRows[]) => transaction((c) => loadPgReports(c, tenant, rows));

async function dump(tenant: string): Promise<PeriodReportRows[]> {
  const all: PeriodReportRows[] = [];
  for await (const rows of dumpPgReports(pool, tenant)) all.push(rows);
  return all;
}

async function rows(sql: string, params: unknown[] = []): Promise<unknown[]> {
  return (await pool.query(sql, params)).rows;
}

const reportOf = (label: string) =>
  smallReport({
    period: parsePeriod(label, "Europe/Amsterdam"),
    generatedAt: Date.parse("2026-07-01T06:00:00Z"),
  });

describe("savePgReport", () => {
  it("writes timestamptz instants, booleans and doubles under the tenant", async () => {
    await save("acme", smallReport());
    expect(
      await rows(
        `SELECT tenant, period, period_kind, zone, period_complete,
                period_start = '2026-03-01T00:00:00+01:00' AS start_ok,
                period_end = '2026-04-01T00:00:00+02:00' AS end_ok,
                generated_at = '2026-04-02T06:00:00Z' AS generated_ok
         FROM report_periods WHERE tenant = 'acme'`,
      ),
    ).toEqual([
      {
        tenant: "acme",
        period: "2026-03",
        period_kind: "month",
        zone: "Europe/Amsterdam",
        period_complete: true,
        start_ok: true,
        end_ok: true,
        generated_ok: true,
      },
    ]);
    expect(
      await rows(
        `SELECT kpi, score_unit, score, target, met, n, deviation, meeting, provisional, score_pct, status
         FROM kpi_latest WHERE tenant = 'acme' ORDER BY kpi`,
      ),
    ).toEqual([
      {
        kpi: "O1.3",
        score_unit: "ratio",
        score: 0.5,
        target: 0.95,
        met: false,
        n: 2,
        deviation: true,
        meeting: "operational",
        provisional: false,
        score_pct: 50,
        status: "not-met",
      },
      {
        kpi: "O1.5",
        score_unit: "ratio",
        score: null,
        target: null,
        met: null,
        n: 0,
        deviation: false,
        meeting: "operational",
        provisional: false,
        score_pct: null,
        status: "no-data",
      },
      {
        kpi: "T2.3",
        score_unit: "count",
        score: 6,
        target: 5,
        met: true,
        n: 6,
        deviation: false,
        meeting: null,
        provisional: false,
        score_pct: null,
        status: "met",
      },
      {
        kpi: "T2.6",
        score_unit: "ratio",
        score: 0.04,
        target: 0.05,
        met: false,
        n: 600,
        deviation: false,
        meeting: "tactical",
        provisional: true,
        score_pct: 4,
        status: "not-met",
      },
    ]);
    expect(
      await rows(
        `SELECT kpi, case_id, part, still_open, stopped_at = '2026-03-04T12:00:00.250Z' AS stopped_ok
         FROM kpi_breached_cases WHERE tenant = 'acme' ORDER BY kpi`,
      ),
    ).toEqual([
      { kpi: "O1.3", case_id: "I-2", part: null, still_open: false, stopped_ok: true },
      { kpi: "T2.6", case_id: "I-9", part: "count", still_open: true, stopped_ok: null },
    ]);
    expect(
      await rows("SELECT part, score_pct, status FROM kpi_part_latest WHERE tenant = 'acme' ORDER BY part"),
    ).toEqual([
      { part: "count", score_pct: null, status: "not-met" },
      { part: "share", score_pct: 4, status: "met" },
    ]);
  });

  it("writes the signals section under the tenant, and answers signal_latest", async () => {
    await save("t-signals", smallReport());
    expect(
      await rows(
        `SELECT signal, rank, signal_group, value, n, hits, min_population, baseline, baseline_periods, deviation,
                max_rise, ceiling, flagged, flagged_by, suggested_measure
         FROM signal_results WHERE tenant = 't-signals' AND signal = 'reopened'`,
      ),
    ).toEqual([
      {
        signal: "reopened",
        rank: 0,
        signal_group: "clock-management",
        value: 0.125,
        n: 40,
        hits: 5,
        min_population: 20,
        baseline: 0.03,
        baseline_periods: 6,
        deviation: 0.095,
        max_rise: 0.02,
        ceiling: 0.08,
        flagged: true,
        flagged_by: "baseline,ceiling",
        suggested_measure: "resolution time up to the final resolution",
      },
    ]);
    expect(
      await rows(
        `SELECT signal, seq, case_id, note,
                first_at = '2026-03-03T10:00:00Z' AS first_ok, last_at = '2026-03-06T16:00:00.500Z' AS last_ok
         FROM signal_cases WHERE tenant = 't-signals' AND signal = 'reopened' ORDER BY seq`,
      ),
    ).toEqual([
      {
        signal: "reopened",
        seq: 0,
        case_id: "I-7",
        note: "reopened once, resolved again on 6 March",
        first_ok: true,
        last_ok: true,
      },
      {
        signal: "reopened",
        seq: 1,
        case_id: "I-8",
        note: "reopened, 'no' instants",
        first_ok: null,
        last_ok: null,
      },
    ]);
    expect(
      await rows(
        `SELECT clock, priority, seq, bucket, bucket_from, bucket_to, count
         FROM signal_norm_edges WHERE tenant = 't-signals' AND bucket = 1 ORDER BY seq`,
      ),
    ).toEqual([
      { clock: "response", priority: "P2", seq: 0, bucket: 1, bucket_from: 0.9, bucket_to: 1, count: 3 },
      { clock: "resolution", priority: "P1", seq: 1, bucket: 1, bucket_from: 0.9, bucket_to: 1, count: 1 },
    ]);
    expect(
      await rows(
        `SELECT tenant, period, period_complete, signal, value_pct, baseline_pct, deviation_pct, max_rise_pct,
                ceiling_pct, status, period_start = '2026-03-01T00:00:00+01:00' AS start_ok
         FROM signal_latest WHERE tenant = 't-signals' ORDER BY rank`,
      ),
    ).toEqual([
      {
        tenant: "t-signals",
        period: "2026-03",
        period_complete: true,
        signal: "reopened",
        value_pct: 12.5,
        baseline_pct: 3,
        deviation_pct: 9.5,
        max_rise_pct: 2,
        ceiling_pct: 8,
        status: "flagged",
        start_ok: true,
      },
      {
        tenant: "t-signals",
        period: "2026-03",
        period_complete: true,
        signal: "downgrade-near-deadline",
        value_pct: 1,
        baseline_pct: 1.25,
        deviation_pct: -0.25,
        max_rise_pct: 1,
        ceiling_pct: 2,
        status: "not-flagged",
        start_ok: true,
      },
      {
        tenant: "t-signals",
        period: "2026-03",
        period_complete: true,
        signal: "satisfaction-gap",
        value_pct: -25,
        baseline_pct: null,
        deviation_pct: null,
        max_rise_pct: 10,
        ceiling_pct: 20,
        status: "no-verdict",
        start_ok: true,
      },
    ]);
  });

  it("replaces the tenant's signal rows with its KPIs', keeping none without signals, another tenant's alone", async () => {
    await save("t-sig-replace", smallReport());
    await save("t-sig-other", smallReport());
    const fewer = {
      ...smallSignals(),
      signals: [signal({ id: "paused-share", value: 0.5, n: 30 })],
      normEdges: [],
    };
    await save("t-sig-replace", smallReport({ signals: fewer }));
    const perTenant = async (table: string) =>
      rows(
        `SELECT tenant, count(*)::int AS n FROM ${table}
         WHERE tenant IN ('t-sig-replace', 't-sig-other') GROUP BY tenant ORDER BY tenant`,
      );
    expect(await perTenant("signal_results")).toEqual([
      { tenant: "t-sig-other", n: 3 },
      { tenant: "t-sig-replace", n: 1 },
    ]);
    expect(await perTenant("signal_cases")).toEqual([{ tenant: "t-sig-other", n: 3 }]);
    expect(await perTenant("signal_norm_edges")).toEqual([{ tenant: "t-sig-other", n: 6 }]);

    await save("t-sig-replace", smallReport({ signals: undefined }));
    expect(await perTenant("signal_results")).toEqual([{ tenant: "t-sig-other", n: 3 }]);
    expect(await perTenant("kpi_results")).toEqual([
      { tenant: "t-sig-other", n: 4 },
      { tenant: "t-sig-replace", n: 4 },
    ]);
  });

  it("leaves the KPI rows intact too when the signals fail to save", async () => {
    await save("t-sig-fail", smallReport());
    const before = await dump("t-sig-fail");
    const twice = { ...smallSignals(), signals: [signal({ id: "reopened" }), signal({ id: "reopened" })] };
    await expect(save("t-sig-fail", smallReport({ kpis: [], signals: twice }))).rejects.toThrow(
      /duplicate key value violates unique constraint "signal_results_pkey"/,
    );
    expect(await dump("t-sig-fail")).toEqual(before);
  });

  it("replaces the tenant's period, leaving no stale rows, and never touches another tenant", async () => {
    await save("t-replace", smallReport());
    await save("t-other", smallReport());
    await save("t-replace", smallReport({ kpis: [kpi({ id: "O1.5", score: 1, n: 1 })] }));
    const perTenant = async (table: string) =>
      rows(
        `SELECT tenant, count(*)::int AS n FROM ${table} WHERE tenant IN ('t-replace', 't-other') GROUP BY tenant ORDER BY tenant`,
      );
    expect(await perTenant("kpi_results")).toEqual([
      { tenant: "t-other", n: 4 },
      { tenant: "t-replace", n: 1 },
    ]);
    expect(await perTenant("kpi_part_results")).toEqual([{ tenant: "t-other", n: 2 }]);
    expect(await perTenant("kpi_cases")).toEqual([{ tenant: "t-other", n: 3 }]);
  });

  it("leaves the previous rows intact when a save fails inside the caller's transaction", async () => {
    await save("t-fail", smallReport());
    const before = await dump("t-fail");
    const failing = smallReport({ kpis: [kpi({ id: "O1.2" }), kpi({ id: "O1.3" }), kpi({ id: "O1.3" })] });
    await expect(save("t-fail", failing)).rejects.toThrow(/duplicate key value violates unique constraint/);
    expect(await dump("t-fail")).toEqual(before);
  });

  it("saves a report of 50,000 cases in full", async () => {
    const report = manyCasesReport(50_000);
    await save("t-bulk", report);
    expect(await rows("SELECT count(*)::int AS n FROM kpi_cases WHERE tenant = 't-bulk'")).toEqual([
      { n: 50_000 },
    ]);
    expect(await rows("SELECT count(*)::int AS n FROM kpi_breached_cases WHERE tenant = 't-bulk'")).toEqual([
      { n: 5_000 },
    ]);
    // every value, including notes with quotes, backslashes and braces, as reportToRows made it
    const [stored] = await dump("t-bulk");
    expect(stored?.cases).toEqual(reportToRows(report).cases);
  });
});

describe("pgSavedReports", () => {
  it("lists the tenant's periods newest first with their counts", async () => {
    for (const label of ["2026", "2026-02", "2026-Q1"]) await save("t-list", reportOf(label));
    await save("t-list", smallReport({ periodComplete: false, signals: undefined }));
    await save("t-list-other", reportOf("2026-04"));
    const summaries = await pgSavedReports(pool, "t-list");
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
    expect(await pgSavedReports(pool, "nobody")).toEqual([]);
    expect(await pgSavedReports(pool, "t-list", "2026-Q1")).toEqual([summaries[2]]);
    expect(await pgSavedReports(pool, "t-list", "2026-04")).toEqual([]);
  });
});

describe("dumpPgReports and loadPgReports", () => {
  it("dump what reportToRows made, and load it under another tenant exactly, twice without change", async () => {
    await save("t-source", reportOf("2026-Q1"));
    await save("t-source", smallReport());
    await save("t-source", { ...reportOf("2026-02"), signals: undefined });
    const dumped = await dump("t-source");
    expect(dumped).toEqual([
      reportToRows({ ...reportOf("2026-02"), signals: undefined }),
      reportToRows(smallReport()),
      reportToRows(reportOf("2026-Q1")),
    ]);
    await load("t-copy", dumped);
    await load("t-copy", dumped);
    expect(await dump("t-copy")).toEqual(dumped);
    expect(await pgSavedReports(pool, "t-copy")).toEqual(await pgSavedReports(pool, "t-source"));
  });

  it("loads a period in place of the one the tenant stored", async () => {
    await save("t-target", smallReport());
    await load("t-target", [
      reportToRows(smallReport({ kpis: [kpi({ id: "O1.5", score: 1, n: 1 })], signals: undefined })),
    ]);
    expect(await rows("SELECT kpi, score FROM kpi_results WHERE tenant = 't-target'")).toEqual([
      { kpi: "O1.5", score: 1 },
    ]);
    for (const table of ["kpi_cases", "signal_results", "signal_cases", "signal_norm_edges"]) {
      expect(await rows(`SELECT count(*)::int AS n FROM ${table} WHERE tenant = 't-target'`), table).toEqual([
        { n: 0 },
      ]);
    }
  });
});
