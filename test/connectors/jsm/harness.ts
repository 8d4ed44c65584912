/** A JSM connector against nock, with an in-memory state and recorded retry waits. */
import nock from "nock";
import { createJsmConnector, type JsmConnectorDeps } from "../../../connectors/jsm/index.js";
import { describeJsmError } from "../../../connectors/jsm/schema.js";
import { memoryState } from "../../../connectors/state.js";
import { jsmConnectorSchema } from "../../../src/config/schema/jsm.js";
import { createHttpClient } from "../../../src/http/index.js";
import { fixture } from "./fixtures.js";

export const SITE = "https://example.atlassian.net";
export const DC_ORIGIN = "https://jira.example.org";
export const DC_PATH = "/jira";
export const EMAIL = "sla-sentinel@example.nl";
export const TOKEN = "ATATT3xFfGF0-secret-token-Zq8";
export const PAT = "NjQ3MzE2-secret-pat-Yx7";
/** The sync runs at noon (UTC) on Friday 6 March 2026; 13 months back is the backfill horizon. */
export const NOW = Date.parse("2026-03-06T12:00:00Z");
/** 2025-02-06T12:00Z in Amsterdam (+01:00), as the first poll's JQL writes it. */
export const BACKFILL_JQL =
  'project in ("ITS") AND updated >= "2025-02-06 13:00" ORDER BY updated ASC, key ASC';

export const CLOUD_FIELDS = [
  "summary",
  "issuetype",
  "priority",
  "status",
  "assignee",
  "reporter",
  "created",
  "updated",
  "resolution",
  "resolutiondate",
  "customfield_10010", // request type
  "customfield_10020", // satisfaction
  "customfield_10050", // major incident
  "customfield_10001", // team
  "customfield_10060", // location (configured)
  "customfield_10016", // request participants
].join(",");

export function cloudConfig(overrides: Record<string, unknown> = {}) {
  return jsmConnectorSchema.parse({
    type: "jsm",
    name: "jira",
    baseUrl: SITE,
    email: EMAIL,
    token: TOKEN,
    project: "ITS",
    automationAccounts: ["Statuspage bot"],
    priorities: { Highest: "P1", High: "P2", Medium: "P3", Low: "P4" },
    pauseStatuses: { "Waiting for customer": "customer", "Waiting for vendor": "third-party" },
    ticketTypes: { requestTypes: { "Report a security incident": "security-incident" } },
    fields: { location: "customfield_10060" },
    writeback: {
      fields: {
        slaStatus: "customfield_10101",
        resolutionDue: "customfield_10102",
        remainingMinutes: "customfield_10103",
      },
    },
    ...overrides,
  });
}

export function dcConfig(overrides: Record<string, unknown> = {}) {
  return jsmConnectorSchema.parse({
    type: "jsm",
    name: "jira-dc",
    deployment: "datacenter",
    baseUrl: `${DC_ORIGIN}${DC_PATH}`,
    token: PAT,
    project: "ITS",
    priorities: { Highest: "P1", High: "P2", Medium: "P3", Low: "P4" },
    pauseStatuses: { "Waiting for customer": "customer" },
    ...overrides,
  });
}

/** The connector with its own HTTP client (Jira error bodies described), 1 ms backoff, waits recorded. */
export function makeConnector(
  config: ReturnType<typeof cloudConfig> = cloudConfig(),
  deps: JsmConnectorDeps = {},
  http: { describeErrors?: boolean; retries?: number } = {},
) {
  const waits: number[] = [];
  const state = memoryState();
  const client = createHttpClient({
    baseDelayMs: 1,
    // generous: a loaded test machine must not turn a slow mock into a retry (no test here times out)
    timeoutMs: 10_000,
    retries: http.retries ?? 4,
    ...(http.describeErrors !== false && { describeErrorBody: describeJsmError }),
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  const connector = createJsmConnector(config, { http: client, now: () => NOW, state, pageSize: 2, ...deps });
  return { connector, waits, state };
}

export const cloud = () => nock(SITE);
export const dc = () => nock(DC_ORIGIN);

const API3 = "/rest/api/3";

export function mockSession(fields = "field-cloud"): void {
  cloud().get(`${API3}/myself`).reply(200, fixture("myself-cloud"));
  cloud().get(`${API3}/field`).reply(200, fixture(fields));
}

export function mockSearch(jql: string, page: string, nextPageToken?: string, fields = CLOUD_FIELDS): void {
  cloud()
    .get(`${API3}/search/jql`)
    .query({ jql, fields, maxResults: "2", ...(nextPageToken && { nextPageToken }) })
    .reply(200, fixture(page));
}

export const BULK_FIELDS = [
  "assignee",
  "status",
  "priority",
  "resolution",
  "customfield_10001",
  "customfield_10050",
];

export function mockBulk(ids: string[], page: string, nextPageToken?: string): void {
  cloud()
    .post(`${API3}/changelog/bulkfetch`, {
      issueIdsOrKeys: ids,
      fieldIds: BULK_FIELDS,
      maxResults: 1000,
      ...(nextPageToken && { nextPageToken }),
    })
    .reply(200, fixture(page));
}

/** Comments and SLA of one request (the service-desk API pages start=0, limit=100). */
export function mockRequest(
  key: string,
  { comments = "comments-empty", sla = "sla-empty" }: { comments?: string; sla?: string } = {},
): void {
  cloud()
    .get(`/rest/servicedeskapi/request/${key}/comment`)
    .query({ start: "0", limit: "100" })
    .reply(200, fixture(comments));
  cloud()
    .get(`/rest/servicedeskapi/request/${key}/sla`)
    .query({ start: "0", limit: "100" })
    .reply(200, fixture(sla));
}
