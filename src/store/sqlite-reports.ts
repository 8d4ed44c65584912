/**
 * The BI tables in SQLite (docs/bi.md): the figures of each saved period report, replaced as a
 * whole by the next report of the same period. A SQLite file holds one tenant, so these tables
 * have no tenant column; otherwise they match PostgreSQL's column for column.
 *
 * Instants are ISO 8601 UTC text ("2026-03-01T00:00:00.000Z"), not epoch milliseconds: Grafana's
 * SQLite plugin reads RFC 3339 text (numbers only as epoch *seconds*), Power BI converts it with
 * one type change, SQLite's date functions accept it, and its text order is time order.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { PeriodReport } from "../engine/report/model.js";
import type { Migration } from "./migrations.js";
import { instantFromIso, isoInstant, reportToRows, savedReportSummary } from "./report-rows.js";
import { readSqliteSignalRows, writeSqliteSignalRows } from "./sqlite-signal-results.js";
import type {
  KpiCaseRow,
  KpiPartRow,
  KpiResultRow,
  PeriodReportRows,
  ReportPeriodRow,
  SavedReportSummary,
  ScoreUnit,
} from "./types.js";

/** A fixed-width ISO instant; the CHECKs keep other text (a local time, epoch ms) out. */
const ISO = (column: string) => `CHECK (${column} GLOB '????-??-??T??:??:??.???Z')`;
const BOOL = (column: string) => `CHECK (${column} IN (0, 1))`;

/**
 * Numbered in the store's one sequence (src/store/migrations.ts): a new migration here or there takes
 * the next free number, so an applied number never changes. Released entries are never edited.
 */
