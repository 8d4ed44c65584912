/**
 * One poll: the first pages of the Graph collections in one `$batch`, then service health issues
 * → outages, Intune + Entra devices → today's device snapshots, and (at most once per
 * `defenderIntervalMs`) Defender's export → vulnerabilities and patches. Each part is one batch
 * of records; a part that fails fails the poll (the parts before it stay stored).
 */
import type { Logger } from "pino";
import type { z } from "zod";
import { formatIssuePath } from "../../src/http/index.js";
import { deviceRecord, outageRecord, patchRecord, vulnerabilityRecord } from "../../src/model/schema.js";
import type { ItemRejection, KeyValueState, PollContext, RecordBatch } from "../types.js";
import type { GraphClient, GraphRequest } from "./client.js";
import { trackDefender } from "./defender-history.js";
import { loadExceptions } from "./exceptions.js";
import { entraKeyOf, mapDevice, mapIssue, serviceInScope, snapshotAt } from "./mapper.js";
import type { Endpoint } from "./permissions.js";
import { withQuery } from "./query.js";
import {
  ENTRA_DEVICE_FIELDS,
  type EntraDevice,
  entraDeviceSchema,
  ISSUE_FIELDS,
  MANAGED_DEVICE_FIELDS,
  managedDeviceSchema,
  type Page,
  serviceHealthIssueSchema,
} from "./schema.js";
import { defenderStateKey, parseDefenderState } from "./state.js";

export interface GraphPollDeps {
  client: GraphClient;
  state: KeyValueState;
  /** the connector instance name: the records' `source` */
  source: string;
  graphUrl: string;
  collect: { serviceHealth: boolean; devices: boolean; vulnerabilities: boolean };
  inScope: readonly string[] | undefined;
  /** the contract's time zone: device snapshots are per day there */
  zone: string;
  defenderIntervalMs: number;
  patchTermMs: number;
  /** absolute path of the vulnerability exceptions file, if there is one */
  exceptionsFile: string | undefined;
  now: () => number;
  log?: Logger;
}

type Batch = Omit<RecordBatch, "watermark">;

export async function* pollGraph(deps: GraphPollDeps, context: PollContext): AsyncIterable<RecordBatch> {
  const { client, collect, graphUrl } = deps;
  const signal = context.signal;
  const now = deps.now();
  const requests: GraphRequest[] = [];
  if (collect.serviceHealth) {
    // No `$filter` on service: Graph compares names exactly, and a name written in another case
    // would silently drop every issue of that service; the list is filtered here instead.
    requests.push({
      endpoint: "serviceHealth",
      url: withQuery(`${graphUrl}/admin/serviceAnnouncement/issues`, { $select: ISSUE_FIELDS.join(",") }),
    });
  }
  if (collect.devices) {
    requests.push(
      {
        endpoint: "managedDevices",
        url: withQuery(`${graphUrl}/deviceManagement/managedDevices`, {
          $select: MANAGED_DEVICE_FIELDS.join(","),
        }),
      },
      {
        endpoint: "entraDevices",
        url: withQuery(`${graphUrl}/devices`, { $select: ENTRA_DEVICE_FIELDS.join(","), $top: 999 }),
      },
    );
  }
  const firstPages = await client.firstPages(requests, signal);
  const first = (endpoint: Endpoint): Page => {
    const index = requests.findIndex((request) => request.endpoint === endpoint);
    return firstPages[index] as Page;
  };

  if (collect.serviceHealth) yield await readOutages(deps, first("serviceHealth"), signal);
  if (collect.devices) {
    yield await readDevices(
      deps,
      first("managedDevices"),
      first("entraDevices"),
      snapshotAt(now, deps.zone),
      signal,
    );
  }
  if (collect.vulnerabilities) yield* readDefender(deps, now, signal);
}

async function readOutages(deps: GraphPollDeps, first: Page, signal?: AbortSignal): Promise<Batch> {
  const batch: Batch = { records: [], rejections: [] };
  let outOfScope = 0;
  for await (const items of deps.client.items("serviceHealth", first, signal)) {
    for (const raw of items) {
      const issue = parseItem(serviceHealthIssueSchema, raw, (id) => `service health issue ${id}`, batch);
      if (issue === null) continue;
      if (!serviceInScope(issue.service, deps.inScope)) {
        outOfScope++;
        continue;
      }
      keep(outageRecord, mapIssue(issue, deps.source), `service health issue ${issue.id}`, batch);
    }
  }
  deps.log?.info(
    { connector: deps.source, outages: batch.records.length, outOfScope, rejected: batch.rejections.length },
    "service health read",
  );
  return batch;
}

