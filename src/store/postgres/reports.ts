/**
 * The BI tables in PostgreSQL (docs/bi.md): the figures of each saved period report per tenant,
 * replaced as a whole by the next report of the same period. Instants are `timestamptz`, scores
 * `double precision`, flags `boolean`, so Grafana and Power BI read them without conversions.
 * Tables are unqualified: they live in the store's schema through the connection's search_path.
 */
import type pg from "pg";
import type { PeriodReport } from "../../engine/report/model.js";
import type { Migration } from "../migrations.js";
import { isoInstant, reportToRows, savedReportSummary } from "../report-rows.js";
import type {
  KpiCaseRow,
  KpiPartRow,
  KpiResultRow,
  PeriodReportRows,
  ReportPeriodRow,
  SavedReportSummary,
} from "../types.js";
import { type InsertColumn, insertUnnest, instantOrNull, ms } from "./report-sql.js";
import { readPgSignalRows, writePgSignalRows } from "./signal-results.js";

/**
 * Numbered in the store's one sequence (src/store/postgres/migrations.ts): a new migration here or there takes
 * the next free number, so an applied number never changes. Released entries are never edited.
 */
export const PG_REPORT_MIGRATIONS: readonly Migration[] = [
  {
    version: 4,
    name: "report results for BI",
    // Identifier columns sort bytewise ("C"), as SQLite does and the store's other tables do.
    // `kpi_cases` has no foreign key: a quarter writes some 200,000 cases and a per-row key check
    // would dominate the save; the writer deletes and inserts a period's rows in one transaction.
    // The partial index serves the breached-cases view, which dashboards read across periods.
    sql: `
      CREATE TABLE report_periods (
        tenant          text COLLATE "C" NOT NULL,
        period          text COLLATE "C" NOT NULL,
        period_kind     text        NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
        period_start    timestamptz NOT NULL,
        period_end      timestamptz NOT NULL,
        zone            text        NOT NULL,
        catalog_version text        NOT NULL,
        generated_at    timestamptz NOT NULL,
        period_complete boolean     NOT NULL,
        PRIMARY KEY (tenant, period)
      );
      CREATE TABLE kpi_results (
        tenant              text COLLATE "C" NOT NULL,
        period              text COLLATE "C" NOT NULL,
        kpi                 text COLLATE "C" NOT NULL,
        seq                 integer NOT NULL,
        goal                text    NOT NULL,
        name_nl             text    NOT NULL,
        name_en             text    NOT NULL,
        norm_text           text    NOT NULL,
        score_unit          text    NOT NULL CHECK (score_unit IN ('ratio', 'count')),
        score               double precision,
        target              double precision,
        met                 boolean,
        n                   integer NOT NULL,
        minimum_requirement boolean NOT NULL,
        deviation           boolean NOT NULL,
        on_agenda           boolean NOT NULL,
        meeting             text,
        provisional         boolean NOT NULL,
        PRIMARY KEY (tenant, period, kpi),
        FOREIGN KEY (tenant, period) REFERENCES report_periods ON DELETE CASCADE
      );
      CREATE TABLE kpi_part_results (
        tenant     text COLLATE "C" NOT NULL,
        period     text COLLATE "C" NOT NULL,
        kpi        text COLLATE "C" NOT NULL,
        part       text COLLATE "C" NOT NULL,
        seq        integer NOT NULL,
        norm_text  text    NOT NULL,
        score_unit text    NOT NULL CHECK (score_unit IN ('ratio', 'count')),
        score      double precision,
        target     double precision,
        met        boolean,
        n          integer NOT NULL,
        PRIMARY KEY (tenant, period, kpi, part),
        FOREIGN KEY (tenant, period, kpi) REFERENCES kpi_results ON DELETE CASCADE
      );
      CREATE TABLE kpi_cases (
        tenant     text COLLATE "C" NOT NULL,
        period     text COLLATE "C" NOT NULL,
        kpi        text COLLATE "C" NOT NULL,
        seq        integer     NOT NULL,
        case_id    text        NOT NULL,
        source     text,
        part       text,
        verdict    text        NOT NULL CHECK (verdict IN ('within', 'breached', 'excluded')),
        value      double precision,
        deadline   timestamptz,
        stopped_at timestamptz,
        note       text,
        PRIMARY KEY (tenant, period, kpi, seq)
      );
      CREATE INDEX kpi_cases_breached ON kpi_cases (tenant, period, kpi) WHERE verdict = 'breached';
      CREATE VIEW kpi_latest AS
        SELECT p.tenant, p.period, p.period_kind, p.period_start, p.period_end, p.zone, p.catalog_version,
               p.generated_at, p.period_complete,
               k.kpi, k.seq AS kpi_seq, k.goal, k.name_nl, k.name_en, k.norm_text, k.score_unit, k.score, k.target,
               CASE WHEN k.score_unit = 'ratio' THEN k.score * 100 END AS score_pct,
               CASE WHEN k.score_unit = 'ratio' THEN k.target * 100 END AS target_pct,
               CASE WHEN k.met IS NULL THEN 'no-data' WHEN k.met THEN 'met' ELSE 'not-met' END AS status,
               k.met, k.n, k.minimum_requirement, k.deviation, k.on_agenda, k.meeting, k.provisional
        FROM kpi_results k JOIN report_periods p ON p.tenant = k.tenant AND p.period = k.period;
      CREATE VIEW kpi_part_latest AS
        SELECT p.tenant, p.period, p.period_kind, p.period_start, p.period_end, p.zone, p.generated_at,
               p.period_complete,
               k.kpi, k.seq AS kpi_seq, k.goal, k.name_nl, k.name_en, t.part, t.seq AS part_seq, t.norm_text, t.score_unit, t.score, t.target,
               CASE WHEN t.score_unit = 'ratio' THEN t.score * 100 END AS score_pct,
               CASE WHEN t.score_unit = 'ratio' THEN t.target * 100 END AS target_pct,
               CASE WHEN t.met IS NULL THEN 'no-data' WHEN t.met THEN 'met' ELSE 'not-met' END AS status,
               t.met, t.n
        FROM kpi_part_results t
        JOIN kpi_results k ON k.tenant = t.tenant AND k.period = t.period AND k.kpi = t.kpi
        JOIN report_periods p ON p.tenant = t.tenant AND p.period = t.period;
      CREATE VIEW kpi_breached_cases AS
        SELECT p.tenant, p.period, p.period_kind, p.period_start, p.period_end, p.zone, p.generated_at,
               p.period_complete,
               k.kpi, k.seq AS kpi_seq, k.goal, k.name_nl, k.name_en, k.norm_text,
               c.seq AS case_seq, c.case_id, c.source, c.part, c.value, c.deadline, c.stopped_at,
               c.stopped_at IS NULL AS still_open, c.note
        FROM kpi_cases c
        JOIN kpi_results k ON k.tenant = c.tenant AND k.period = c.period AND k.kpi = c.kpi
        JOIN report_periods p ON p.tenant = c.tenant AND p.period = c.period
        WHERE c.verdict = 'breached';
    `,
  },
  {
    version: 5,
    name: "report signals for BI",
    // As SQLite's migration 6. Signal cases are a signal's hits only, a few percent of a KPI's
    // population, so unlike `kpi_cases` they keep their foreign key: every signal row cascades
    // from its period.
    sql: `
      CREATE TABLE signal_results (
        tenant            text COLLATE "C" NOT NULL,
        period            text COLLATE "C" NOT NULL,
        signal            text COLLATE "C" NOT NULL,
        rank              integer NOT NULL,
        signal_group      text    NOT NULL,
        title             text    NOT NULL,
        definition        text    NOT NULL,
        value             double precision,
        n                 integer NOT NULL,
        hits              integer NOT NULL,
        min_population    integer NOT NULL,
        baseline          double precision,
        baseline_periods  integer NOT NULL,
        deviation         double precision,
        max_rise          double precision NOT NULL,
        ceiling           double precision NOT NULL,
        flagged           boolean NOT NULL,
        flagged_by        text,
        suggested_measure text    NOT NULL,
        PRIMARY KEY (tenant, period, signal),
        FOREIGN KEY (tenant, period) REFERENCES report_periods ON DELETE CASCADE
      );
      CREATE TABLE signal_cases (
        tenant   text COLLATE "C" NOT NULL,
        period   text COLLATE "C" NOT NULL,
        signal   text COLLATE "C" NOT NULL,
        seq      integer NOT NULL,
        case_id  text    NOT NULL,
        source   text    NOT NULL,
        note     text    NOT NULL,
        first_at timestamptz,
        last_at  timestamptz,
        PRIMARY KEY (tenant, period, signal, seq),
        FOREIGN KEY (tenant, period, signal) REFERENCES signal_results ON DELETE CASCADE
      );
      CREATE TABLE signal_norm_edges (
        tenant      text COLLATE "C" NOT NULL,
        period      text COLLATE "C" NOT NULL,
        clock       text COLLATE "C" NOT NULL,
        priority    text COLLATE "C" NOT NULL,
        seq         integer NOT NULL,
        bucket      integer NOT NULL,
        bucket_from double precision NOT NULL,
        bucket_to   double precision,
        count       integer NOT NULL,
        PRIMARY KEY (tenant, period, clock, priority, bucket),
        FOREIGN KEY (tenant, period) REFERENCES report_periods ON DELETE CASCADE
      );
      CREATE VIEW signal_latest AS
        SELECT p.tenant, p.period, p.period_kind, p.period_start, p.period_end, p.zone, p.generated_at,
               p.period_complete,
               s.signal, s.rank, s.signal_group, s.title, s.definition, s.value, s.value * 100 AS value_pct,
               s.n, s.hits, s.min_population, s.baseline, s.baseline * 100 AS baseline_pct, s.baseline_periods,
               s.deviation, s.deviation * 100 AS deviation_pct, s.max_rise, s.max_rise * 100 AS max_rise_pct,
               s.ceiling, s.ceiling * 100 AS ceiling_pct,
               CASE WHEN s.flagged THEN 'flagged' WHEN s.n < s.min_population THEN 'no-verdict' ELSE 'not-flagged' END AS status,
               s.flagged, s.flagged_by, s.suggested_measure
        FROM signal_results s JOIN report_periods p ON p.tenant = s.tenant AND p.period = s.period;
    `,
  },
];