export const SQLITE_REPORT_MIGRATIONS: readonly Migration[] = [
  {
    version: 5,
    name: "report results for BI",
    // Children cascade from their period (with PRAGMA foreign_keys on, as the store's connections
    // have it), so deleting a `report_periods` row by hand removes its figures too. WITHOUT ROWID:
    // rows are small and read by their key's prefix.
    sql: `
      CREATE TABLE report_periods (
        period          TEXT    NOT NULL PRIMARY KEY,
        period_kind     TEXT    NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
        period_start    TEXT    NOT NULL ${ISO("period_start")},
        period_end      TEXT    NOT NULL ${ISO("period_end")},
        zone            TEXT    NOT NULL,
        catalog_version TEXT    NOT NULL,
        generated_at    TEXT    NOT NULL ${ISO("generated_at")},
        period_complete INTEGER NOT NULL ${BOOL("period_complete")}
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE kpi_results (
        period              TEXT    NOT NULL REFERENCES report_periods (period) ON DELETE CASCADE,
        kpi                 TEXT    NOT NULL,
        seq                 INTEGER NOT NULL,
        goal                TEXT    NOT NULL,
        name_nl             TEXT    NOT NULL,
        name_en             TEXT    NOT NULL,
        norm_text           TEXT    NOT NULL,
        score_unit          TEXT    NOT NULL CHECK (score_unit IN ('ratio', 'count')),
        score               REAL,
        target              REAL,
        met                 INTEGER ${BOOL("met")},
        n                   INTEGER NOT NULL,
        minimum_requirement INTEGER NOT NULL ${BOOL("minimum_requirement")},
        deviation           INTEGER NOT NULL ${BOOL("deviation")},
        on_agenda           INTEGER NOT NULL ${BOOL("on_agenda")},
        meeting             TEXT,
        provisional         INTEGER NOT NULL ${BOOL("provisional")},
        PRIMARY KEY (period, kpi)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE kpi_part_results (
        period     TEXT    NOT NULL,
        kpi        TEXT    NOT NULL,
        part       TEXT    NOT NULL,
        seq        INTEGER NOT NULL,
        norm_text  TEXT    NOT NULL,
        score_unit TEXT    NOT NULL CHECK (score_unit IN ('ratio', 'count')),
        score      REAL,
        target     REAL,
        met        INTEGER ${BOOL("met")},
        n          INTEGER NOT NULL,
        PRIMARY KEY (period, kpi, part),
        FOREIGN KEY (period, kpi) REFERENCES kpi_results (period, kpi) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE kpi_cases (
        period     TEXT    NOT NULL,
        kpi        TEXT    NOT NULL,
        seq        INTEGER NOT NULL,
        case_id    TEXT    NOT NULL,
        source     TEXT,
        part       TEXT,
        verdict    TEXT    NOT NULL CHECK (verdict IN ('within', 'breached', 'excluded')),
        value      REAL,
        deadline   TEXT    ${ISO("deadline")},
        stopped_at TEXT    ${ISO("stopped_at")},
        note       TEXT,
        PRIMARY KEY (period, kpi, seq),
        FOREIGN KEY (period, kpi) REFERENCES kpi_results (period, kpi) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE VIEW kpi_latest AS
        SELECT p.period, p.period_kind, p.period_start, p.period_end, p.zone, p.catalog_version,
               p.generated_at, p.period_complete,
               k.kpi, k.seq AS kpi_seq, k.goal, k.name_nl, k.name_en, k.norm_text, k.score_unit, k.score, k.target,
               CASE WHEN k.score_unit = 'ratio' THEN k.score * 100 END AS score_pct,
               CASE WHEN k.score_unit = 'ratio' THEN k.target * 100 END AS target_pct,
               CASE WHEN k.met IS NULL THEN 'no-data' WHEN k.met = 1 THEN 'met' ELSE 'not-met' END AS status,
               k.met, k.n, k.minimum_requirement, k.deviation, k.on_agenda, k.meeting, k.provisional
        FROM kpi_results k JOIN report_periods p ON p.period = k.period;
      CREATE VIEW kpi_part_latest AS
        SELECT p.period, p.period_kind, p.period_start, p.period_end, p.zone, p.generated_at,
               p.period_complete,
               k.kpi, k.seq AS kpi_seq, k.goal, k.name_nl, k.name_en, t.part, t.seq AS part_seq, t.norm_text, t.score_unit, t.score, t.target,
               CASE WHEN t.score_unit = 'ratio' THEN t.score * 100 END AS score_pct,
               CASE WHEN t.score_unit = 'ratio' THEN t.target * 100 END AS target_pct,
               CASE WHEN t.met IS NULL THEN 'no-data' WHEN t.met = 1 THEN 'met' ELSE 'not-met' END AS status,
               t.met, t.n
        FROM kpi_part_results t
        JOIN kpi_results k ON k.period = t.period AND k.kpi = t.kpi
        JOIN report_periods p ON p.period = t.period;
      CREATE VIEW kpi_breached_cases AS
        SELECT p.period, p.period_kind, p.period_start, p.period_end, p.zone, p.generated_at,
               p.period_complete,
               k.kpi, k.seq AS kpi_seq, k.goal, k.name_nl, k.name_en, k.norm_text,
               c.seq AS case_seq, c.case_id, c.source, c.part, c.value, c.deadline, c.stopped_at,
               c.stopped_at IS NULL AS still_open, c.note
        FROM kpi_cases c
        JOIN kpi_results k ON k.period = c.period AND k.kpi = c.kpi
        JOIN report_periods p ON p.period = c.period
        WHERE c.verdict = 'breached';
    `,
  },
  {
    version: 6,
    name: "report signals for BI",
    // The report's signals section (docs/signals.md) beside its KPIs, replaced with them. Cases
    // keep the first and last of their instants: what happened is in `note`, every instant in
    // the JSON report. `signal_group`, not `group`: GROUP is a keyword in both dialects.
    sql: `
      CREATE TABLE signal_results (
        period            TEXT    NOT NULL REFERENCES report_periods (period) ON DELETE CASCADE,
        signal            TEXT    NOT NULL,
        rank              INTEGER NOT NULL,
        signal_group      TEXT    NOT NULL,
        title             TEXT    NOT NULL,
        definition        TEXT    NOT NULL,
        value             REAL,
        n                 INTEGER NOT NULL,
        hits              INTEGER NOT NULL,
        min_population    INTEGER NOT NULL,
        baseline          REAL,
        baseline_periods  INTEGER NOT NULL,
        deviation         REAL,
        max_rise          REAL    NOT NULL,
        ceiling           REAL    NOT NULL,
        flagged           INTEGER NOT NULL ${BOOL("flagged")},
        flagged_by        TEXT,
        suggested_measure TEXT    NOT NULL,
        PRIMARY KEY (period, signal)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE signal_cases (
        period   TEXT    NOT NULL,
        signal   TEXT    NOT NULL,
        seq      INTEGER NOT NULL,
        case_id  TEXT    NOT NULL,
        source   TEXT    NOT NULL,
        note     TEXT    NOT NULL,
        first_at TEXT    ${ISO("first_at")},
        last_at  TEXT    ${ISO("last_at")},
        PRIMARY KEY (period, signal, seq),
        FOREIGN KEY (period, signal) REFERENCES signal_results (period, signal) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE signal_norm_edges (
        period      TEXT    NOT NULL REFERENCES report_periods (period) ON DELETE CASCADE,
        clock       TEXT    NOT NULL,
        priority    TEXT    NOT NULL,
        seq         INTEGER NOT NULL,
        bucket      INTEGER NOT NULL,
        bucket_from REAL    NOT NULL,
        bucket_to   REAL,
        count       INTEGER NOT NULL,
        PRIMARY KEY (period, clock, priority, bucket)
      ) STRICT, WITHOUT ROWID;
      CREATE VIEW signal_latest AS
        SELECT p.period, p.period_kind, p.period_start, p.period_end, p.zone, p.generated_at,
               p.period_complete,
               s.signal, s.rank, s.signal_group, s.title, s.definition, s.value, s.value * 100 AS value_pct,
               s.n, s.hits, s.min_population, s.baseline, s.baseline * 100 AS baseline_pct, s.baseline_periods,
               s.deviation, s.deviation * 100 AS deviation_pct, s.max_rise, s.max_rise * 100 AS max_rise_pct,
               s.ceiling, s.ceiling * 100 AS ceiling_pct,
               CASE WHEN s.flagged = 1 THEN 'flagged' WHEN s.n < s.min_population THEN 'no-verdict' ELSE 'not-flagged' END AS status,
               s.flagged, s.flagged_by, s.suggested_measure
        FROM signal_results s JOIN report_periods p ON p.period = s.period;
    `,
  },
];

