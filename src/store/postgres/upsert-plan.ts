/**
 * The comparison half of an upsert, without I/O: given what the store holds for a batch's
 * identities, which records are new, changed or unchanged, and which rows to write. The rules are
 * SQLite's (`SqliteStore#compareAndWrite`): an equal source hash means unchanged without
 * serialising the record; otherwise the hash of the built row decides.
 */
import { type RecordIdentity, type RecordRow, recordIdentity, toRecordRow } from "../record-row.js";
import type { IncomingRecord, UpsertCounts } from "../types.js";

export interface StoredHashes {
  hash: string;
  sourceHash: string | null;
}

export interface UpsertPlan {
  counts: UpsertCounts;
  /** one row per identity (the last written state), for a single multi-row upsert */
  writes: RecordRow[];
}

/** Map key of an identity; PostgreSQL text cannot hold NUL, so no stored identity contains one. */
export const identityKey = (id: RecordIdentity): string => `${id.kind}\u0000${id.source}\u0000${id.key}`;

export function identitiesOf(records: readonly IncomingRecord[]): RecordIdentity[] {
  return records.map((incoming) => recordIdentity(incoming));
}

/**
 * Classifies the records in order. When `write`, each one sees the state the earlier records of
 * the same call leave (as SQLite's sequential writes do), which is recorded in `stored`; a
 * preview compares each with the stored state only, as the `Store.preview` contract says.
 */
export function planUpsert(
  records: readonly IncomingRecord[],
  identities: readonly RecordIdentity[],
  stored: Map<string, StoredHashes>,
  write: boolean,
): UpsertPlan {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const writes = new Map<string, RecordRow>();
  records.forEach((incoming, i) => {
    const id = identities[i] as RecordIdentity;
    const mapKey = identityKey(id);
    const current = stored.get(mapKey);
    if (
      current !== undefined &&
      incoming.sourceHash !== undefined &&
      current.sourceHash === incoming.sourceHash
    ) {
      counts.unchanged++;
      return;
    }
    const row = toRecordRow(incoming, id);
    if (current === undefined) counts.inserted++;
    else if (current.hash === row.hash) {
      counts.unchanged++;
      // Same content from a new source form: remember the form, so its next import is fast.
      if (row.sourceHash === null) return;
    } else counts.updated++;
    if (!write) return;
    writes.set(mapKey, row);
    stored.set(mapKey, { hash: row.hash, sourceHash: row.sourceHash });
  });
  return { counts, writes: [...writes.values()] };
}
