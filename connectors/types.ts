/**
 * What every connector is to the sync: a named source that, polled, yields batches of canonical
 * records. Fetching, paging and mapping stay inside the connector; storing, counting and
 * watermark bookkeeping stay in `src/sync/run-sync.ts`, so every connector gets them the same way.
 */
import type { Logger } from "pino";
import type { z } from "zod";
import type { HttpClient } from "../src/http/index.js";
import type { CanonicalRecord } from "../src/model/schema.js";

/** A line of an input file that is not a valid canonical record. */
export interface FileRejection {
  file: string;
  /** 1-based, counting blank lines, so an editor's "go to line" finds it */
  line: number;
  reason: string;
}

/** A remote item that could not be mapped, named the way the source names it (e.g. `incident I2603-0042`). */
export interface ItemRejection {
  item: string;
  reason: string;
}

export type Rejection = FileRejection | ItemRejection;

/** One line per rejection for people: `records.jsonl:12: events[3].at: …` or `incident I1: …`. */
export function describeRejection(rejection: Rejection): string {
  if ("file" in rejection) return `${rejection.file}:${rejection.line}: ${rejection.reason}`;
  return `${rejection.item}: ${rejection.reason}`;
}

export interface RecordBatch {
  records: CanonicalRecord[];
  /**
   * Optional, one per record: a hash of the record's source form that changes whenever the
   * record could (its raw text and the version that mapped it). The store then recognises an
   * unchanged record without serialising it again. Omit it when there is no cheap source form.
   */
  sourceHashes?: string[];
  rejections: Rejection[];
  /**
   * Where to resume next time, persisted by the sync once this batch and every earlier one are
   * stored (never before: a failed batch is fetched again). Absent: the watermark stays as it is.
   */
  watermark?: string;
}

export interface PollContext {
  /** the last persisted watermark of this connector instance; null on its first sync */
  watermark: string | null;
  /** aborts a poll in progress (daemon shutdown) */
  signal?: AbortSignal;
}

export interface Connector {
  /** the instance name from the config (`connectors[].name`); the default `source` of its records */
  readonly name: string;
  /** the connector type id, a key of the registry */
  readonly type: string;
  /**
   * Reads what changed since `context.watermark` (or everything a full-export source holds) as
   * batches of bounded size. A failure to fetch throws: a partial sync must never look complete.
   */
  poll(context: PollContext): AsyncIterable<RecordBatch>;
}

/** The fields every `connectors:` entry of the YAML has. */
export interface ConnectorConfigBase {
  name: string;
  type: string;
}

/** What a connector may need from its surroundings, passed in rather than read from globals. */
export interface ConnectorDeps {
  /** folder relative paths in the connector's config are resolved against (the config file's) */
  baseDir?: string;
  log?: Logger;
  /**
   * Small persistent state beside the records (the store's meta table): what a source without a
   * change history needs to reconstruct one between polls. A dry run passes a copy-on-write view.
   */
  state?: KeyValueState;
  /** the shared HTTP pipeline, so every connector gets the same limits, retries and error classes */
  http?: HttpClient;
  /** the contract's time zone (`contract.serviceWindow.timezone`), for day-based snapshots */
  zone?: string;
}

/** The part of the store a connector may keep its own state in. */
export interface KeyValueState {
  getMeta(key: string): Promise<string | null>;
  /** `expiresAt`: the store's retention may drop the entry after then (a closed ticket's state) */
  setMeta(key: string, value: string, options?: { expiresAt?: number | null }): Promise<void>;
}

/** One connector type: how its config entry looks and how to build an instance from it. */
export interface ConnectorDefinition<Config extends ConnectorConfigBase = ConnectorConfigBase> {
  configSchema: z.ZodType<Config>;
  create(config: Config, deps?: ConnectorDeps): Connector;
}
