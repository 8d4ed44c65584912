import { beforeEach, describe, expect, it } from "vitest";
import { defenderStateKey } from "../../../connectors/graph/state.js";
import { createConnector } from "../../../connectors/registry.js";
import { SqliteStore } from "../../../src/store/sqlite-store.js";
import { runSync } from "../../../src/sync/index.js";
import { useNock } from "../../http/nock-harness.js";
import {
  DEFENDER,
  DEFENDER_SCOPE,
  drain,
  EXPORT,
  FIRST,
  FIXTURES,
  fixture,
  GRAPH,
  GRAPH_SCOPE,
  getExact,
  graphConfig,
  MACHINES,
  makeConnector,
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

const HOUR = 3_600_000;
const nextLink = (name: string, origin: string) =>
  fixture<{ "@odata.nextLink": string }>(name)["@odata.nextLink"].slice(origin.length);

/** The Graph side of one poll: the batched first pages and the two further device pages. */
function mockGraph(token: string, managedPage1: unknown = fixture("managedDevices-page1")) {
  mockBatch(
    [
      { url: FIRST.issues, status: 200, body: fixture("issues-page1") },
      { url: FIRST.managed, status: 200, body: managedPage1 },
      { url: FIRST.entra, status: 200, body: fixture("devices-page1") },
    ],
    token,
  );
  getExact(GRAPH, nextLink("managedDevices-page1", GRAPH), token).reply(200, fixture("managedDevices-page2"));
  getExact(GRAPH, nextLink("managedDevices-page2", GRAPH), token).reply(200, fixture("managedDevices-page3"));
}

function mockDefender(token: string) {
  getExact(DEFENDER, MACHINES, token).reply(200, fixture("machines-day1"));
  getExact(DEFENDER, EXPORT, token).reply(200, fixture("vulnerabilities-day1-page1"));
  getExact(DEFENDER, nextLink("vulnerabilities-day1-page1", DEFENDER), token).reply(
    200,
    fixture("vulnerabilities-day1-page2"),
  );
}

async function memoryStore() {
  const store = SqliteStore.open(":memory:");
  await store.migrate();
  return store;
}

describe("a poll", () => {
  it("yields outages, today's device snapshots, then vulnerabilities and patches, all canonical", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    mockToken(DEFENDER_SCOPE, "d1");
    mockGraph("g1");
    mockDefender("d1");
    const { connector, state } = makeConnector();
    const key = defenderStateKey("m365");
    const seenBeforeStored: Array<string | undefined> = [];
    const batches = await drain(connector.poll({ watermark: null }), () => {
      seenBeforeStored.push(state.entries.get(key));
    });
    expect(
      batches.map((b) => [b.records.map((r) => r.kind).join(","), b.rejections.length, b.watermark]),
    ).toEqual([
      [Array(7).fill("outage").join(","), 0, undefined], // 8 issues, Power BI out of scope
      [Array(6).fill("device").join(","), 0, undefined],
      [[...Array(4).fill("vulnerability"), ...Array(3).fill("patch")].join(","), 0, undefined],
    ]);
    // The Defender history is written only once its batch was consumed (stored by the sync).
    expect(seenBeforeStored).toEqual([undefined, undefined, undefined]);
    expect(JSON.parse(state.entries.get(key) as string)).toMatchObject({
      v: 1,
      readAt: "2026-03-02T12:00:00.000Z",
    });
    const device = batches[1]?.records[0];
    expect(device).toMatchObject({ kind: "device", at: Date.parse("2026-03-01T23:00:00Z"), source: "m365" });
  });

  it("replaces a device snapshot on a re-sync the same day, adds one the next day, reads Defender once per interval", async () => {
    const store = await memoryStore();
    let now = NOW;
    const { connector } = makeConnector({}, { state: store, now: () => now });
    const sync = async () => (await runSync({ store, connectors: [connector] })).connectors[0];

    mockToken(GRAPH_SCOPE, "g1");
    mockToken(DEFENDER_SCOPE, "d1");
    mockGraph("g1");
    mockDefender("d1");
    expect(await sync()).toMatchObject({ inserted: 7 + 6 + 7, updated: 0, rejected: 0 });

    // Same day, within Defender's 4-hour interval: Graph only, tokens cached. The iPhone has
    // become compliant since: its snapshot of today is replaced, not added.
    now = NOW + 2 * HOUR;
    const page1 = fixture<{ value: Array<Record<string, unknown>> }>("managedDevices-page1");
    (page1.value[1] as Record<string, unknown>).complianceState = "compliant";
    mockGraph("g1", page1);
    const second = await sync();
    expect(second).toMatchObject({ inserted: 0, updated: 1, unchanged: 7 + 5 });
    expect(second?.error).toBeUndefined();

    now = NOW + 24 * HOUR; // the next day: new snapshots, and Defender read again
    mockGraph("g1");
    getExact(DEFENDER, MACHINES, "d1").reply(200, fixture("machines-day2"));
    getExact(DEFENDER, EXPORT, "d1").reply(200, fixture("vulnerabilities-day2"));
    const third = await sync();
    // 6 new snapshots; CVE-2026-30000 and the Chrome 125 patch are new; the rest updated.
    expect(third).toMatchObject({ inserted: 6 + 1 + 1 });
    expect(third?.error).toBeUndefined();
    expect(await store.counts()).toMatchObject({ device: 12, outage: 7, vulnerability: 5, patch: 4 });
    await store.close();
  });

  it("ends the sync with one line naming the connector and the missing permission, never the secret", async () => {
    const store = await memoryStore();
    mockToken(GRAPH_SCOPE, "g1");
    mockBatch(
      [
        { url: FIRST.issues, status: 200, body: fixture("issues-page1") },
        { url: FIRST.managed, status: 403, body: fixture("managedDevices-403") },
        { url: FIRST.entra, status: 200, body: fixture("devices-page1") },
      ],
      "g1",
    );
    const { connector } = makeConnector({}, { state: store });
    const [summary] = (await runSync({ store, connectors: [connector] })).connectors;
    expect(summary?.error).toMatch(
      /^connector "m365" \(graph\): reading Intune managed devices was refused \(403 Forbidden\).*needs the application permission DeviceManagementManagedDevices\.Read\.All \(Microsoft Graph\)/,
    );
    expect(summary?.error).not.toContain(SECRET);
    expect(summary?.error).not.toContain("\n");
    expect(summary?.inserted).toBe(0);
    await store.close();
  });

  it("rejects a malformed device or issue by name and keeps the rest", async () => {
    mockToken(GRAPH_SCOPE, "g1");
    const issues = fixture<{ value: Array<Record<string, unknown>> }>("issues-page1");
    (issues.value[0] as Record<string, unknown>).startDateTime = "2026-02-27 06:30";
    const devices = fixture<{ value: Array<Record<string, unknown>> }>("managedDevices-page3");
    delete (devices.value[1] as Record<string, unknown>).id;
    mockBatch(
      [
        { url: FIRST.issues, status: 200, body: issues },
        { url: FIRST.managed, status: 200, body: devices },
        { url: FIRST.entra, status: 200, body: fixture("devices-page1") },
      ],
      "g1",
    );
    const { connector } = makeConnector({ collect: { vulnerabilities: false } });
    const batches = await drain(connector.poll({ watermark: null }));
    expect(batches.map((b) => [b.records.length, b.rejections])).toEqual([
      [
        6,
        [
          {
            item: "service health issue EX1001",
            reason: 'startDateTime: timestamp "2026-02-27 06:30" has no offset (add Z or e.g. +01:00)',
          },
        ],
      ],
      [
        1,
        [
          {
            item: "managed device (without id)",
            reason: "id: Invalid input: expected string, received undefined",
          },
        ],
      ],
    ]);
  });

  it("reads only what `collect` asks: Defender alone needs no Graph token", async () => {
    mockToken(DEFENDER_SCOPE, "d1");
    mockDefender("d1");
    const { connector } = makeConnector({ collect: { serviceHealth: false, devices: false } });
    const batches = await drain(connector.poll({ watermark: null }));
    expect(batches).toHaveLength(1);
    expect(tokenRequests.map((body) => body.scope)).toEqual([DEFENDER_SCOPE]);
  });

  it("applies a vulnerability exceptions file named relative to the config's folder", async () => {
    mockToken(DEFENDER_SCOPE, "d1");
    mockDefender("d1");
    const { connector } = makeConnector(
      { collect: { serviceHealth: false, devices: false } },
      { baseDir: FIXTURES, settings: { exceptionsFile: "exceptions.yaml" } },
    );
    const [batch] = await drain(connector.poll({ watermark: null }));
    const excepted = batch?.records.filter((r) => r.kind === "vulnerability" && r.exception !== null);
    expect(excepted?.map((r) => (r.kind === "vulnerability" ? r.asset : ""))).toEqual([
      "ws-hr-0102.corp.contoso.example",
    ]);
  });

  it("refuses to read Defender without a state store (a wiring error)", async () => {
    const connector = createConnector(graphConfig({ collect: { serviceHealth: false, devices: false } }));
    await expect(drain(connector.poll({ watermark: null }))).rejects.toThrow(/no state store was passed in/);
  });
});

describe("the registry", () => {
  it("builds a graph connector from a config entry", () => {
    const connector = createConnector({
      name: "m365",
      type: "graph",
      tenantId: TENANT,
      clientId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
      clientSecret: SECRET,
    } as never);
    expect({ name: connector.name, type: connector.type }).toEqual({ name: "m365", type: "graph" });
  });

  it("refuses an unknown zone at start-up", () => {
    expect(() => makeConnector({}, { settings: { zone: "Mars/Olympus" } })).toThrow(
      "unknown time zone: Mars/Olympus",
    );
  });
});
