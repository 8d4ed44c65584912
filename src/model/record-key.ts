import type { CanonicalRecord } from "./schema.js";

/**
 * The identity under which a record is upserted: (kind, source, key). Kinds with an `id` use it;
 * the others use their natural key, so a re-import of the same export replaces, never duplicates.
 * Device records are snapshots: one per device per snapshot time.
 */
export function recordKey(record: CanonicalRecord): string {
  switch (record.kind) {
    case "ticket":
    case "vulnerability":
    case "security-exception":
    case "improvement":
      return record.id;
    case "device":
      return `${record.id}@${record.at}`;
    case "patch":
      return record.id ?? `${record.asset}|${record.patch}`;
    case "outage":
      return record.id ?? `${record.service}|${record.location ?? ""}|${record.start}`;
    case "backup-run":
      return record.id ?? `${record.job}|${record.scheduledAt}`;
    case "restore-test":
      return record.id ?? String(record.at);
    case "eol-item":
      return record.id ?? record.asset;
    case "evidence":
      return record.id ?? `${record.kpi}|${record.at}|${record.what}`;
  }
}

/** The source a record belongs to: its own, or the connector instance that delivered it. */
export function recordSource(record: CanonicalRecord, connectorName: string): string {
  return record.source ?? connectorName;
}