async function readDevices(
  deps: GraphPollDeps,
  managedFirst: Page,
  entraFirst: Page,
  at: string,
  signal?: AbortSignal,
): Promise<Batch> {
  const batch: Batch = { records: [], rejections: [] };
  const entra = new Map<string, EntraDevice>();
  for await (const items of deps.client.items("entraDevices", entraFirst, signal)) {
    for (const raw of items) {
      const device = parseItem(entraDeviceSchema, raw, (id) => `Entra device ${id}`, batch);
      const key = device?.deviceId?.trim().toLowerCase();
      if (device != null && key) entra.set(key, device);
    }
  }
  let neverSynced = 0;
  for await (const items of deps.client.items("managedDevices", managedFirst, signal)) {
    for (const raw of items) {
      const device = parseItem(managedDeviceSchema, raw, (id) => `managed device ${id}`, batch);
      if (device === null) continue;
      const key = entraKeyOf(device);
      const record = mapDevice(device, key === null ? undefined : entra.get(key), at, deps.source);
      if (record.lastSyncAt === null) neverSynced++;
      keep(deviceRecord, record, `managed device ${device.id}`, batch);
    }
  }
  deps.log?.info(
    {
      connector: deps.source,
      devices: batch.records.length,
      neverSynced,
      at,
      rejected: batch.rejections.length,
    },
    "devices read",
  );
  return batch;
}

/**
 * Defender at most once per interval: its data changes a few times a day and the export is large.
 * The new history is stored only after the records were: code after a `yield` runs when the sync
 * asks for the next batch, which it does once the batch is stored. A failed store leaves the old
 * history, so the next read finds the same changes again.
 */
async function* readDefender(
  deps: GraphPollDeps,
  now: number,
  signal?: AbortSignal,
): AsyncIterable<RecordBatch> {
  const key = defenderStateKey(deps.source);
  const previous = parseDefenderState(await deps.state.getMeta(key), deps.source);
  if (previous.readAt !== null && now - Date.parse(previous.readAt) < deps.defenderIntervalMs) {
    deps.log?.debug({ connector: deps.source, lastRead: previous.readAt }, "Defender read recently; skipped");
    return;
  }
  const exceptions =
    deps.exceptionsFile === undefined ? [] : await loadExceptions(deps.exceptionsFile, deps.source);
  const machines = new Map<string, { lastSeen: number | null }>();
  for await (const page of deps.client.machines(signal)) {
    for (const machine of page)
      machines.set(machine.id.toLowerCase(), { lastSeen: machine.lastSeen ?? null });
  }
  const rows = [];
  for await (const page of deps.client.vulnerabilityRows(signal)) rows.push(...page);
  const result = trackDefender(
    previous,
    { rows, machines, readAt: now },
    { source: deps.source, patchTermMs: deps.patchTermMs, exceptions },
  );
  const batch: Batch = { records: [], rejections: [] };
  for (const record of result.records) {
    const item = `${record.kind} ${record.id}`;
    if (record.kind === "vulnerability") keep(vulnerabilityRecord, record, item, batch);
    else keep(patchRecord, record, item, batch);
  }
  deps.log?.info(
    {
      connector: deps.source,
      machines: machines.size,
      rows: rows.length,
      exceptions: exceptions.length,
      ...result.counts,
    },
    "Defender read",
  );
  yield batch;
  await deps.state.setMeta(key, JSON.stringify(result.state));
}

/** A remote item checked against its schema, or null with a rejection naming it. */
function parseItem<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  name: (id: string) => string,
  batch: Batch,
): T | null {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const { id, deviceId } = (typeof raw === "object" && raw !== null ? raw : {}) as {
    id?: unknown;
    deviceId?: unknown;
  };
  const known = [id, deviceId].find((value) => typeof value === "string") as string | undefined;
  batch.rejections.push(reject(name(known ?? "(without id)"), parsed.error.issues));
  return null;
}

/** A mapped record checked against the canonical model: stored, or rejected with the reason. */
function keep(schema: z.ZodType, record: unknown, item: string, batch: Batch): void {
  const parsed = schema.safeParse(record);
  if (parsed.success) batch.records.push(parsed.data as RecordBatch["records"][number]);
  else batch.rejections.push(reject(item, parsed.error.issues));
}

function reject(
  item: string,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): ItemRejection {
  const [first] = issues;
  return {
    item,
    reason: first === undefined ? "invalid" : `${formatIssuePath(first.path)}: ${first.message}`,
  };
}
