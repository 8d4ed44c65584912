/**
 * One incremental poll of TOPdesk incidents (shared/apis/topdesk.md §2.5): ask the REST API
 * version, then read incidents modified since the watermark in ascending order, page by page;
 * for each, its progress trail and its stored history; map; yield a batch per page with the
 * watermark after it. The sync stores the batch before it persists that watermark.
 */
import { DateTime } from "luxon";
import type { Logger } from "pino";
import { BadRequestHttpError, formatIssuePath } from "../../src/http/index.js";
import { mapLimit } from "../../src/http/map-limit.js";
import { parseInstant } from "../../src/model/instant.js";
import { ticketRecord } from "../../src/model/schema.js";
import type { ItemRejection, PollContext, RecordBatch } from "../types.js";
import type { TopdeskClient } from "./client.js";
import { type MapperOptions, mapIncident, type UnknownValue } from "./mapper.js";
import type { TopdeskIncident } from "./schema.js";
import { incidentStateKey, type KeyValueState, parseHistoryState } from "./state.js";
import {
  advanceWatermark,
  alreadyStored,
  decodeWatermark,
  encodeWatermark,
  fiqlTime,
  type IncidentWatermark,
} from "./watermark.js";

export interface PollDeps {
  client: TopdeskClient;
  state: KeyValueState;
  mapper: MapperOptions;
  pageSize: number;
  backfillMonths: number;
  now: () => number;
  log?: Logger;
}

/**
 * FIQL `query=` on /incidents came with REST API 3.4.0 per the XSOAR readme, 3.3.0 per its code
 * (§1.4): from 3.4 we use it, below 3.3 the legacy day filter, and in between we try FIQL and fall
 * back when the server answers 400.
 */
export type QueryStyle = "fiql" | "fiql-or-legacy" | "legacy";

export function queryStyle(version: string): QueryStyle {
  const parts = /^(\d+)\.(\d+)/.exec(version.trim());
  if (parts === null) return "fiql"; // unreadable: assume a current tenant
  const [major, minor] = [Number(parts[1]), Number(parts[2])];
  if (major > 3 || (major === 3 && minor >= 4)) return "fiql";
  return major === 3 && minor === 3 ? "fiql-or-legacy" : "legacy";
}

type Row = { id: string; at: string; incident: TopdeskIncident };

export async function* pollIncidents(deps: PollDeps, context: PollContext): AsyncIterable<RecordBatch> {
  const { client, log } = deps;
  const name = deps.mapper.source;
  const version = await client.version(context.signal);
  const style = queryStyle(version);
  const start: IncidentWatermark =
    context.watermark === null
      ? { at: backfillStart(deps.now(), deps.backfillMonths), ids: [] }
      : decodeWatermark(context.watermark, name);
  log?.info({ connector: name, version, style, since: start.at }, "polling TOPdesk incidents");
  const report = unknownReporter(name, log);
  if (style === "legacy") {
    yield* legacyPoll(deps, start, context.signal, report);
    return;
  }
  try {
    yield* fiqlPoll(deps, start, context.signal, report);
  } catch (error) {
    // Only before anything was yielded: fiqlPoll rethrows a 400 of a later page itself.
    if (style !== "fiql-or-legacy" || !(error instanceof FirstPageRefused)) throw unwrap(error);
    log?.warn({ connector: name, version }, "TOPdesk refused the FIQL query; using the legacy date filter");
    yield* legacyPoll(deps, start, context.signal, report);
  }
}

class FirstPageRefused extends Error {
  constructor(readonly original: unknown) {
    super("first page refused");
  }
}
const unwrap = (error: unknown) => (error instanceof FirstPageRefused ? error.original : error);

async function* fiqlPoll(
  deps: PollDeps,
  start: IncidentWatermark,
  signal: AbortSignal | undefined,
  report: Reporter,
): AsyncIterable<RecordBatch> {
  let watermark = start;
  // 0 normally: the rows at the watermark's second come first and are skipped by id, which also
  // catches one modified in that second after the last read. Only when a whole page is rows
  // already stored (more than a page share one second) does the offset skip them.
  let pageStart = 0;
  for (let first = true; ; first = false) {
    let page: Awaited<ReturnType<TopdeskClient["incidentsModifiedSince"]>>;
    try {
      page = await deps.client.incidentsModifiedSince(
        fiqlTime(watermark.at),
        pageStart,
        deps.pageSize,
        signal,
      );
    } catch (error) {
      throw first && error instanceof BadRequestHttpError ? new FirstPageRefused(error) : error;
    }
    if (page.status === 204 || page.incidents.length === 0) return;
    const rows = page.incidents.map(toRow);
    const next = advanceWatermark(watermark, rows);
    const fresh = rows.filter((row) => !alreadyStored(watermark, row));
    if (fresh.length > 0)
      yield { ...(await mapRows(fresh, deps, signal, report)), watermark: encodeWatermark(next) };
    if (page.status !== 206) return;
    if (fresh.length === 0) {
      if (pageStart === watermark.ids.length) {
        throw new Error(
          `connector "${deps.mapper.source}" (topdesk): paging made no progress at modificationDate ${watermark.at}`,
        );
      }
      pageStart = watermark.ids.length;
    } else {
      pageStart = 0;
    }
    watermark = next;
  }
}

