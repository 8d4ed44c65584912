/**
 * The PostgreSQL store: many tenants and several instances on one database (docs/storage.md).
 * Every row carries the store's tenant and every statement filters on it. Writes that must be
 * all-or-nothing run in one transaction on one pooled client; reads go straight to the pool.
 */

import type { PeriodReport } from "../../engine/report/model.js";
import type { Instant } from "../../model/instant.js";
import type { RecordKind } from "../../model/schema.js";
import { checkedBatchSize, DEFAULT_DUMP_BATCH } from "../dump-batch.js";
import { ACQUIRE_LEASE_SET, checkedTtl, type LeaseRow, toLease } from "../lease-row.js";
import {
  checkedPgSchema,
  checkedTenant,
  DEFAULT_PG_POOL_SIZE,
  DEFAULT_PG_SCHEMA,
  DEFAULT_TENANT,
} from "../names.js";
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
} from "../types.js";
import { PgAlertLedger } from "./alert-ledger.js";
import { PgDatabase } from "./database.js";
import { dumpPostgres, loadPostgres } from "./dump-load.js";
import { applyPgMigrations } from "./migrate.js";
import { PG_MIGRATIONS } from "./migrations.js";
import { countRecords, purgeRecords, readRecords, storedHashes, writeRecordRows } from "./records.js";
import { pgSavedReports, savePgReport } from "./reports.js";
import { identitiesOf, planUpsert } from "./upsert-plan.js";

export interface PostgresStoreOptions {
  /** connection URL; it carries the password, so it never appears in an error */
  url: string;
  tenant?: string;
  /** the schema holding the tables, created by `migrate` if missing (default `sla_sentinel`) */
  schema?: string;
  /** connections in the pool (default 10) */
  poolSize?: number;
}

export class PostgresStore implements Store {
  readonly tenant: string;
  readonly schema: string;
  readonly #db: PgDatabase;
  readonly #ledger: PgAlertLedger;

  /** Creates the pool; no connection is made before the first query (normally `migrate`). */
  constructor(options: PostgresStoreOptions) {
    this.tenant = checkedTenant(options.tenant ?? DEFAULT_TENANT);
    this.schema = checkedPgSchema(options.schema ?? DEFAULT_PG_SCHEMA);
    this.#db = new PgDatabase({
      url: options.url,
      schema: this.schema,
      poolSize: options.poolSize ?? DEFAULT_PG_POOL_SIZE,
    });
    this.#ledger = new PgAlertLedger(this.#db, this.tenant);
  }

  async migrate(): Promise<void> {
    await applyPgMigrations(this.#db, this.schema, PG_MIGRATIONS);
  }

  async upsert(records: readonly IncomingRecord[]): Promise<UpsertCounts> {
    if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    // Identities and rows are built inside the transaction: a record that cannot be serialised
    // rolls back the call before anything was written.
    return this.#db.transaction(async (client) => {
      const identities = identitiesOf(records);
      const stored = await storedHashes(client, this.tenant, identities);
      const plan = planUpsert(records, identities, stored, true);
      await writeRecordRows(client, this.tenant, plan.writes);
      return plan.counts;
    });
  }

  async preview(records: readonly IncomingRecord[]): Promise<UpsertCounts> {
    if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    // One snapshot for every chunk of the lookup, and certainly no write.
    return this.#db.transaction(async (client) => {
      const identities = identitiesOf(records);
      const stored = await storedHashes(client, this.tenant, identities);
      return planUpsert(records, identities, stored, false).counts;
    }, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }

  async records<K extends RecordKind>(kind: K, query: RecordQuery = {}): Promise<Array<RecordOfKind<K>>> {
    return readRecords(this.#db, this.tenant, kind, query);
  }

  async getMeta(key: string): Promise<string | null> {
    const result = await this.#db.query<{ value: string }>(
      "SELECT value FROM meta WHERE tenant = $1 AND key = $2",
      [this.tenant, key],
    );
    return result.rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: string, options: MetaOptions = {}): Promise<void> {
    await this.#db.query(
      `INSERT INTO meta (tenant, key, value, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      [this.tenant, key, value, options.expiresAt ?? null],
    );
  }

  async purgeBefore(cutoff: Instant): Promise<Record<RecordKind, number>> {
    return purgeRecords(this.#db, this.tenant, cutoff);
  }

  async counts(): Promise<Record<RecordKind, number>> {
    return countRecords(this.#db, this.tenant);
  }

  async recordAlerts(intents: readonly AlertIntent[], at: Instant): Promise<number> {
    return this.#ledger.record(intents, at);
  }

  async knownAlertKeys(keys: readonly string[]): Promise<Set<string>> {
    return this.#ledger.known(keys);
  }

  async unsettledAlerts(): Promise<AlertRecord[]> {
    return this.#ledger.unsettled();
  }

  async alertThreadMessage(thread: string): Promise<ChatMessageRef | null> {
    return this.#ledger.threadMessage(thread);
  }

  async alertThreadMessages(threads: readonly string[]): Promise<Map<string, ThreadMessage>> {
    return this.#ledger.threadMessages(threads);
  }

  async updateAlert(id: number, update: AlertUpdate): Promise<boolean> {
    return this.#ledger.update(id, update);
  }

  async pruneAlerts(before: Instant): Promise<number> {
    return this.#ledger.prune(before);
  }

  async acquireLease(name: string, holder: string, now: Instant, ttlMs: number): Promise<Lease | null> {
    const result = await this.#db.query<LeaseRow>(
      `INSERT INTO leases (tenant, name, holder, acquired_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant, name) DO UPDATE SET ${ACQUIRE_LEASE_SET}`,
      [this.tenant, name, holder, now, now + checkedTtl(ttlMs)],
    );
    const row = result.rows[0];
    return row === undefined ? null : toLease(row);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.#db.query("DELETE FROM leases WHERE tenant = $1 AND name = $2 AND holder = $3", [
      this.tenant,
      name,
      holder,
    ]);
  }

  async leases(): Promise<Lease[]> {
    const result = await this.#db.query<LeaseRow>(
      "SELECT name, holder, acquired_at, expires_at FROM leases WHERE tenant = $1 ORDER BY name",
      [this.tenant],
    );
    return result.rows.map(toLease);
  }

  async saveReport(report: PeriodReport): Promise<void> {
    await this.#db.transaction((client) => savePgReport(client, this.tenant, report));
  }

  async savedReports(period?: string): Promise<SavedReportSummary[]> {
    try {
      return await pgSavedReports(this.#db.pool, this.tenant, period);
    } catch (error) {
      throw this.#db.explain(error);
    }
  }

  dump(batchSize = DEFAULT_DUMP_BATCH): AsyncIterable<DumpBatch> {
    return dumpPostgres(this.#db, this.tenant, checkedBatchSize(batchSize));
  }

  async load(batch: DumpBatch): Promise<void> {
    await this.#db.transaction((client) => loadPostgres(client, this.tenant, batch));
  }

  async close(): Promise<void> {
    await this.#db.close();
  }
}
