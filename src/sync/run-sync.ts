/**
 * One sync cycle's storing half: poll every connector, store what it yields in bounded
 * transactions, advance its watermark only behind what is stored, and say what happened. Pure
 * orchestration: the CLI opens the store and builds the connectors from the config.
 */
import type { Logger } from "pino";
import type { Connector, Rejection } from "../../connectors/types.js";
import type { CanonicalRecord } from "../model/schema.js";
import type { IncomingRecord, Store, UpsertCounts } from "../store/types.js";

export interface SyncOptions {
  store: Store;
  connectors: readonly Connector[];
  /** read and validate everything, compare with the store, write nothing (not even watermarks) */
  dryRun?: boolean;
  log?: Logger;
  /** records per store transaction; default 5,000 */
  batchSize?: number;
  /** rejections listed per connector (all are counted); default 20 */
  rejectionsListed?: number;
  /** stops between batches, e.g. on SIGTERM; what was stored stays stored */
  signal?: AbortSignal;
}

export interface ConnectorSyncSummary {
  name: string;
  type: string;
  /** records and rejected items the connector delivered: inserted + updated + unchanged + rejected */
  read: number;
  /** in a dry run: what would have been inserted, updated, left unchanged */
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** the first `rejectionsListed` rejections, in input order */
  rejections: Rejection[];
  /** why this connector's sync stopped; the batches stored before it stay stored */
  error?: string;
}

export interface SyncSummary {
  dryRun: boolean;
  /** false when any connector failed; the CLI then exits 1 */
  ok: boolean;
  connectors: ConnectorSyncSummary[];
}

/** The store meta key under which a connector instance's watermark is kept. */
export function watermarkKey(connectorName: string): string {
  return `connector:${connectorName}:watermark`;
}

/**
 * Syncs every connector in turn. A failing connector is reported in its summary (and `ok` is
 * false) but does not stop the others: a TOPdesk outage should not hold back the Graph data.
 */
export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const summaries: ConnectorSyncSummary[] = [];
  for (const connector of options.connectors) {
    const summary = emptySummary(connector);
    summaries.push(summary);
    try {
      await syncConnector(connector, summary, options);
      options.log?.info({ ...counted(summary), dryRun: options.dryRun === true }, "connector synced");
    } catch (error) {
      summary.error = error instanceof Error ? error.message : String(error);
      options.log?.error({ ...counted(summary), error: summary.error }, "connector sync failed");
    }
  }
  return {
    dryRun: options.dryRun === true,
    ok: summaries.every((s) => s.error === undefined),
    connectors: summaries,
  };
}

async function syncConnector(
  connector: Connector,
  summary: ConnectorSyncSummary,
  options: SyncOptions,
): Promise<void> {
  const { store, signal } = options;
  const batchSize = options.batchSize ?? 5_000;
  const listed = options.rejectionsListed ?? 20;
  const watermark = await store.getMeta(watermarkKey(connector.name));
  for await (const batch of connector.poll({ watermark, signal })) {
    signal?.throwIfAborted();
    summary.read += batch.records.length + batch.rejections.length;
    summary.rejected += batch.rejections.length;
    for (const rejection of batch.rejections) {
      if (summary.rejections.length >= listed) break;
      summary.rejections.push(rejection);
    }
    // A connector batch larger than `batchSize` is split, so a transaction never grows unbounded.
    for (let start = 0; start < batch.records.length; start += batchSize) {
      const chunk: IncomingRecord[] = [];
      for (let i = start; i < Math.min(start + batchSize, batch.records.length); i++) {
        const record = batch.records[i] as CanonicalRecord;
        chunk.push({ connector: connector.name, record, sourceHash: batch.sourceHashes?.[i] });
      }
      add(summary, options.dryRun === true ? await store.preview(chunk) : await store.upsert(chunk));
    }
    // Only now is every record up to this batch stored; a crash before this line means the batch
    // is fetched again next time, which the upsert absorbs as unchanged.
    if (options.dryRun !== true && batch.watermark !== undefined) {
      await store.setMeta(watermarkKey(connector.name), batch.watermark);
    }
  }
}

function emptySummary(connector: Connector): ConnectorSyncSummary {
  return {
    name: connector.name,
    type: connector.type,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejections: [],
  };
}

function add(summary: ConnectorSyncSummary, counts: UpsertCounts): void {
  summary.inserted += counts.inserted;
  summary.updated += counts.updated;
  summary.unchanged += counts.unchanged;
}

/** The summary's figures without the rejection list, for a log line. */
function counted({ rejections: _listed, name, ...figures }: ConnectorSyncSummary) {
  return { connector: name, ...figures };
}
