/**
 * The embedded store: one SQLite file (WAL) through better-sqlite3. better-sqlite3 is synchronous,
 * which is what makes it fast here: a whole batch runs inside one transaction with prepared
 * statements and no round trips. The methods stay async to share the `Store` interface with the
 * PostgreSQL store.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { PeriodReport } from "../engine/report/model.js";
import type { Instant } from "../model/instant.js";
import { RECORD_KINDS, type RecordKind } from "../model/schema.js";
import { SqliteAlertLedger } from "./alert-ledger.js";
import { checkedBatchSize, DEFAULT_DUMP_BATCH } from "./dump-batch.js";
import { applyMigrations } from "./migrations.js";
import { checkedTenant, DEFAULT_TENANT } from "./names.js";
import { recordIdentity, toRecordRow, zeroCounts } from "./record-row.js";
import { dumpSqlite, loadSqlite } from "./sqlite-dump-load.js";
import { SqliteLeases } from "./sqlite-leases.js";
import { saveSqliteReport, sqliteSavedReports } from "./sqlite-reports.js";
import { checkTenant, claimTenant } from "./sqlite-tenant.js";
import type {
  AlertIntent,
  AlertRecord,
  AlertUpdate,
  ChatMessageRef,
  DumpBatch,
  IncomingRecord,
  Lease,
  MetaOptions,
  RecordOfKind,
  RecordQuery,
  SavedReportSummary,
  Store,
  ThreadMessage,
  UpsertCounts,
} from "./types.js";

/** How long a write waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: BetterSqlite3.Database) {
  return {
    /** [hash, source_hash] of the stored record, as an array (raw mode) to spare an object */
    stored: db
      .prepare<[string, string, string], [string, string | null]>(
        "SELECT hash, source_hash FROM records WHERE kind = ? AND source = ? AND key = ?",
      )
      .raw(),
    insert: db.prepare<[string, string, string, number, number, string, string, string | null]>(
      "INSERT INTO records (kind, source, key, activity_at, open, hash, body, source_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    update: db.prepare<[number, number, string, string, string | null, string, string, string]>(
      "UPDATE records SET activity_at = ?, open = ?, hash = ?, body = ?, source_hash = ? WHERE kind = ? AND source = ? AND key = ?",
    ),
    setSourceHash: db.prepare<[string, string, string, string]>(
      "UPDATE records SET source_hash = ? WHERE kind = ? AND source = ? AND key = ?",
    ),
    purge: db.prepare<[string, number]>(
      "DELETE FROM records WHERE kind = ? AND open = 0 AND activity_at < ?",
    ),
    counts: db.prepare<[], { kind: string; n: number }>(
      "SELECT kind, count(*) AS n FROM records GROUP BY kind",
    ),
    getMeta: db.prepare<[string], string>("SELECT value FROM meta WHERE key = ?").pluck(),
    purgeMeta: db.prepare<[number]>("DELETE FROM meta WHERE expires_at < ?"),
    setMeta: db.prepare<[string, string, number | null]>(
      `INSERT INTO meta (key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ),
  };
}

/** The settings every connection needs; pragmas are per connection, so each open applies them. */
export function configureConnection(db: BetterSqlite3.Database): void {
  // Only takes effect on a new, empty database. Ticket bodies are about 1 KB: 16 KiB pages hold
  // more of them per page, which measured about 30% less CPU for a bulk import than 4 KiB.
  db.pragma("page_size = 16384");
  // WAL lets `report` read while `sync` writes; NORMAL sync is durable per checkpoint and safe
  // from corruption in WAL mode (https://www.sqlite.org/pragma.html#pragma_synchronous).
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 64 MiB of page cache (negative = KiB, default 2 MiB), so the key index of a large import
  // stays in memory even when keys arrive in random order.
  db.pragma("cache_size = -65536");
}

export interface SqliteStoreOptions {
  /** the tenant the file belongs to (default `default`); another tenant's file is refused */
  tenant?: string;
}

export class SqliteStore implements Store {
  readonly tenant: string;
  readonly #db: BetterSqlite3.Database;
  #statements: Statements | undefined;
  #alerts: SqliteAlertLedger | undefined;
  #leases: SqliteLeases | undefined;

  /** Wraps an open connection; prefer `SqliteStore.open`, which also sets the pragmas. */
  constructor(db: BetterSqlite3.Database, options: SqliteStoreOptions = {}) {
    this.tenant = checkedTenant(options.tenant ?? DEFAULT_TENANT);
    this.#db = db;
  }

  /** Opens (creating the file and its folder if needed) a database; `:memory:` for tests. */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const db = new BetterSqlite3(path);
    try {
      configureConnection(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteStore(db, options);
  }

  /** Also claims the file for this store's tenant, refusing (before any change) another's file. */
  async migrate(): Promise<void> {
    checkTenant(this.#db, this.tenant);
    applyMigrations(this.#db);
    claimTenant(this.#db, this.tenant);
    this.#statements = undefined;
    this.#alerts = undefined;
    this.#leases = undefined;
  }

  async upsert(records: readonly IncomingRecord[]): Promise<UpsertCounts> {
    return this.#compareAndWrite(records, true);
  }

  async preview(records: readonly IncomingRecord[]): Promise<UpsertCounts> {
    return this.#compareAndWrite(records, false);
  }

  async records<K extends RecordKind>(kind: K, query: RecordQuery = {}): Promise<Array<RecordOfKind<K>>> {
    const where = ["kind = ?"];
    const params: Array<string | number> = [kind];
    if (query.source !== undefined) {
      where.push("source = ?");
      params.push(query.source);
    }
    if (query.openOnly === true) where.push("open = 1");
    if (query.activeSince !== undefined) {
      where.push("(open = 1 OR activity_at >= ?)");
      params.push(query.activeSince);
    }
    const sql = `SELECT body FROM records WHERE ${where.join(" AND ")} ORDER BY source, key`;
    const bodies = this.#db
      .prepare<Array<string | number>, string>(sql)
      .pluck()
      .iterate(...params);
    // Parsed row by row, so each body's text can be freed at once: reading every text first kept
    // some 200 MiB of strings alive beside the parsed records of a 200,000-ticket report.
    // Bodies were written from validated records, so they are parsed without a second validation.
    const records: Array<RecordOfKind<K>> = [];
    for (const body of bodies) records.push(JSON.parse(body) as RecordOfKind<K>);
    return records;
  }

  async getMeta(key: string): Promise<string | null> {
    return this.#prepared().getMeta.get(key) ?? null;
  }

  async setMeta(key: string, value: string, options: MetaOptions = {}): Promise<void> {
    this.#prepared().setMeta.run(key, value, options.expiresAt ?? null);
  }

  async purgeBefore(cutoff: Instant): Promise<Record<RecordKind, number>> {
    const s = this.#prepared();
    const purged = zeroCounts();
    this.#db.transaction(() => {
      for (const kind of RECORD_KINDS) purged[kind] = s.purge.run(kind, cutoff).changes;
      s.purgeMeta.run(cutoff);
    })();
    return purged;
  }

  async counts(): Promise<Record<RecordKind, number>> {
    const counts = zeroCounts();
    for (const { kind, n } of this.#prepared().counts.all()) {
      if (kind in counts) counts[kind as RecordKind] = n;
    }
    return counts;
  }

  async recordAlerts(intents: readonly AlertIntent[], at: Instant): Promise<number> {
    return this.#ledger().record(intents, at);
  }

  async knownAlertKeys(keys: readonly string[]): Promise<Set<string>> {
    return this.#ledger().known(keys);
  }

  async unsettledAlerts(): Promise<AlertRecord[]> {
    return this.#ledger().unsettled();
  }

  async alertThreadMessage(thread: string): Promise<ChatMessageRef | null> {
    return this.#ledger().threadMessage(thread);
  }

  async alertThreadMessages(threads: readonly string[]): Promise<Map<string, ThreadMessage>> {
    return this.#ledger().threadMessages(threads);
  }

  async updateAlert(id: number, update: AlertUpdate): Promise<boolean> {
    return this.#ledger().update(id, update);
  }

  async pruneAlerts(before: Instant): Promise<number> {
    return this.#ledger().prune(before);
  }

  async acquireLease(name: string, holder: string, now: Instant, ttlMs: number): Promise<Lease | null> {
    return this.#leaseTable().acquire(name, holder, now, ttlMs);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.#leaseTable().release(name, holder);
  }

  async leases(): Promise<Lease[]> {
    return this.#leaseTable().all();
  }

  async saveReport(report: PeriodReport): Promise<void> {
    saveSqliteReport(this.#db, report);
  }

  async savedReports(period?: string): Promise<SavedReportSummary[]> {
    return sqliteSavedReports(this.#db, period);
  }

  dump(batchSize = DEFAULT_DUMP_BATCH): AsyncIterable<DumpBatch> {
    const batches = dumpSqlite(this.#db, checkedBatchSize(batchSize));
    return (async function* () {
      yield* batches;
    })();
  }

  async load(batch: DumpBatch): Promise<void> {
    loadSqlite(this.#db, batch);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  /**
   * Compares each record with the stored one and, when `write`, inserts or replaces it. An equal
   * source hash settles "unchanged" before the record is even serialised; otherwise the hash of
   * the serialised record decides. Rows are built inside the transaction: whatever fails (a record
   * that cannot be serialised, a constraint, a full disk) rolls back every write of the call.
   * Without `write` it is a read transaction, so every record meets the same snapshot.
   */
  #compareAndWrite(records: readonly IncomingRecord[], write: boolean): UpsertCounts {
    const s = this.#prepared();
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    this.#db.transaction(() => {
      for (const incoming of records) {
        const id = recordIdentity(incoming);
        const stored = s.stored.get(id.kind, id.source, id.key);
        if (stored !== undefined && incoming.sourceHash !== undefined && stored[1] === incoming.sourceHash) {
          counts.unchanged++;
          continue;
        }
        const row = toRecordRow(incoming, id);
        if (stored === undefined) {
          if (write) {
            s.insert.run(
              row.kind,
              row.source,
              row.key,
              row.activityAt,
              row.open,
              row.hash,
              row.body,
              row.sourceHash,
            );
          }
          counts.inserted++;
        } else if (stored[0] === row.hash) {
          // Same content from a new source form (say, only its `extra` changed): remember the
          // new form, so that the next import of it takes the fast path.
          if (write && row.sourceHash !== null)
            s.setSourceHash.run(row.sourceHash, row.kind, row.source, row.key);
          counts.unchanged++;
        } else {
          if (write) {
            s.update.run(
              row.activityAt,
              row.open,
              row.hash,
              row.body,
              row.sourceHash,
              row.kind,
              row.source,
              row.key,
            );
          }
          counts.updated++;
        }
      }
    })();
    return counts;
  }

  #leaseTable(): SqliteLeases {
    this.#leases ??= new SqliteLeases(this.#db);
    return this.#leases;
  }

  #ledger(): SqliteAlertLedger {
    this.#alerts ??= new SqliteAlertLedger(this.#db);
    return this.#alerts;
  }

  /** Statements are prepared on first use, after `migrate` has created the tables. */
  #prepared(): Statements {
    this.#statements ??= prepareStatements(this.#db);
    return this.#statements;
  }
}
