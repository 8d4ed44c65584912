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
import { kpi, manyCasesReport, smallReport } from "./period-report.js";

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
    await save("t-list", smallReport({ periodComplete: false }));
    await save("t-list-other", reportOf("2026-04"));
    const summaries = await pgSavedReports(pool, "t-list");
    expect(summaries.map((s) => [s.period, s.kind, s.kpis, s.cases, s.periodComplete])).toEqual([
      ["2026-03", "month", 4, 3, false],
      ["2026-02", "month", 4, 3, true],
      ["2026-Q1", "quarter", 4, 3, true],
      ["2026", "year", 4, 3, true],
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
    });
    expect(await pgSavedReports(pool, "nobody")).toEqual([]);
  });
});

describe("dumpPgReports and loadPgReports", () => {
  it("dump what reportToRows made, and load it under another tenant exactly, twice without change", async () => {
    await save("t-source", reportOf("2026-Q1"));
    await save("t-source", smallReport());
    const dumped = await dump("t-source");
    expect(dumped).toEqual([reportToRows(smallReport()), reportToRows(reportOf("2026-Q1"))]);
    await load("t-copy", dumped);
    await load("t-copy", dumped);
    expect(await dump("t-copy")).toEqual(dumped);
    expect(await pgSavedReports(pool, "t-copy")).toEqual(await pgSavedReports(pool, "t-source"));
  });

  it("loads a period in place of the one the tenant stored", async () => {
    await save("t-target", smallReport());
    await load("t-target", [reportToRows(smallReport({ kpis: [kpi({ id: "O1.5", score: 1, n: 1 })] }))]);
    expect(await rows("SELECT kpi, score FROM kpi_results WHERE tenant = 't-target'")).toEqual([
      { kpi: "O1.5", score: 1 },
    ]);
    expect(await rows("SELECT count(*)::int AS n FROM kpi_cases WHERE tenant = 't-target'")).toEqual([
      { n: 0 },
    ]);
  });
});
