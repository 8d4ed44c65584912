/**
 * The store behind sla-sentinel. SQLite is the embedded default; the PostgreSQL store
 * (src/store/postgres, docs/storage.md) implements the same interface, so every method is async
 * even where SQLite would not need it.
 */

import type { PeriodReport } from "../engine/report/model.js";
import type { Instant } from "../model/instant.js";
import type { CanonicalRecord, RecordKind } from "../model/schema.js";
import type { RecordRow } from "./record-row.js";

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
  /**
   * The contract (tenant) this store reads and writes. Every row a store touches carries it:
   * PostgreSQL keeps many tenants in one schema, a SQLite file belongs to the one tenant that
   * first migrated it and refuses to open for another.
   */
  readonly tenant: string;
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
  /**
   * Sets a value. `expiresAt`: retention (`purgeBefore`) removes the entry together with records
   * whose activity ended before its cutoff (a closed ticket's per-ticket state); without it, or
   * null, the entry is kept until set again.
   */
  setMeta(key: string, value: string, options?: MetaOptions): Promise<void>;
  /**
   * Removes records whose activity ended before `cutoff` (retention), and meta entries that
   * expired before it. Open tickets and ongoing outages are kept whatever their age.
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
  /**
   * `alertThreadMessage` for many threads at once, with the transition of the alert each message
   * shows; threads without a sent message are absent. One indexed lookup per batch of threads.
   */
  alertThreadMessages(threads: readonly string[]): Promise<Map<string, ThreadMessage>>;
  /** Applies the change; false when it did not apply (an `attempt` whose claim another process won). */
  updateAlert(id: number, update: AlertUpdate): Promise<boolean>;
  /** Drops settled alerts recorded before `before` of tickets no longer open; returns how many. */
  pruneAlerts(before: Instant): Promise<number>;

  // Leases (docs/operations.md "Several instances"): at most one instance runs a named piece of
  // work (a connector's cycle, the alert delivery) at a time; a lease its holder stops renewing
  // lapses at `expiresAt`, so a killed instance's work is taken over once it expires.
  /**
   * Takes the lease when it is free, lapsed at `now`, or already `holder`'s (a renewal), until
   * `now + ttlMs`. Atomic across processes. Returns the lease when `holder` has it, null when
   * another holder's lease is still in force.
   */
  acquireLease(name: string, holder: string, now: Instant, ttlMs: number): Promise<Lease | null>;
  /** Gives the lease up when `holder` has it (a clean stop); otherwise does nothing. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** Every lease row of this tenant (in force or lapsed), for `/healthz` and tests. */
  leases(): Promise<Lease[]>;

  // Report results (docs/bi.md): one row set per tenant and period, replaced by the next report of
  // the same period, so BI tools always read the latest figures through documented tables.
  /** Stores the report's figures (KPIs, parts, cases, signals) in place of the period's earlier ones, atomically. */
  saveReport(report: PeriodReport): Promise<void>;
  /** The periods with stored results, newest period first; only `period` when it is given. */
  savedReports(period?: string): Promise<SavedReportSummary[]>;

  // Copying a store (`sla-sentinel store copy`): every row of this tenant, backend-neutral.
  /** Everything this tenant holds, table by table in batches, in a stable order. */
  dump(batchSize?: number): AsyncIterable<DumpBatch>;
  /**
   * Writes a dumped batch as it was (records keep their hashes, alerts their status and history)
   * in one transaction. Idempotent: a row already present (same identity) is overwritten with the
   * dumped one, so a copy that was interrupted can simply be run again.
   */
  load(batch: DumpBatch): Promise<void>;

  close(): Promise<void>;
}

export interface MetaOptions {
  /** when the entry stops being needed (see `setMeta`); null or absent: never */
  expiresAt?: Instant | null;
}

export interface Lease {
  name: string;
  holder: string;
  acquiredAt: Instant;
  expiresAt: Instant;
}

export interface SavedReportSummary {
  period: string;
  kind: string;
  start: Instant;
  end: Instant;
  catalogVersion: string;
  generatedAt: Instant;
  periodComplete: boolean;
  kpis: number;
  cases: number;
  /** rows of `signal_results`: 0 for a report saved without a signals section */
  signals: number;
}

/**
 * One batch of a dump. Rows are plain values independent of the backend: instants as epoch
 * milliseconds, booleans as booleans, JSON as text. Column names are the documented ones
 * (docs/bi.md for the report tables), without `tenant`: a load writes its own store's tenant.
 */
export type DumpBatch =
  | { table: "records"; rows: RecordRow[] }
  | { table: "meta"; rows: MetaRow[] }
  | { table: "alert_ledger"; rows: AlertRecord[] }
  | { table: "report"; rows: PeriodReportRows[] };