/**
 * Stores the report's figures in place of the tenant's earlier ones for the period. Runs inside
 * the caller's transaction (no BEGIN/COMMIT here), so a failure leaves the old rows in place.
 */
export async function savePgReport(
  client: pg.PoolClient,
  tenant: string,
  report: PeriodReport,
): Promise<void> {
  await writeRows(client, tenant, reportToRows(report));
}

/** Writes dumped rows as they were, each period in place of its stored rows; inside the caller's transaction. */
export async function loadPgReports(
  client: pg.PoolClient,
  tenant: string,
  rows: readonly PeriodReportRows[],
): Promise<void> {
  for (const period of rows) await writeRows(client, tenant, period);
}

/** The tenant's stored periods, newest first: latest start, and among equal starts the shortest period. */
/** Every saved period of the tenant, or only `period`: its counts are then all that is counted. */
export async function pgSavedReports(
  pool: pg.Pool,
  tenant: string,
  period?: string,
): Promise<SavedReportSummary[]> {
  const { rows } = await pool.query<PeriodDbRow & { kpis: number; cases: number; signals: number }>(
    `SELECT ${PERIOD_COLUMNS},
            (SELECT count(*) FROM kpi_results k WHERE k.tenant = p.tenant AND k.period = p.period)::int AS kpis,
            (SELECT count(*) FROM kpi_cases c WHERE c.tenant = p.tenant AND c.period = p.period)::int AS cases,
            (SELECT count(*) FROM signal_results s WHERE s.tenant = p.tenant AND s.period = p.period)::int AS signals
     FROM report_periods p WHERE p.tenant = $1 AND ($2::text IS NULL OR p.period = $2)
     ORDER BY p.period_start DESC, p.period_end, p.period`,
    [tenant, period ?? null],
  );
  return rows.map(({ kpis, cases, signals, ...row }) =>
    savedReportSummary(periodFromDb(row), { kpis, cases, signals }),
  );
}

