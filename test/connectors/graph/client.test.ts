import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { createGraphClient } from "../../../connectors/graph/client.js";
import { GraphAccessError } from "../../../connectors/graph/errors.js";
import { describeGraphError } from "../../../connectors/graph/schema.js";
import { createTokenProvider, scopesFor } from "../../../connectors/graph/token.js";
import { createHttpClient, MalformedResponseError } from "../../../src/http/index.js";
import { useNock } from "../../http/nock-harness.js";
import {
  CLIENT_ID,
  DEFENDER,
  DEFENDER_SCOPE,
  EXPORT,
  FIRST,
  fixture,
  GRAPH,
  GRAPH_SCOPE,
  getExact,
  LOGIN,
  MACHINES,
  mockBatch,
  mockToken,
  NOW,
  SECRET,
  TENANT,
  tokenRequests,
} from "./harness.js";

useNock();
beforeEach(() => {
  tokenRequests.length = 0;
});

/** The client over the shared pipeline, as the sync builds it (no error-body describer). */
function makeClient(options: { describe?: boolean } = {}) {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  const http = createHttpClient({
    baseDelayMs: 1,
    timeoutMs: 2_000,
    sleep,
    now: () => NOW,
    ...(options.describe === true && { describeErrorBody: describeGraphError }),
  });
  const tokens = createTokenProvider({
    connector: "m365",
    tenantId: TENANT,
    clientId: CLIENT_ID,
    credential: { kind: "secret", secret: SECRET },
    loginUrl: LOGIN,
    scopes: scopesFor(`${GRAPH}/v1.0`, DEFENDER),
  });
  const client = createGraphClient({
    connector: "m365",
    graphUrl: `${GRAPH}/v1.0`,
    defenderUrl: DEFENDER,
    http,
    tokens,
    sleep,
    now: () => NOW,
  });
  return { client, waits };
}

const managedUrl = `${GRAPH}/v1.0${FIRST.managed}`;
const nextLinks = [2, 3].map((n) => {
  const link = fixture<{ "@odata.nextLink": string }>(`managedDevices-page${n - 1}`)["@odata.nextLink"];
  return link.slice(GRAPH.length);
});

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const ids = (pages: unknown[][]) => pages.map((page) => page.map((item) => (item as { id: string }).id));

describe("paging", () => {
  it("follows @odata.nextLink verbatim over three pages", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    getExact(GRAPH, `/v1.0${FIRST.managed}`, "g1").reply(200, fixture("managedDevices-page1"));
    getExact(GRAPH, nextLinks[0] as string, "g1").reply(200, fixture("managedDevices-page2"));
    getExact(GRAPH, nextLinks[1] as string, "g1").reply(200, fixture("managedDevices-page3"));
    const { client } = makeClient();
    expect(ids(await collect(client.items("managedDevices", managedUrl)))).toEqual([
      ["3f2c9a71-5d0e-4b8e-9c1a-7e55b0d4a201", "91d47be2-0c5a-4f61-a3e8-2b6f8d90e3c4"],
      ["5a0e7c44-8b1d-4e2f-a3b4-c5d6e7f80912", "c0ffee00-1d2e-4f3a-8b9c-0d1e2f3a4b5c"],
      ["7e7e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "8f8f2b3c-4d5e-4f6a-9b0c-1d2e3f4a5b6c"],
    ]);
  });

  it("waits as long as a 429's Retry-After asks, then goes on", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    getExact(GRAPH, `/v1.0${FIRST.managed}`, "g1").reply(200, fixture("managedDevices-page1"));
    getExact(GRAPH, nextLinks[0] as string, "g1").reply(429, fixture("graph-429"), { "Retry-After": "7" });
    getExact(GRAPH, nextLinks[0] as string, "g1").reply(200, fixture("managedDevices-page2"));
    getExact(GRAPH, nextLinks[1] as string, "g1").reply(200, fixture("managedDevices-page3"));
    const { client, waits } = makeClient();
    expect(await collect(client.items("managedDevices", managedUrl))).toHaveLength(3);
    expect(waits).toEqual([7_000]);
  });

  it("gives up on a 429 asking for longer than the pipeline waits, with a transient error", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    getExact(GRAPH, `/v1.0${FIRST.managed}`, "g1").reply(429, fixture("graph-429"), { "Retry-After": "600" });
    const { client, waits } = makeClient();
    await expect(collect(client.items("managedDevices", managedUrl))).rejects.toThrow(
      /429.*asked to retry after 600 s, longer than the 60 s this client waits/,
    );
    expect(waits).toEqual([]);
  });

  it("refuses a nextLink to another host (the bearer token would go with it)", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    getExact(GRAPH, `/v1.0${FIRST.managed}`, "g1").reply(200, {
      value: [],
      "@odata.nextLink": "https://graph.example.net/v1.0/deviceManagement/managedDevices?$skiptoken=x",
    });
    const { client } = makeClient();
    const error = await collect(client.items("managedDevices", managedUrl)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toContain(
      "refused to follow a link to another host (https://graph.example.net)",
    );
  });

  it("stops when a page points at itself again", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    const loop = `${GRAPH}/v1.0/devices?$skiptoken=same`;
    getExact(GRAPH, `/v1.0${FIRST.entra}`, "g1").reply(200, { value: [], "@odata.nextLink": loop });
    getExact(GRAPH, "/v1.0/devices?$skiptoken=same", "g1").reply(200, { value: [], "@odata.nextLink": loop });
    const { client } = makeClient();
    await expect(collect(client.items("entraDevices", `${GRAPH}/v1.0${FIRST.entra}`))).rejects.toThrow(
      "paging made no progress",
    );
  });
});