/** A meta entry as dumped; `expiresAt` null when it never expires. */
export interface MetaRow {
  key: string;
  value: string;
  expiresAt: Instant | null;
}

/** A saved period report as its table rows (docs/bi.md). */
export interface PeriodReportRows {
  period: ReportPeriodRow;
  kpis: KpiResultRow[];
  parts: KpiPartRow[];
  cases: KpiCaseRow[];
  /** the signals section's rows; all three empty for a report without one */
  signals: SignalResultRow[];
  signalCases: SignalCaseRow[];
  normEdges: SignalNormEdgeRow[];
}

/** `report_periods`: one row per tenant and period. */
export interface ReportPeriodRow {
  period: string;
  kind: string;
  start: Instant;
  end: Instant;
  zone: string;
  catalogVersion: string;
  generatedAt: Instant;
  periodComplete: boolean;
}

/** `kpi_results`: one row per KPI of a saved period. */
export interface KpiResultRow {
  period: string;
  kpi: string;
  /** position in the report (catalog order), from 0: "O1.2" before "O1.10", which text order is not */
  seq: number;
  goal: string;
  nameNl: string;
  nameEn: string;
  normText: string;
  /** what `score` and `target` are: a ratio 0–1 (shown as a percentage) or a count */
  scoreUnit: ScoreUnit;
  /** ratio 0–1 for share KPIs, a count for counts; null: no data */
  score: number | null;
  target: number | null;
  met: boolean | null;
  n: number;
  minimumRequirement: boolean;
  deviation: boolean;
  onAgenda: boolean;
  /** the meeting level whose agenda the KPI is on (`onAgenda`); null: none */
  meeting: string | null;
  provisional: boolean;
}

export type ScoreUnit = "ratio" | "count";

/** `kpi_part_results`: one row per part of a KPI with parts. */
export interface KpiPartRow {
  period: string;
  kpi: string;
  part: string;
  /** position among the KPI's parts, from 0, as the scorer lists them */
  seq: number;
  /** the part's norm in words ("at most 20"), "" without one */
  normText: string;
  scoreUnit: ScoreUnit;
  score: number | null;
  target: number | null;
  met: boolean | null;
  n: number;
}

/** `kpi_cases`: one row per case behind a KPI (its population). */
export interface KpiCaseRow {
  period: string;
  kpi: string;
  /** position in the KPI's population, from 0: with `kpi` and `period` the row's identity */
  seq: number;
  caseId: string;
  source: string | null;
  part: string | null;
  value: number | null;
  deadline: Instant | null;
  stoppedAt: Instant | null;
  verdict: string;
  note: string | null;
}

/** `signal_results`: one row per signal of a saved period's signals section (docs/signals.md). */
export interface SignalResultRow {
  period: string;
  /** the signal's id, e.g. `downgrade-near-deadline` */
  signal: string;
  /** position in the ranked list, from 0: flagged first, then by deviation */
  rank: number;
  /** `clock-management`, `experience` or `norm-edges` (column `signal_group`: GROUP is an SQL keyword) */
  group: string;
  title: string;
  definition: string;
  /** a share 0–1 (the satisfaction gap −1–1); null: the period has no case */
  value: number | null;
  n: number;
  hits: number;
  /** the section's `minPopulation`: with fewer cases (`n`) a signal has no verdict */
  minPopulation: number;
  baseline: number | null;
  baselinePeriods: number;
  deviation: number | null;
  maxRise: number;
  ceiling: number;
  flagged: boolean;
  /** the reasons, comma-separated in the report's order (`baseline,ceiling`); null when not flagged by any */
  flaggedBy: string | null;
  suggestedMeasure: string;
}

/** `signal_cases`: one row per case behind a signal. */
export interface SignalCaseRow {
  period: string;
  signal: string;
  /** position among the signal's cases, from 0 */
  seq: number;
  caseId: string;
  source: string;
  note: string;
  /** the first and last of the case's instants; null when it lists none */
  firstAt: Instant | null;
  lastAt: Instant | null;
}

/** `signal_norm_edges`: one row per bucket of a clock's and priority's norm-edge distribution. */
export interface SignalNormEdgeRow {
  period: string;
  clock: string;
  priority: string;
  /** position of the distribution in the report, from 0 (response before resolution, P1 first) */
  seq: number;
  /** position of the bucket in the distribution, from 0 */
  bucket: number;
  /** elapsed ÷ allowed: the bucket is (from, to], the first also holds 0, the last has no `to` */
  from: number;
  to: number | null;
  count: number;
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

/** What a thread's chat message shows: the message of its latest sent alert, and that alert's transition. */
export interface ThreadMessage {
  message: ChatMessageRef;
  transition: string;
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
  | { sqlite: string; postgres?: undefined; tenant?: string }
  | { postgres: string; sqlite?: undefined; tenant?: string; schema?: string; poolSize?: number };
