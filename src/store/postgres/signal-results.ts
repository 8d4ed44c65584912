/**
 * The signals section's BI tables in PostgreSQL (`signal_results`, `signal_cases`,
 * `signal_norm_edges`; migration 5 in reports.ts): written and read with the rest of a period's
 * rows, inside the caller's transaction or snapshot.
 */
import type pg from "pg";
import type { PeriodReportRows, SignalCaseRow, SignalNormEdgeRow, SignalResultRow } from "../types.js";
import { type InsertColumn, insertUnnest, instantOrNull, ms } from "./report-sql.js";

type SignalRows = Pick<PeriodReportRows, "signals" | "signalCases" | "normEdges">;

/** Inserts the period's signal rows under the tenant; the caller has deleted the old ones. */
export async function writePgSignalRows(
  client: pg.PoolClient,
  tenant: string,
  rows: SignalRows,
): Promise<void> {
  await insertUnnest(client, "signal_results", SIGNAL_INSERT, tenant, rows.signals);
  await insertUnnest(client, "signal_cases", CASE_INSERT, tenant, rows.signalCases);
  await insertUnnest(client, "signal_norm_edges", EDGE_INSERT, tenant, rows.normEdges);
}

/** The period's signal rows in report order: signals by rank, their cases by position, buckets in place. */
export async function readPgSignalRows(
  client: pg.PoolClient,
  tenant: string,
  label: string,
): Promise<SignalRows> {
  const key = [tenant, label];
  const signals = await client.query<SignalResultRow>(
    `SELECT ${SIGNAL_COLUMNS} FROM signal_results s WHERE s.tenant = $1 AND s.period = $2 ORDER BY s.rank`,
    key,
  );
  const cases = await client.query<SignalCaseRow>(
    `SELECT ${CASE_COLUMNS} FROM signal_cases c
     JOIN signal_results s ON s.tenant = c.tenant AND s.period = c.period AND s.signal = c.signal
     WHERE c.tenant = $1 AND c.period = $2 ORDER BY s.rank, c.seq`,
    key,
  );
  const edges = await client.query<SignalNormEdgeRow>(
    `SELECT ${EDGE_COLUMNS} FROM signal_norm_edges e WHERE e.tenant = $1 AND e.period = $2 ORDER BY e.seq, e.bucket`,
    key,
  );
  return { signals: signals.rows, signalCases: cases.rows, normEdges: edges.rows };
}

const SIGNAL_INSERT: readonly InsertColumn<SignalResultRow>[] = [
  { name: "period", type: "text", value: (r) => r.period },
  { name: "signal", type: "text", value: (r) => r.signal },
  { name: "rank", type: "int4", value: (r) => r.rank },
  { name: "signal_group", type: "text", value: (r) => r.group },
  { name: "title", type: "text", value: (r) => r.title },
  { name: "definition", type: "text", value: (r) => r.definition },
  { name: "value", type: "float8", value: (r) => r.value },
  { name: "n", type: "int4", value: (r) => r.n },
  { name: "hits", type: "int4", value: (r) => r.hits },
  { name: "min_population", type: "int4", value: (r) => r.minPopulation },
  { name: "baseline", type: "float8", value: (r) => r.baseline },
  { name: "baseline_periods", type: "int4", value: (r) => r.baselinePeriods },
  { name: "deviation", type: "float8", value: (r) => r.deviation },
  { name: "max_rise", type: "float8", value: (r) => r.maxRise },
  { name: "ceiling", type: "float8", value: (r) => r.ceiling },
  { name: "flagged", type: "boolean", value: (r) => r.flagged },
  { name: "flagged_by", type: "text", value: (r) => r.flaggedBy },
  { name: "suggested_measure", type: "text", value: (r) => r.suggestedMeasure },
];

const CASE_INSERT: readonly InsertColumn<SignalCaseRow>[] = [
  { name: "period", type: "text", value: (r) => r.period },
  { name: "signal", type: "text", value: (r) => r.signal },
  { name: "seq", type: "int4", value: (r) => r.seq },
  { name: "case_id", type: "text", value: (r) => r.caseId },
  { name: "source", type: "text", value: (r) => r.source },
  { name: "note", type: "text", value: (r) => r.note },
  { name: "first_at", type: "timestamptz", value: (r) => instantOrNull(r.firstAt) },
  { name: "last_at", type: "timestamptz", value: (r) => instantOrNull(r.lastAt) },
];

const EDGE_INSERT: readonly InsertColumn<SignalNormEdgeRow>[] = [
  { name: "period", type: "text", value: (r) => r.period },
  { name: "clock", type: "text", value: (r) => r.clock },
  { name: "priority", type: "text", value: (r) => r.priority },
  { name: "seq", type: "int4", value: (r) => r.seq },
  { name: "bucket", type: "int4", value: (r) => r.bucket },
  { name: "bucket_from", type: "float8", value: (r) => r.from },
  { name: "bucket_to", type: "float8", value: (r) => r.to },
  { name: "count", type: "int4", value: (r) => r.count },
];

const SIGNAL_COLUMNS = `s.period, s.signal, s.rank, s.signal_group AS "group", s.title, s.definition, s.value, s.n,
  s.hits, s.min_population AS "minPopulation", s.baseline, s.baseline_periods AS "baselinePeriods", s.deviation,
  s.max_rise AS "maxRise", s.ceiling, s.flagged, s.flagged_by AS "flaggedBy", s.suggested_measure AS "suggestedMeasure"`;

const CASE_COLUMNS = `c.period, c.signal, c.seq, c.case_id AS "caseId", c.source, c.note,
  ${ms("c.first_at", '"firstAt"')}, ${ms("c.last_at", '"lastAt"')}`;

const EDGE_COLUMNS = `e.period, e.clock, e.priority, e.seq, e.bucket, e.bucket_from AS "from", e.bucket_to AS "to", e.count`;