describe("401 and 403", () => {
  it("renews the token once after a 401 (expired token) and repeats the request", async () => {
    mockToken(GRAPH_SCOPE, "g-old");
    mockToken(GRAPH_SCOPE, "g-new");
    getExact(GRAPH, `/v1.0${FIRST.entra}`, "g-old").reply(401, fixture("graph-401-expired"));
    getExact(GRAPH, `/v1.0${FIRST.entra}`, "g-new").reply(200, fixture("devices-page1"));
    const { client } = makeClient();
    expect(await collect(client.items("entraDevices", `${GRAPH}/v1.0${FIRST.entra}`))).toHaveLength(1);
  });

  it("reports a 401 that a renewed token does not cure", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    mockToken(GRAPH_SCOPE, "g2");
    getExact(GRAPH, `/v1.0${FIRST.entra}`, "g1").reply(401, fixture("graph-401-expired"));
    getExact(GRAPH, `/v1.0${FIRST.entra}`, "g2").reply(401, fixture("graph-401-expired"));
    const { client } = makeClient();
    const error = await client
      .page({ endpoint: "entraDevices", url: `${GRAPH}/v1.0${FIRST.entra}` })
      .catch((e) => e);
    expect(error).toBeInstanceOf(GraphAccessError);
    expect((error as Error).message).toBe(
      'connector "m365" (graph): reading Entra ID devices was refused (401 Unauthorized): the token was refused even after renewal: check tenantId, graphUrl and that the app is consented in this tenant; see connectors/graph/README.md',
    );
  });

  it.each([
    [
      "Intune without DeviceManagementManagedDevices.Read.All",
      GRAPH_SCOPE,
      "g1",
      () => getExact(GRAPH, `/v1.0${FIRST.managed}`, "g1").reply(403, fixture("managedDevices-403")),
      (client: ReturnType<typeof makeClient>["client"]) =>
        client.page({ endpoint: "managedDevices", url: managedUrl }),
      'connector "m365" (graph): reading Intune managed devices was refused (403 Forbidden) (Forbidden: Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementManagedDevices.Read.All, DeviceManagementManagedDevices.ReadWrit…): the app registration needs the application permission DeviceManagementManagedDevices.Read.All (Microsoft Graph) with admin consent, or the tenant has no active Intune license; see connectors/graph/README.md',
    ],
    [
      "Defender machines without Machine.Read.All",
      DEFENDER_SCOPE,
      "d1",
      () => getExact(DEFENDER, MACHINES, "d1").reply(403, fixture("machines-403")),
      (client: ReturnType<typeof makeClient>["client"]) => collect(client.machines()),
      'connector "m365" (graph): reading Defender for Endpoint machines was refused (403 Forbidden) (Forbidden: Missing application roles. API required roles: Machine.Read.All, Machine.ReadWrite.All. Application has following roles: Vulnerability.Read.All): the app registration needs the application permission Machine.Read.All (WindowsDefenderATP) with admin consent, or the tenant has no Defender for Endpoint license; see connectors/graph/README.md',
    ],
  ])("names the missing permission: %s", async (_name, scope, token, mock, call, message) => {
    mockToken(scope, token);
    mock();
    const { client } = makeClient({ describe: true });
    const error = await Promise.resolve(call(client)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphAccessError);
    expect((error as Error).message).toBe(message);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it("names the permission of a 403 inside a $batch answer", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    mockBatch(
      [
        { url: FIRST.issues, status: 403, body: { error: { code: "Forbidden", message: "Access denied." } } },
        { url: FIRST.managed, status: 200, body: fixture("managedDevices-page3") },
      ],
      "g1",
    );
    const { client } = makeClient();
    await expect(
      client.firstPages([
        { endpoint: "serviceHealth", url: `${GRAPH}/v1.0${FIRST.issues}` },
        { endpoint: "managedDevices", url: managedUrl },
      ]),
    ).rejects.toThrow(
      'connector "m365" (graph): reading Microsoft 365 service health issues was refused (403 Forbidden) (Forbidden: Access denied.): the app registration needs the application permission ServiceHealth.Read.All (Microsoft Graph) with admin consent; see connectors/graph/README.md',
    );
  });
});