/** Stores the report's figures in place of the period's earlier ones, in one transaction. */
export function saveSqliteReport(db: BetterSqlite3.Database, report: PeriodReport): void {
  const rows = reportToRows(report);
  db.transaction(() => writeRows(db, rows)).immediate();
}

/**
 * Writes dumped rows as they were, each period in place of its stored rows; all in one
 * transaction, so a load run again after an interruption ends in the same state.
 */
export function loadSqliteReports(db: BetterSqlite3.Database, rows: readonly PeriodReportRows[]): void {
  db.transaction(() => {
    for (const period of rows) writeRows(db, period);
  }).immediate();
}

/** The stored periods, newest first: latest start, and among equal starts the shortest period. */
/** Every saved period, or only `period`: its counts are then all that is counted. */
export function sqliteSavedReports(db: BetterSqlite3.Database, period?: string): SavedReportSummary[] {
  return db
    .prepare<[string | null, string | null], PeriodDbRow & { kpis: number; cases: number; signals: number }>(
      `SELECT p.*,
              (SELECT count(*) FROM kpi_results k WHERE k.period = p.period) AS kpis,
              (SELECT count(*) FROM kpi_cases c WHERE c.period = p.period) AS cases,
              (SELECT count(*) FROM signal_results s WHERE s.period = p.period) AS signals
       FROM report_periods p WHERE (? IS NULL OR p.period = ?)
       ORDER BY p.period_start DESC, p.period_end, p.period`,
    )
    .all(period ?? null, period ?? null)
    .map(({ kpis, cases, signals, ...row }) =>
      savedReportSummary(periodFromDb(row), { kpis, cases, signals }),
    );
}

