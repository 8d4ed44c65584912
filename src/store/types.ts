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

  // The alert ledger (docs/alerts.md): one row per alert and channel, keyed by `AlertIntent.key`.
  /** Records the intents whose key is new, atomically; a known key is left as it is. Returns how many were new. */
  recordAlerts(intents: readonly AlertIntent[], at: Instant): Promise<number>;
  /** Which of these alert keys the ledger holds, whatever their status. */
  knownAlertKeys(keys: readonly string[]): Promise<Set<string>>;
  /** Alerts not settled yet (pending or sending), in the order they were recorded. */
  unsettledAlerts(): Promise<AlertRecord[]>;
  /** The chat message that shows a thread's latest sent alert, to update in place; null if none. */
  alertThreadMessage(thread: string): Promise<ChatMessageRef | null>;
  /** Applies the change; false when it did not apply (an `attempt` whose claim another process won). */
  updateAlert(id: number, update: AlertUpdate): Promise<boolean>;
  /** Drops settled alerts recorded before `before` of tickets no longer open; returns how many. */
  pruneAlerts(before: Instant): Promise<number>;

  close(): Promise<void>;
}

/**
 * `pending`: to send (at or after `notBefore`). `sending`: a send was started and its outcome is
 * not known (a crash, a timeout): resolved before anything else is sent on its channel. `sent`:
 * confirmed. `superseded`: a later state of the same thread replaced it before it was sent.
 * `expired`: the state no longer holds (ticket moved on, closed, channel removed). `failed`: the
 * chat service refused this message for good.
 */
export type AlertStatus = "pending" | "sending" | "sent" | "superseded" | "expired" | "failed";

/** A posted chat message that can be updated in place (Slack: channel id and message ts). */
export interface ChatMessageRef {
  channel: string;
  ts: string;
}

/** One alert for one channel, as the alert step records it. */
export interface AlertIntent {
  /** source, ticket, clock, transition, deadline and channel: unique in the ledger */
  key: string;
  /** the alerts one chat message shows, updated in place as the ticket moves on */
  thread: string;
  /** `slack:<channel id>` or `teams:<hash of the workflow URL>` (never the URL: it is a secret) */
  channel: string;
  source: string;
  ticket: string;
  clock: string;
  transition: string;
  deadline: Instant;
  /** the alert as first recorded (JSON), for the record */
  payload: string;
  /** not to be sent before this instant (the service window's opening for an alert held in quiet time) */
  notBefore: Instant;
}

export interface AlertRecord extends AlertIntent {
  id: number;
  status: AlertStatus;
  createdAt: Instant;
  attempts: number;
  attemptedAt: Instant | null;
  settledAt: Instant | null;
  lastError: string | null;
  message: ChatMessageRef | null;
}

export type AlertUpdate =
  /**
   * A send starts: status `sending`, one more attempt. A claim: it applies only while the row
   * still has the `attempts` the caller read, so two processes never send the same alert.
   */
  | { kind: "attempt"; at: Instant; attempts: number }
  | { kind: "sent"; at: Instant; message: ChatMessageRef | null }
  /** not sent now: try again from `notBefore`; `uncertain` keeps it `sending` (it may have arrived) */
  | { kind: "defer"; notBefore: Instant; error: string; uncertain: boolean }
  | { kind: "settle"; status: "superseded" | "expired" | "failed"; at: Instant; error?: string };

/**
 * The `storage:` section of the YAML: exactly one backend (the config module's parsed value, with
 * its other settings, fits). A relative SQLite path is resolved against `openStore`'s `baseDir`.
 */
export type StorageConfig =
  | { sqlite: string; postgres?: undefined }
  | { postgres: string; sqlite?: undefined };
