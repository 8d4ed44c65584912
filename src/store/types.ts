/**
 * The store behind sla-sentinel. SQLite is the embedded default; a PostgreSQL store implements
 * the same interface later, so every method is async even where SQLite would not need it.
 */
import type { Instant } from "../model/instant.js";
import type { CanonicalRecord, RecordKind } from "../model/schema.js";

export type RecordOfKind<K extends RecordKind> = Extract<CanonicalRecord, { kind: K }>;

/** A record as delivered by a connector instance; `source` falls back to the connector's name. */
export interface IncomingRecord {
  connector: string;
  record: CanonicalRecord;
  /**
   * Optional hash of the record's source form (the file connector: its line, with the
   * sla-sentinel version). When it equals the one stored with the record, the record is
   * unchanged without being serialised again; otherwise the record's content is compared.
   */
  sourceHash?: string;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface RecordQuery {
  /** only records whose activity (see `activityAt`) is at or after this instant */
  activeSince?: Instant;
  /** tickets only: only those not resolved/closed as of their last event */
  openOnly?: boolean;
  source?: string;
}

export interface Store {
  /** Creates or upgrades the schema; safe to call on every start. */
  migrate(): Promise<void>;
  /**
   * Upserts by (kind, source, key) in one transaction: a record identical to the stored one is
   * left alone, a changed one replaces it. Either all records of the call are stored or none.
   */
  upsert(records: readonly IncomingRecord[]): Promise<UpsertCounts>;
  /**
   * Read-only counterpart of `upsert` for dry runs: how many of these records would be inserted,
   * updated or left unchanged. Each record is compared with the stored state only, so a key that
   * repeats inside one call counts as an insert each time it is new to the store.
   */
  preview(records: readonly IncomingRecord[]): Promise<UpsertCounts>;
  records<K extends RecordKind>(kind: K, query?: RecordQuery): Promise<Array<RecordOfKind<K>>>;
  /** Small key-value state: connector watermarks, schema facts. */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * Removes records whose activity ended before `cutoff` (retention). Open tickets and ongoing
   * outages are kept whatever their age.
   */
  purgeBefore(cutoff: Instant): Promise<Record<RecordKind, number>>;
  counts(): Promise<Record<RecordKind, number>>;
  close(): Promise<void>;
}

/**
 * The `storage:` section of the YAML: exactly one backend (the config module's parsed value, with
 * its other settings, fits). A relative SQLite path is resolved against `openStore`'s `baseDir`.
 */
export type StorageConfig =
  | { sqlite: string; postgres?: undefined }
  | { postgres: string; sqlite?: undefined };