/**
 * Every stored period with its figures, in period order. Each period is read inside one read
 * transaction, so a report saved meanwhile by another process is seen whole or not at all.
 */
export function* dumpSqliteReports(db: BetterSqlite3.Database): Iterable<PeriodReportRows> {
  const labels = db.prepare<[], string>("SELECT period FROM report_periods ORDER BY period").pluck().all();
  const read = db.transaction((label: string): PeriodReportRows | null => {
    const period = db
      .prepare<[string], PeriodDbRow>("SELECT * FROM report_periods WHERE period = ?")
      .get(label);
    if (period === undefined) return null; // deleted since the list was read
    // Report order: KPIs by position, their parts and cases by the KPI's position and their own.
    const select = <R>(table: string) =>
      db
        .prepare<[string], R>(
          `SELECT t.* FROM ${table} t JOIN kpi_results k ON k.period = t.period AND k.kpi = t.kpi
           WHERE t.period = ? ORDER BY k.seq, t.seq`,
        )
        .all(label);
    return {
      period: periodFromDb(period),
      kpis: select<KpiDbRow>("kpi_results").map(kpiFromDb),
      parts: select<PartDbRow>("kpi_part_results").map(partFromDb),
      cases: select<CaseDbRow>("kpi_cases").map(caseFromDb),
      ...readSqliteSignalRows(db, label),
    };
  });
  for (const label of labels) {
    const rows = read(label);
    if (rows !== null) yield rows;
  }
}