/**
 * Every stored period of the tenant with its figures, in period order. Each period is read in
 * one REPEATABLE READ snapshot, so a report saved meanwhile is seen whole or not at all.
 */
export async function* dumpPgReports(pool: pg.Pool, tenant: string): AsyncIterable<PeriodReportRows> {
  const { rows: labels } = await pool.query<{ period: string }>(
    "SELECT period FROM report_periods WHERE tenant = $1 ORDER BY period",
    [tenant],
  );
  for (const { period } of labels) {
    const rows = await readPeriod(pool, tenant, period);
    if (rows !== null) yield rows;
  }
}

async function readPeriod(pool: pg.Pool, tenant: string, label: string): Promise<PeriodReportRows | null> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const key = [tenant, label];
    const period = await client.query<PeriodDbRow>(
      `SELECT ${PERIOD_COLUMNS} FROM report_periods p WHERE p.tenant = $1 AND p.period = $2`,
      key,
    );
    const first = period.rows[0];
    let result: PeriodReportRows | null = null;
    if (first !== undefined) {
      // Report order: KPIs by position, their parts and cases by the KPI's position and their own.
      const select = <R extends pg.QueryResultRow>(columns: string, table: string) =>
        client.query<R>(
          `SELECT ${columns} FROM ${table} t
           JOIN kpi_results k ON k.tenant = t.tenant AND k.period = t.period AND k.kpi = t.kpi
           WHERE t.tenant = $1 AND t.period = $2 ORDER BY k.seq, t.seq`,
          key,
        );
      const kpis = await select<KpiResultRow>(KPI_COLUMNS, "kpi_results");
      const parts = await select<KpiPartRow>(PART_COLUMNS, "kpi_part_results");
      const cases = await select<KpiCaseRow>(CASE_COLUMNS, "kpi_cases");
      result = {
        period: periodFromDb(first),
        kpis: kpis.rows,
        parts: parts.rows,
        cases: cases.rows,
        ...(await readPgSignalRows(client, tenant, label)),
      };
    }
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

