/** A TOPdesk connector against nock, with an in-memory SQLite store and recorded retry waits. */
import nock from "nock";
import { createTopdeskConnector, type TopdeskConnectorDeps } from "../../../connectors/topdesk/index.js";
import { describeTopdeskError, INCIDENT_FIELDS } from "../../../connectors/topdesk/schema.js";
import { topdeskConnectorSchema } from "../../../src/config/schema/topdesk.js";
import { createHttpClient } from "../../../src/http/index.js";
import { SqliteStore } from "../../../src/store/sqlite-store.js";
import { fixture } from "./fixtures.js";

export const ORIGIN = "https://example.topdesk.net";
export const API = "/tas/api";
export const PASSWORD = "app-pw-Zq8!secret";
/** The sync runs at noon on 2 March 2026; 13 months back is the backfill horizon. */
export const NOW = Date.parse("2026-03-02T12:00:00Z");
export const BACKFILL_FROM = "2025-02-02T12:00:00Z";

export function topdeskConfig(overrides: Record<string, unknown> = {}) {
  return topdeskConnectorSchema.parse({
    type: "topdesk",
    name: "topdesk",
    baseUrl: `${ORIGIN}${API}`,
    username: "api-user",
    password: PASSWORD,
    pageSize: 2,
    changes: false,
    automationAccounts: ["SLA-bot"],
    pauseStatuses: { "Waiting for customer": "customer" },
    ticketTypes: { callTypes: { Disruption: "incident" } },
    writeback: {
      fields: {
        slaStatus: "optionalFields1.text1",
        resolutionDue: "optionalFields1.date2",
        remainingMinutes: "optionalFields1.number1",
      },
    },
    ...overrides,
  });
}

export async function memoryStore(): Promise<SqliteStore> {
  const store = SqliteStore.open(":memory:");
  await store.migrate();
  return store;
}

export function makeConnector(
  store: SqliteStore | undefined,
  overrides: Record<string, unknown> = {},
  deps: TopdeskConnectorDeps = {},
) {
  const waits: number[] = [];
  const http = createHttpClient({
    baseDelayMs: 1,
    timeoutMs: 100,
    describeErrorBody: describeTopdeskError,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  const connector = createTopdeskConnector(topdeskConfig(overrides), {
    http,
    now: () => NOW,
    ...(store !== undefined && { state: store }),
    ...deps,
  });
  return { connector, waits };
}

export const tas = () => nock(ORIGIN);

/** The FIQL list request for `since`, as the connector sends it. */
export function listQuery(since: string, pageStart = 0, pageSize = 2) {
  return {
    query: `modificationDate=ge=${since}`,
    sort: "modificationDate:asc,id:asc",
    all: "true",
    pageStart: String(pageStart),
    pageSize: String(pageSize),
    fields: INCIDENT_FIELDS.join(","),
  };
}

export function mockVersion(name = "version-current"): void {
  tas().get(`${API}/version`).reply(200, fixture(name));
}

export function mockTrail(incidentId: string, name = "progresstrail-empty"): void {
  tas()
    .get(`${API}/incidents/id/${incidentId}/progresstrail`)
    .query({ start: "0", page_size: "100" })
    .reply(200, fixture(name));
}

export const ID = {
  A: "00000000-0000-4000-8000-00000000000a",
  B: "00000000-0000-4000-8000-00000000000b",
  C: "00000000-0000-4000-8000-00000000000c",
  D: "00000000-0000-4000-8000-00000000000d",
  H: "00000000-0000-4000-8000-0000000000e1",
} as const;