function writeRows(db: BetterSqlite3.Database, rows: PeriodReportRows): void {
  const { period } = rows;
  // Children first, explicitly: the cascade works only where `PRAGMA foreign_keys` is on.
  for (const table of [
    "signal_cases",
    "signal_results",
    "signal_norm_edges",
    "kpi_cases",
    "kpi_part_results",
    "kpi_results",
    "report_periods",
  ]) {
    db.prepare(`DELETE FROM ${table} WHERE period = ?`).run(period.period);
  }
  db.prepare(
    `INSERT INTO report_periods (period, period_kind, period_start, period_end, zone, catalog_version, generated_at, period_complete)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    period.period,
    period.kind,
    isoInstant(period.start),
    isoInstant(period.end),
    period.zone,
    period.catalogVersion,
    isoInstant(period.generatedAt),
    bit(period.periodComplete),
  );
  const kpi = db.prepare(
    `INSERT INTO kpi_results (period, kpi, seq, goal, name_nl, name_en, norm_text, score_unit, score, target, met, n,
                              minimum_requirement, deviation, on_agenda, meeting, provisional)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const k of rows.kpis) {
    kpi.run(
      period.period,
      k.kpi,
      k.seq,
      k.goal,
      k.nameNl,
      k.nameEn,
      k.normText,
      k.scoreUnit,
      k.score,
      k.target,
      bitOrNull(k.met),
      k.n,
      bit(k.minimumRequirement),
      bit(k.deviation),
      bit(k.onAgenda),
      k.meeting,
      bit(k.provisional),
    );
  }
  const part = db.prepare(
    `INSERT INTO kpi_part_results (period, kpi, part, seq, norm_text, score_unit, score, target, met, n)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of rows.parts) {
    part.run(
      period.period,
      p.kpi,
      p.part,
      p.seq,
      p.normText,
      p.scoreUnit,
      p.score,
      p.target,
      bitOrNull(p.met),
      p.n,
    );
  }
  const kase = db.prepare(
    `INSERT INTO kpi_cases (period, kpi, seq, case_id, source, part, verdict, value, deadline, stopped_at, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of rows.cases) {
    kase.run(
      period.period,
      c.kpi,
      c.seq,
      c.caseId,
      c.source,
      c.part,
      c.verdict,
      c.value,
      c.deadline === null ? null : isoInstant(c.deadline),
      c.stoppedAt === null ? null : isoInstant(c.stoppedAt),
      c.note,
    );
  }
  writeSqliteSignalRows(db, period.period, rows);
}

const bit = (value: boolean): 0 | 1 => (value ? 1 : 0);
const bitOrNull = (value: boolean | null): 0 | 1 | null => (value === null ? null : bit(value));
const bool = (value: number | null): boolean | null => (value === null ? null : value === 1);
const instantOrNull = (text: string | null): number | null => (text === null ? null : instantFromIso(text));

interface PeriodDbRow {
  period: string;
  period_kind: string;
  period_start: string;
  period_end: string;
  zone: string;
  catalog_version: string;
  generated_at: string;
  period_complete: number;
}

function periodFromDb(row: PeriodDbRow): ReportPeriodRow {
  return {
    period: row.period,
    kind: row.period_kind,
    start: instantFromIso(row.period_start),
    end: instantFromIso(row.period_end),
    zone: row.zone,
    catalogVersion: row.catalog_version,
    generatedAt: instantFromIso(row.generated_at),
    periodComplete: row.period_complete === 1,
  };
}

interface KpiDbRow {
  period: string;
  kpi: string;
  seq: number;
  goal: string;
  name_nl: string;
  name_en: string;
  norm_text: string;
  score_unit: ScoreUnit;
  score: number | null;
  target: number | null;
  met: number | null;
  n: number;
  minimum_requirement: number;
  deviation: number;
  on_agenda: number;
  meeting: string | null;
  provisional: number;
}

function kpiFromDb(row: KpiDbRow): KpiResultRow {
  return {
    period: row.period,
    kpi: row.kpi,
    seq: row.seq,
    goal: row.goal,
    nameNl: row.name_nl,
    nameEn: row.name_en,
    normText: row.norm_text,
    scoreUnit: row.score_unit,
    score: row.score,
    target: row.target,
    met: bool(row.met),
    n: row.n,
    minimumRequirement: row.minimum_requirement === 1,
    deviation: row.deviation === 1,
    onAgenda: row.on_agenda === 1,
    meeting: row.meeting,
    provisional: row.provisional === 1,
  };
}

interface PartDbRow {
  period: string;
  kpi: string;
  part: string;
  seq: number;
  norm_text: string;
  score_unit: ScoreUnit;
  score: number | null;
  target: number | null;
  met: number | null;
  n: number;
}

function partFromDb(row: PartDbRow): KpiPartRow {
  return {
    period: row.period,
    kpi: row.kpi,
    part: row.part,
    seq: row.seq,
    normText: row.norm_text,
    scoreUnit: row.score_unit,
    score: row.score,
    target: row.target,
    met: bool(row.met),
    n: row.n,
  };
}

interface CaseDbRow {
  period: string;
  kpi: string;
  seq: number;
  case_id: string;
  source: string | null;
  part: string | null;
  verdict: string;
  value: number | null;
  deadline: string | null;
  stopped_at: string | null;
  note: string | null;
}

function caseFromDb(row: CaseDbRow): KpiCaseRow {
  return {
    period: row.period,
    kpi: row.kpi,
    seq: row.seq,
    caseId: row.case_id,
    source: row.source,
    part: row.part,
    value: row.value,
    deadline: instantOrNull(row.deadline),
    stoppedAt: instantOrNull(row.stopped_at),
    verdict: row.verdict,
    note: row.note,
  };
}
