/**
 * The signals section's BI tables in SQLite (`signal_results`, `signal_cases`,
 * `signal_norm_edges`; migration 6 in sqlite-reports.ts): written and read with the rest of a
 * period's rows, inside the caller's transaction.
 */
import type BetterSqlite3 from "better-sqlite3";
import { instantFromIso, isoInstant } from "./report-rows.js";
import type { PeriodReportRows, SignalCaseRow, SignalNormEdgeRow, SignalResultRow } from "./types.js";

type SignalRows = Pick<PeriodReportRows, "signals" | "signalCases" | "normEdges">;

/** Inserts the period's signal rows; the caller has deleted the old ones. */
export function writeSqliteSignalRows(db: BetterSqlite3.Database, label: string, rows: SignalRows): void {
  const signal = db.prepare(
    `INSERT INTO signal_results (period, signal, rank, signal_group, title, definition, value, n, hits, min_population,
                                 baseline, baseline_periods, deviation, max_rise, ceiling, flagged, flagged_by,
                                 suggested_measure)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const s of rows.signals) {
    signal.run(
      label,
      s.signal,
      s.rank,
      s.group,
      s.title,
      s.definition,
      s.value,
      s.n,
      s.hits,
      s.minPopulation,
      s.baseline,
      s.baselinePeriods,
      s.deviation,
      s.maxRise,
      s.ceiling,
      s.flagged ? 1 : 0,
      s.flaggedBy,
      s.suggestedMeasure,
    );
  }
  const kase = db.prepare(
    `INSERT INTO signal_cases (period, signal, seq, case_id, source, note, first_at, last_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of rows.signalCases) {
    kase.run(label, c.signal, c.seq, c.caseId, c.source, c.note, isoOrNull(c.firstAt), isoOrNull(c.lastAt));
  }
  const edge = db.prepare(
    `INSERT INTO signal_norm_edges (period, clock, priority, seq, bucket, bucket_from, bucket_to, count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of rows.normEdges) {
    edge.run(label, e.clock, e.priority, e.seq, e.bucket, e.from, e.to, e.count);
  }
}

/** The period's signal rows in report order: signals by rank, their cases by position, buckets in place. */
export function readSqliteSignalRows(db: BetterSqlite3.Database, label: string): SignalRows {
  const signals = db
    .prepare<[string], SignalDbRow>("SELECT * FROM signal_results WHERE period = ? ORDER BY rank")
    .all(label);
  const cases = db
    .prepare<[string], CaseDbRow>(
      `SELECT c.* FROM signal_cases c JOIN signal_results s ON s.period = c.period AND s.signal = c.signal
       WHERE c.period = ? ORDER BY s.rank, c.seq`,
    )
    .all(label);
  const edges = db
    .prepare<[string], EdgeDbRow>("SELECT * FROM signal_norm_edges WHERE period = ? ORDER BY seq, bucket")
    .all(label);
  return {
    signals: signals.map(signalFromDb),
    signalCases: cases.map(caseFromDb),
    normEdges: edges.map(edgeFromDb),
  };
}

const isoOrNull = (at: number | null): string | null => (at === null ? null : isoInstant(at));
const instantOrNull = (text: string | null): number | null => (text === null ? null : instantFromIso(text));

interface SignalDbRow {
  period: string;
  signal: string;
  rank: number;
  signal_group: string;
  title: string;
  definition: string;
  value: number | null;
  n: number;
  hits: number;
  min_population: number;
  baseline: number | null;
  baseline_periods: number;
  deviation: number | null;
  max_rise: number;
  ceiling: number;
  flagged: number;
  flagged_by: string | null;
  suggested_measure: string;
}

function signalFromDb(row: SignalDbRow): SignalResultRow {
  return {
    period: row.period,
    signal: row.signal,
    rank: row.rank,
    group: row.signal_group,
    title: row.title,
    definition: row.definition,
    value: row.value,
    n: row.n,
    hits: row.hits,
    minPopulation: row.min_population,
    baseline: row.baseline,
    baselinePeriods: row.baseline_periods,
    deviation: row.deviation,
    maxRise: row.max_rise,
    ceiling: row.ceiling,
    flagged: row.flagged === 1,
    flaggedBy: row.flagged_by,
    suggestedMeasure: row.suggested_measure,
  };
}

interface CaseDbRow {
  period: string;
  signal: string;
  seq: number;
  case_id: string;
  source: string;
  note: string;
  first_at: string | null;
  last_at: string | null;
}

function caseFromDb(row: CaseDbRow): SignalCaseRow {
  return {
    period: row.period,
    signal: row.signal,
    seq: row.seq,
    caseId: row.case_id,
    source: row.source,
    note: row.note,
    firstAt: instantOrNull(row.first_at),
    lastAt: instantOrNull(row.last_at),
  };
}

interface EdgeDbRow {
  period: string;
  clock: string;
  priority: string;
  seq: number;
  bucket: number;
  bucket_from: number;
  bucket_to: number | null;
  count: number;
}

function edgeFromDb(row: EdgeDbRow): SignalNormEdgeRow {
  return {
    period: row.period,
    clock: row.clock,
    priority: row.priority,
    seq: row.seq,
    bucket: row.bucket,
    from: row.bucket_from,
    to: row.bucket_to,
    count: row.count,
  };
}