async function writeRows(client: pg.PoolClient, tenant: string, rows: PeriodReportRows): Promise<void> {
  const { period } = rows;
  const key = [tenant, period.period];
  // kpi_cases has no foreign key to cascade from (see the migration); the rest, signal rows
  // included, cascades from the period.
  await client.query("DELETE FROM kpi_cases WHERE tenant = $1 AND period = $2", key);
  await client.query("DELETE FROM report_periods WHERE tenant = $1 AND period = $2", key);
  await client.query(
    `INSERT INTO report_periods (tenant, period, period_kind, period_start, period_end, zone, catalog_version,
                                 generated_at, period_complete)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      tenant,
      period.period,
      period.kind,
      isoInstant(period.start),
      isoInstant(period.end),
      period.zone,
      period.catalogVersion,
      isoInstant(period.generatedAt),
      period.periodComplete,
    ],
  );
  await insertUnnest(client, "kpi_results", KPI_INSERT, tenant, rows.kpis);
  await insertUnnest(client, "kpi_part_results", PART_INSERT, tenant, rows.parts);
  await insertUnnest(client, "kpi_cases", CASE_INSERT, tenant, rows.cases);
  await writePgSignalRows(client, tenant, rows);
}

const KPI_INSERT: readonly InsertColumn<KpiResultRow>[] = [
  { name: "period", type: "text", value: (r) => r.period },
  { name: "kpi", type: "text", value: (r) => r.kpi },
  { name: "seq", type: "int4", value: (r) => r.seq },
  { name: "goal", type: "text", value: (r) => r.goal },
  { name: "name_nl", type: "text", value: (r) => r.nameNl },
  { name: "name_en", type: "text", value: (r) => r.nameEn },
  { name: "norm_text", type: "text", value: (r) => r.normText },
  { name: "score_unit", type: "text", value: (r) => r.scoreUnit },
  { name: "score", type: "float8", value: (r) => r.score },
  { name: "target", type: "float8", value: (r) => r.target },
  { name: "met", type: "boolean", value: (r) => r.met },
  { name: "n", type: "int4", value: (r) => r.n },
  { name: "minimum_requirement", type: "boolean", value: (r) => r.minimumRequirement },
  { name: "deviation", type: "boolean", value: (r) => r.deviation },
  { name: "on_agenda", type: "boolean", value: (r) => r.onAgenda },
  { name: "meeting", type: "text", value: (r) => r.meeting },
  { name: "provisional", type: "boolean", value: (r) => r.provisional },
];

const PART_INSERT: readonly InsertColumn<KpiPartRow>[] = [
  { name: "period", type: "text", value: (r) => r.period },
  { name: "kpi", type: "text", value: (r) => r.kpi },
  { name: "part", type: "text", value: (r) => r.part },
  { name: "seq", type: "int4", value: (r) => r.seq },
  { name: "norm_text", type: "text", value: (r) => r.normText },
  { name: "score_unit", type: "text", value: (r) => r.scoreUnit },
  { name: "score", type: "float8", value: (r) => r.score },
  { name: "target", type: "float8", value: (r) => r.target },
  { name: "met", type: "boolean", value: (r) => r.met },
  { name: "n", type: "int4", value: (r) => r.n },
];

const CASE_INSERT: readonly InsertColumn<KpiCaseRow>[] = [
  { name: "period", type: "text", value: (r) => r.period },
  { name: "kpi", type: "text", value: (r) => r.kpi },
  { name: "seq", type: "int4", value: (r) => r.seq },
  { name: "case_id", type: "text", value: (r) => r.caseId },
  { name: "source", type: "text", value: (r) => r.source },
  { name: "part", type: "text", value: (r) => r.part },
  { name: "verdict", type: "text", value: (r) => r.verdict },
  { name: "value", type: "float8", value: (r) => r.value },
  { name: "deadline", type: "timestamptz", value: (r) => instantOrNull(r.deadline) },
  { name: "stopped_at", type: "timestamptz", value: (r) => instantOrNull(r.stoppedAt) },
  { name: "note", type: "text", value: (r) => r.note },
];

const PERIOD_COLUMNS = [
  "p.period",
  "p.period_kind",
  ms("p.period_start", "period_start"),
  ms("p.period_end", "period_end"),
  "p.zone",
  "p.catalog_version",
  ms("p.generated_at", "generated_at"),
  "p.period_complete",
].join(", ");

const KPI_COLUMNS = `t.period, t.kpi, t.seq, t.goal, t.name_nl AS "nameNl", t.name_en AS "nameEn",
  t.norm_text AS "normText", t.score_unit AS "scoreUnit", t.score, t.target, t.met, t.n,
  t.minimum_requirement AS "minimumRequirement", t.deviation, t.on_agenda AS "onAgenda", t.meeting, t.provisional`;

const PART_COLUMNS = `t.period, t.kpi, t.part, t.seq, t.norm_text AS "normText", t.score_unit AS "scoreUnit",
  t.score, t.target, t.met, t.n`;

const CASE_COLUMNS = `t.period, t.kpi, t.seq, t.case_id AS "caseId", t.source, t.part, t.value,
  ${ms("t.deadline", "deadline")}, ${ms("t.stopped_at", '"stoppedAt"')}, t.verdict, t.note`;

interface PeriodDbRow {
  period: string;
  period_kind: string;
  period_start: number;
  period_end: number;
  zone: string;
  catalog_version: string;
  generated_at: number;
  period_complete: boolean;
}

function periodFromDb(row: PeriodDbRow): ReportPeriodRow {
  return {
    period: row.period,
    kind: row.period_kind,
    start: row.period_start,
    end: row.period_end,
    zone: row.zone,
    catalogVersion: row.catalog_version,
    generatedAt: row.generated_at,
    periodComplete: row.period_complete,
  };
}
