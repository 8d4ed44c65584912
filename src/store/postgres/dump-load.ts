/**
 * Copying a tenant out of and into PostgreSQL (`Store.dump` / `Store.load`). A dump pages through
 * each table by its key (no cursor, no long transaction), so it suits a store no instance is
 * writing to; a load overwrites by identity, so an interrupted copy can be run again.
 */
import type pg from "pg";
import { type AlertRow, toAlertRecord } from "../alert-row.js";
import { distinctBy } from "../dump-batch.js";
import type { RecordRow } from "../record-row.js";
import type { DumpBatch, MetaRow } from "../types.js";
import { PgAlertLedger } from "./alert-ledger.js";
import type { PgDatabase } from "./database.js";
import { writeRecordRows } from "./records.js";
import { dumpPgReports, loadPgReports } from "./reports.js";
import { identityKey } from "./upsert-plan.js";

interface StoredRecordRow {
  kind: RecordRow["kind"];
  source: string;
  key: string;
  activity_at: number;
  open: boolean;
  hash: string;
  body: string;
  source_hash: string | null;
}

export async function* dumpPostgres(
  db: PgDatabase,
  tenant: string,
  batchSize: number,
): AsyncGenerator<DumpBatch> {
  let after = ["", "", ""];
  for (;;) {
    const { rows } = await db.query<StoredRecordRow>(
      `SELECT kind, source, key, activity_at, open, hash, body::text AS body, source_hash FROM records
       WHERE tenant = $1 AND (tenant, kind, source, key) > ($1, $2, $3, $4)
       ORDER BY kind, source, key LIMIT $5`,
      [tenant, ...after, batchSize],
    );
    if (rows.length === 0) break;
    yield { table: "records", rows: rows.map(toRecordRow) };
    const last = rows[rows.length - 1] as StoredRecordRow;
    after = [last.kind, last.source, last.key];
  }
  let afterKey: string | null = null;
  for (;;) {
    const { rows }: pg.QueryResult<MetaRow> = await db.query(
      `SELECT key, value, expires_at AS "expiresAt" FROM meta
       WHERE tenant = $1 AND ($2::text IS NULL OR key > $2) ORDER BY key LIMIT $3`,
      [tenant, afterKey, batchSize],
    );
    if (rows.length === 0) break;
    yield { table: "meta", rows };
    afterKey = (rows[rows.length - 1] as { key: string }).key;
  }
  let afterId = 0;
  for (;;) {
    const { rows }: pg.QueryResult<AlertRow> = await db.query(
      "SELECT * FROM alert_ledger WHERE tenant = $1 AND id > $2 ORDER BY id LIMIT $3",
      [tenant, afterId, batchSize],
    );
    if (rows.length === 0) break;
    yield { table: "alert_ledger", rows: rows.map(toAlertRecord) };
    afterId = (rows[rows.length - 1] as AlertRow).id;
  }
  // A saved report is one period's row set, large or small: one batch each.
  for await (const report of dumpPgReports(db.pool, tenant)) yield { table: "report", rows: [report] };
}

function toRecordRow(row: StoredRecordRow): RecordRow {
  return {
    kind: row.kind,
    source: row.source,
    key: row.key,
    activityAt: row.activity_at,
    open: row.open ? 1 : 0,
    hash: row.hash,
    body: row.body,
    sourceHash: row.source_hash,
  };
}

/** Writes one dumped batch in the caller's transaction. */
export async function loadPostgres(client: pg.PoolClient, tenant: string, batch: DumpBatch): Promise<void> {
  switch (batch.table) {
    case "records":
      return writeRecordRows(client, tenant, distinctBy(batch.rows, identityKey));
    case "meta": {
      const rows = distinctBy(batch.rows, (r) => r.key);
      await client.query(
        `INSERT INTO meta (tenant, key, value, expires_at)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[])
         ON CONFLICT (tenant, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        [tenant, rows.map((r) => r.key), rows.map((r) => r.value), rows.map((r) => r.expiresAt ?? null)],
      );
      return;
    }
    case "alert_ledger":
      return new PgAlertLedger(client, tenant).load(distinctBy(batch.rows, (r) => r.key));
    case "report":
      return loadPgReports(client, tenant, batch.rows);
  }
}