describe("$batch", () => {
  const requests = [
    { endpoint: "serviceHealth", url: `${GRAPH}/v1.0${FIRST.issues}` },
    { endpoint: "managedDevices", url: managedUrl },
    { endpoint: "entraDevices", url: `${GRAPH}/v1.0${FIRST.entra}` },
  ] as const;

  it("asks three first pages in one call", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    mockBatch(
      [
        { url: FIRST.issues, status: 200, body: fixture("issues-page1") },
        { url: FIRST.managed, status: 200, body: fixture("managedDevices-page1") },
        { url: FIRST.entra, status: 200, body: fixture("devices-page1") },
      ],
      "g1",
    );
    const { client } = makeClient();
    const pages = await client.firstPages(requests);
    expect(pages.map((page) => page.value.length)).toEqual([8, 2, 5]);
    expect(pages[1]?.["@odata.nextLink"]).toContain("$skiptoken=");
  });

  it("sends a throttled part again on its own after the longest Retry-After of the answer", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    mockBatch(
      [
        { url: FIRST.issues, status: 429, body: fixture("graph-429"), headers: { "Retry-After": "3" } },
        { url: FIRST.managed, status: 200, body: fixture("managedDevices-page1") },
        { url: FIRST.entra, status: 503, body: {}, headers: { "Retry-After": "5" } },
      ],
      "g1",
    );
    getExact(GRAPH, `/v1.0${FIRST.issues}`, "g1").reply(200, fixture("issues-page1"));
    getExact(GRAPH, `/v1.0${FIRST.entra}`, "g1").reply(200, fixture("devices-page1"));
    const { client, waits } = makeClient();
    const pages = await client.firstPages(requests);
    expect(pages.map((page) => page.value.length)).toEqual([8, 2, 5]);
    expect(waits).toEqual([5_000]);
  });

  it("asks every part on its own when the whole batch is answered 424", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    nock(GRAPH)
      .post("/v1.0/$batch")
      .reply(424, { error: { code: "FailedDependency", message: "throttled" } });
    getExact(GRAPH, `/v1.0${FIRST.issues}`, "g1").reply(200, fixture("issues-page1"));
    getExact(GRAPH, `/v1.0${FIRST.managed}`, "g1").reply(200, fixture("managedDevices-page1"));
    getExact(GRAPH, `/v1.0${FIRST.entra}`, "g1").reply(200, fixture("devices-page1"));
    const { client } = makeClient();
    expect((await client.firstPages(requests)).map((page) => page.value.length)).toEqual([8, 2, 5]);
  });

  it("sends a single first page without $batch", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    getExact(GRAPH, `/v1.0${FIRST.issues}`, "g1").reply(200, fixture("issues-page1"));
    const { client } = makeClient();
    expect(await client.firstPages([requests[0]])).toHaveLength(1);
  });
});

describe("Defender", () => {
  it("reads onboarded machines with a $filter that arrives exactly as written (%20, %27, never +)", async () => {
    mockToken(DEFENDER_SCOPE, "d1");
    getExact(DEFENDER, MACHINES, "d1").reply(200, fixture("machines-day1"));
    const { client } = makeClient();
    const [machines] = await collect(client.machines());
    expect(machines?.map((m) => [m.id.slice(0, 6), m.lastSeen])).toEqual([
      ["7be1c0", Date.parse("2026-03-02T10:00:00.123Z")],
      ["00e3f4", Date.parse("2026-03-02T09:30:00Z")],
      ["9c8b7a", Date.parse("2026-03-02T08:00:00Z")],
    ]);
  });

  it("pages the vulnerability export, reading zone-less times as UTC and string CVSS scores as numbers", async () => {
    mockToken(DEFENDER_SCOPE, "d1");
    getExact(DEFENDER, EXPORT, "d1").reply(200, fixture("vulnerabilities-day1-page1"));
    const next = fixture<{ "@odata.nextLink": string }>("vulnerabilities-day1-page1")["@odata.nextLink"];
    getExact(DEFENDER, next.slice(DEFENDER.length), "d1").reply(200, fixture("vulnerabilities-day1-page2"));
    const { client } = makeClient();
    const pages = await collect(client.vulnerabilityRows());
    expect(pages.map((page) => page.length)).toEqual([3, 3]);
    const [first, second] = pages[0] ?? [];
    expect(first?.firstSeenTimestamp).toBe(Date.parse("2026-02-20T06:00:00Z"));
    expect(first?.lastSeenTimestamp).toBe(Date.parse("2026-03-02T06:00:00.123Z"));
    expect(second?.cvssScore).toBe(7.5);
    expect(pages[1]?.[1]?.cveId).toBeNull();
  });

  it("fails the read on a row it cannot trust (a silent skip would look like a fix)", async () => {
    mockToken(DEFENDER_SCOPE, "d1");
    const page = fixture<{ value: Array<Record<string, unknown>> }>("vulnerabilities-day2");
    (page.value[0] as Record<string, unknown>).firstSeenTimestamp = "yesterday";
    getExact(DEFENDER, EXPORT, "d1").reply(200, page);
    const { client } = makeClient();
    await expect(collect(client.vulnerabilityRows())).rejects.toThrow(
      /value\[0\]\.firstSeenTimestamp: "yesterday" is not an ISO 8601 timestamp/,
    );
  });
});
