/**
 * Copying a SQLite store (`Store.dump` / `Store.load`). A dump pages through each table by its key,
 * so no statement stays open between batches; a load writes one batch in one transaction and
 * overwrites by identity, so an interrupted copy can be run again. The file's own `store:` meta
 * (its owning tenant) is neither dumped nor overwritten by a load.
 */
import type BetterSqlite3 from "better-sqlite3";
import { ALERT_LOAD_COLUMNS, type AlertRow, toAlertLoadRow, toAlertRecord } from "./alert-row.js";
import type { RecordRow } from "./record-row.js";
import { dumpSqliteReports, loadSqliteReports } from "./sqlite-reports.js";
import { isStoreMetaKey } from "./sqlite-tenant.js";
import type { DumpBatch, MetaRow } from "./types.js";

export function* dumpSqlite(db: BetterSqlite3.Database, batchSize: number): Generator<DumpBatch> {
  const records = db.prepare<[string, string, string, number], RecordRow>(
    `SELECT kind, source, key, activity_at AS activityAt, open, hash, body, source_hash AS sourceHash
     FROM records WHERE (kind, source, key) > (?, ?, ?) ORDER BY kind, source, key LIMIT ?`,
  );
  let after: [string, string, string] = ["", "", ""];
  for (
    let rows = records.all(...after, batchSize);
    rows.length > 0;
    rows = records.all(...after, batchSize)
  ) {
    yield { table: "records", rows };
    const last = rows[rows.length - 1] as RecordRow;
    after = [last.kind, last.source, last.key];
  }

  const meta = db.prepare<[string | null, string | null, number], MetaRow>(
    `SELECT key, value, expires_at AS expiresAt FROM meta
     WHERE (? IS NULL OR key > ?) AND substr(key, 1, 6) <> 'store:' ORDER BY key LIMIT ?`,
  );
  let afterKey: string | null = null;
  for (
    let rows = meta.all(afterKey, afterKey, batchSize);
    rows.length > 0;
    rows = meta.all(afterKey, afterKey, batchSize)
  ) {
    yield { table: "meta", rows };
    afterKey = (rows[rows.length - 1] as { key: string }).key;
  }

  const alerts = db.prepare<[number, number], AlertRow>(
    "SELECT * FROM alert_ledger WHERE id > ? ORDER BY id LIMIT ?",
  );
  let afterId = 0;
  for (let rows = alerts.all(afterId, batchSize); rows.length > 0; rows = alerts.all(afterId, batchSize)) {
    yield { table: "alert_ledger", rows: rows.map(toAlertRecord) };
    afterId = (rows[rows.length - 1] as AlertRow).id;
  }

  // A saved report is one period's row set, large or small: one batch each.
  for (const report of dumpSqliteReports(db)) yield { table: "report", rows: [report] };
}

export function loadSqlite(db: BetterSqlite3.Database, batch: DumpBatch): void {
  db.transaction(() => {
    switch (batch.table) {
      case "records": {
        const write = db.prepare<RecordRow>(
          `INSERT INTO records (kind, source, key, activity_at, open, hash, body, source_hash)
           VALUES (@kind, @source, @key, @activityAt, @open, @hash, @body, @sourceHash)
           ON CONFLICT (kind, source, key) DO UPDATE SET activity_at = excluded.activity_at,
             open = excluded.open, hash = excluded.hash, body = excluded.body, source_hash = excluded.source_hash`,
        );
        for (const row of batch.rows) write.run(row);
        return;
      }
      case "meta": {
        const write = db.prepare<[string, string, number | null]>(
          `INSERT INTO meta (key, value, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        );
        for (const { key, value, expiresAt } of batch.rows) {
          if (!isStoreMetaKey(key)) write.run(key, value, expiresAt ?? null);
        }
        return;
      }
      case "alert_ledger": {
        const write = db.prepare(
          `INSERT INTO alert_ledger (${ALERT_LOAD_COLUMNS.join(", ")})
           VALUES (${ALERT_LOAD_COLUMNS.map((c) => `@${c}`).join(", ")})
           ON CONFLICT (alert_key) DO UPDATE SET ${ALERT_LOAD_COLUMNS.filter((c) => c !== "alert_key")
             .map((c) => `${c} = excluded.${c}`)
             .join(", ")}`,
        );
        for (const alert of batch.rows) write.run(toAlertLoadRow(alert));
        return;
      }
      case "report":
        loadSqliteReports(db, batch.rows);
        return;
    }
  })();
}
