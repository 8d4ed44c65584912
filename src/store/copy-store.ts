/**
 * `sla-sentinel store copy`: every row of one store into another (SQLite into PostgreSQL, the
 * migration path of docs/storage.md), then a check that the target holds each source row
 * unchanged. Backend-neutral: it only uses `dump` and `load`, so rows keep their hashes, alerts
 * their status and history, saved reports their figures. A copy that stops half-way is simply
 * run again: `load` overwrites by identity.
 */
import type { DumpBatch, Store } from "./types.js";

export type CopiedTable = DumpBatch["table"];

export const COPIED_TABLES: readonly CopiedTable[] = ["records", "meta", "alert_ledger", "report"];

export type TableCounts = Record<CopiedTable, number>;

export interface CopyOptions {
  batchSize?: number;
  /** after each loaded batch, with the running counts */
  onProgress?: (copied: TableCounts) => void;
  signal?: AbortSignal;
}

/** A source row the target lacks or holds differently. */
export interface CopyDifference {
  table: CopiedTable;
  /** the row's identity: kind/source/key, meta key, alert key or report period */
  id: string;
  problem: "missing" | "different";
}

export function zeroTableCounts(): TableCounts {
  return { records: 0, meta: 0, alert_ledger: 0, report: 0 };
}

/** Loads every batch of `from`'s dump into `to`; returns how many rows of each table were copied. */
export async function copyStore(from: Store, to: Store, options: CopyOptions = {}): Promise<TableCounts> {
  const copied = zeroTableCounts();
  for await (const batch of from.dump(options.batchSize)) {
    options.signal?.throwIfAborted();
    await to.load(batch);
    copied[batch.table] += batch.rows.length;
    options.onProgress?.(copied);
  }
  return copied;
}

/**
 * Compares every row of `from` with the row of the same identity in `to`. Rows only the target
 * has are not differences (it may have held data of its own). Alert ids are each store's own and
 * are left out of the comparison; everything else must be equal.
 */
export async function verifyCopy(from: Store, to: Store, batchSize?: number): Promise<CopyDifference[]> {
  const target = await fingerprints(to, batchSize);
  const differences: CopyDifference[] = [];
  for await (const batch of from.dump(batchSize)) {
    for (const [id, print] of rowFingerprints(batch)) {
      const found = target[batch.table].get(id);
      if (found === undefined) differences.push({ table: batch.table, id, problem: "missing" });
      else if (found !== print) differences.push({ table: batch.table, id, problem: "different" });
    }
  }
  return differences;
}

type Fingerprints = Record<CopiedTable, Map<string, string>>;

async function fingerprints(store: Store, batchSize?: number): Promise<Fingerprints> {
  const prints: Fingerprints = {
    records: new Map(),
    meta: new Map(),
    alert_ledger: new Map(),
    report: new Map(),
  };
  for await (const batch of store.dump(batchSize)) {
    for (const [id, print] of rowFingerprints(batch)) prints[batch.table].set(id, print);
  }
  return prints;
}

/** Identity and content of each row of a batch; records by hash (the body is what it hashes). */
function* rowFingerprints(batch: DumpBatch): Generator<[string, string]> {
  switch (batch.table) {
    case "records":
      for (const r of batch.rows) {
        yield [
          `${r.kind}/${r.source}/${r.key}`,
          `${r.hash}|${r.sourceHash}|${r.activityAt}|${Number(r.open)}`,
        ];
      }
      return;
    case "meta":
      for (const m of batch.rows) yield [m.key, `${m.expiresAt ?? ""}|${m.value}`];
      return;
    case "alert_ledger":
      for (const { id: _ownId, ...alert } of batch.rows) yield [alert.key, stableJson(alert)];
      return;
    case "report":
      for (const report of batch.rows) yield [report.period.period, stableJson(report)];
      return;
  }
}

/** JSON with object keys sorted: the two backends build their row objects in different key orders. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
