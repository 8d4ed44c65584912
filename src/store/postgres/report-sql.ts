/**
 * SQL building blocks of the PostgreSQL report tables (reports.ts, signal-results.ts): batched
 * inserts through `unnest`, and instants written as ISO text and read back as epoch milliseconds.
 */
import type pg from "pg";
import { isoInstant } from "../report-rows.js";

/** Rows per INSERT … unnest: a few thousand keeps each statement's parameters a few MB. */
const INSERT_CHUNK = 5_000;

/** A column of an INSERT … SELECT FROM unnest(…): its name, array element type and value. */
export interface InsertColumn<R> {
  name: string;
  type: string;
  value: (row: R) => unknown;
}

/**
 * Inserts rows as one array parameter per column, INSERT_CHUNK rows a statement: one round trip
 * and one plan per chunk instead of per row. node-postgres quotes and escapes array elements.
 */
export async function insertUnnest<R>(
  client: pg.PoolClient,
  table: string,
  columns: readonly InsertColumn<R>[],
  tenant: string,
  rows: readonly R[],
): Promise<void> {
  const arrays = columns.map((c, i) => `$${i + 2}::${c.type}[]`).join(", ");
  const sql = `INSERT INTO ${table} (tenant, ${columns.map((c) => c.name).join(", ")})
               SELECT $1, * FROM unnest(${arrays})`;
  for (let from = 0; from < rows.length; from += INSERT_CHUNK) {
    const chunk = rows.slice(from, from + INSERT_CHUNK);
    await client.query(sql, [tenant, ...columns.map((c) => chunk.map(c.value))]);
  }
}

export const instantOrNull = (at: number | null): string | null => (at === null ? null : isoInstant(at));

/**
 * Instants are read as epoch milliseconds computed by the server, so the result does not depend
 * on how the pool parses `timestamptz` (the default gives a Date, a pool may change that).
 */
export const ms = (column: string, as = column) => `(extract(epoch FROM ${column}) * 1000)::float8 AS ${as}`;