/** Old REST APIs: whole-day filter in the account's zone, no sort; read all, then order here. */
async function* legacyPoll(
  deps: PollDeps,
  start: IncidentWatermark,
  signal: AbortSignal | undefined,
  report: Reporter,
): AsyncIterable<RecordBatch> {
  // A day earlier than the watermark's UTC date covers any account time zone.
  const day = new Date(Date.parse(start.at) - 86_400_000).toISOString().slice(0, 10);
  const latest = new Map<string, Row>();
  for (let offset = 0; ; offset += deps.pageSize) {
    const page = await deps.client.incidentsModifiedSinceDay(day, offset, deps.pageSize, signal);
    for (const row of page.incidents.map(toRow)) {
      const seen = latest.get(row.id);
      if (seen === undefined || row.at > seen.at) latest.set(row.id, row);
    }
    if (page.status !== 206 || page.incidents.length === 0) break;
  }
  const rows = [...latest.values()]
    .filter((row) => !alreadyStored(start, row))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  let watermark = start;
  for (let i = 0; i < rows.length; i += deps.pageSize) {
    const chunk = rows.slice(i, i + deps.pageSize);
    watermark = advanceWatermark(watermark, chunk);
    yield { ...(await mapRows(chunk, deps, signal, report)), watermark: encodeWatermark(watermark) };
  }
}

/**
 * Maps a page: progress trails fetched a few at a time (the HTTP client bounds them per host as
 * well), history read and written per incident. History is written before the batch is stored:
 * it is cumulative and a version already seen changes nothing, so a batch fetched again after a
 * failure maps to the same tickets.
 */
async function mapRows(
  rows: readonly Row[],
  deps: PollDeps,
  signal: AbortSignal | undefined,
  report: Reporter,
): Promise<Omit<RecordBatch, "watermark">> {
  const batch: Omit<RecordBatch, "watermark"> = { records: [], rejections: [] };
  const results = await mapLimit(rows, 4, async (row) => {
    const key = incidentStateKey(deps.mapper.source, row.id);
    const [trail, stored] = await Promise.all([
      deps.client.progressTrail(row.id, signal),
      deps.state.getMeta(key),
    ]);
    const result = mapIncident(row.incident, trail, parseHistoryState(stored), deps.mapper);
    if (result.kind === "ticket") {
      const next = JSON.stringify(result.state);
      // A closed incident's history goes with the ticket when retention removes it.
      const closedAt = result.state.last.closedAt;
      const expiresAt = closedAt === null ? null : Date.parse(closedAt);
      if (next !== stored) await deps.state.setMeta(key, next, { expiresAt });
    }
    return result;
  });
  for (const [index, result] of results.entries()) {
    const item = `incident ${(rows[index] as Row).incident.number}`;
    for (const unknown of result.unknowns) report(unknown, item);
    if (result.kind === "rejected") batch.rejections.push({ item, reason: result.reason });
    if (result.kind !== "ticket") continue;
    const parsed = ticketRecord.safeParse(result.ticket);
    if (parsed.success) batch.records.push(parsed.data);
    else batch.rejections.push(describeInvalid(item, parsed.error.issues));
  }
  return batch;
}

function describeInvalid(
  item: string,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): ItemRejection {
  const [first] = issues;
  return {
    item,
    reason: first === undefined ? "invalid ticket" : `${formatIssuePath(first.path)}: ${first.message}`,
  };
}

type Reporter = (unknown: UnknownValue, item: string) => void;

/** Each unmapped value is logged once per poll, with the first incident that had it. */
function unknownReporter(connector: string, log: Logger | undefined): Reporter {
  const seen = new Set<string>();
  return (unknown, item) => {
    const key = `${unknown.field}\u0000${unknown.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    log?.warn(
      { connector, field: unknown.field, value: unknown.value, example: item },
      "TOPdesk value not mapped",
    );
  };
}

function toRow(incident: TopdeskIncident): Row {
  return {
    id: incident.id,
    at: new Date(parseInstant(incident.modificationDate) as number).toISOString(),
    incident,
  };
}

/** `months` calendar months before `now`, in UTC. */
export function backfillStart(now: number, months: number): string {
  // luxon clamps to the month's end (31 March minus one month is 28/29 February).
  return DateTime.fromMillis(now, { zone: "utc" }).minus({ months }).toUTC().toISO() as string;
}
