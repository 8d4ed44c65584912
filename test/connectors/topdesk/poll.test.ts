import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordBatch } from "../../../connectors/types.js";
import { createLogger } from "../../../src/log/logger.js";
import type { SqliteStore } from "../../../src/store/sqlite-store.js";
import { runSync, watermarkKey } from "../../../src/sync/run-sync.js";
import { useNock } from "../../http/nock-harness.js";
import { fixture } from "./fixtures.js";
import {
  API,
  BACKFILL_FROM,
  ID,
  listQuery,
  makeConnector,
  memoryStore,
  mockTrail,
  mockVersion,
  PASSWORD,
  tas,
} from "./harness.js";

useNock();

let store: SqliteStore;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(async () => {
  await store.close();
});

const watermarkOf = (at: string, ids: string[]) => JSON.stringify({ v: 1, at, ids });

async function collect(batches: AsyncIterable<RecordBatch>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

describe("incremental polling", () => {
  it("backfills the horizon page by page (206 → 200), skips a row seen on the previous page, then gets 204", async () => {
    const { connector } = makeConnector(store);
    mockVersion();
    tas().get(`${API}/incidents`).query(listQuery(BACKFILL_FROM)).reply(206, fixture("incidents-page1"));
    mockTrail(ID.A, "progresstrail-action");
    mockTrail(ID.B);
    // The next page starts at the last stored second: B comes again and is skipped by id.
    tas()
      .get(`${API}/incidents`)
      .query(listQuery("2026-03-02T09:05:00Z"))
      .reply(200, fixture("incidents-page2"));
    mockTrail(ID.C);

    const first = await runSync({ store, connectors: [connector] });
    expect(first.connectors[0]).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
    expect(await store.getMeta(watermarkKey("topdesk"))).toBe(
      watermarkOf("2026-03-02T09:10:00.000Z", [ID.C]),
    );
    const tickets = await store.records("ticket", { source: "topdesk" });
    expect(tickets.map((t) => t.id).sort()).toEqual(["I 2603 0001", "I 2603 0002", "I 2603 0003"]);
    const a = tickets.find((t) => t.id === "I 2603 0001");
    expect(a?.events.map((e) => e.type)).toEqual(["assigned", "comment"]);

    mockVersion();
    tas().get(`${API}/incidents`).query(listQuery("2026-03-02T09:10:00Z")).reply(204);
    const second = await runSync({ store, connectors: [connector] });
    expect(second.connectors[0]).toMatchObject({ read: 0, inserted: 0 });
    expect(await store.getMeta(watermarkKey("topdesk"))).toBe(
      watermarkOf("2026-03-02T09:10:00.000Z", [ID.C]),
    );
  });

  it("yields one batch per page, each with the watermark after it", async () => {
    const { connector } = makeConnector(store);
    mockVersion();
    tas().get(`${API}/incidents`).query(listQuery(BACKFILL_FROM)).reply(206, fixture("incidents-page1"));
    mockTrail(ID.A);
    mockTrail(ID.B);
    tas()
      .get(`${API}/incidents`)
      .query(listQuery("2026-03-02T09:05:00Z"))
      .reply(200, fixture("incidents-page2"));
    mockTrail(ID.C);
    const batches = await collect(connector.poll({ watermark: null }));
    expect(batches.map((b) => [b.records.length, b.watermark])).toEqual([
      [2, watermarkOf("2026-03-02T09:05:00.000Z", [ID.B])],
      [1, watermarkOf("2026-03-02T09:10:00.000Z", [ID.C])],
    ]);
  });

  it("reads an incident modified in the same second as the watermark, skipping the one already stored", async () => {
    const { connector } = makeConnector(store);
    await store.setMeta(watermarkKey("topdesk"), watermarkOf("2026-03-02T09:05:00.000Z", [ID.B]));
    mockVersion();
    tas()
      .get(`${API}/incidents`)
      .query(listQuery("2026-03-02T09:05:00Z"))
      .reply(200, fixture("incidents-samesecond"));
    // Only D's trail: fetching B's again would be an unmatched request and fail the test.
    mockTrail(ID.D);
    const summary = await runSync({ store, connectors: [connector] });
    expect(summary.connectors[0]).toMatchObject({ read: 1, inserted: 1 });
    expect(await store.getMeta(watermarkKey("topdesk"))).toBe(
      watermarkOf("2026-03-02T09:05:00.000Z", [ID.B, ID.D]),
    );
  });

  it("waits as Retry-After asks on 429, then goes on", async () => {
    const { connector, waits } = makeConnector(store);
    mockVersion();
    tas().get(`${API}/incidents`).query(listQuery(BACKFILL_FROM)).reply(429, "", { "Retry-After": "3" });
    tas().get(`${API}/incidents`).query(listQuery(BACKFILL_FROM)).reply(200, fixture("incidents-history-v1"));
    mockTrail(ID.H);
    expect((await runSync({ store, connectors: [connector] })).connectors[0]).toMatchObject({ inserted: 1 });
    expect(waits).toEqual([3000]);
  });

  it("retries a 5xx on the progress trail, then goes on", async () => {
    const { connector, waits } = makeConnector(store);
    mockVersion();
    tas().get(`${API}/incidents`).query(listQuery(BACKFILL_FROM)).reply(200, fixture("incidents-history-v1"));
    tas().get(`${API}/incidents/id/${ID.H}/progresstrail`).query(true).reply(502);
    mockTrail(ID.H, "progresstrail-action");
    const summary = await runSync({ store, connectors: [connector] });
    expect(summary.ok).toBe(true);
    expect(waits).toEqual([1]);
  });

  it("retries a list request that timed out", async () => {
    const { connector, waits } = makeConnector(store);
    mockVersion();
    tas().get(`${API}/incidents`).query(listQuery(BACKFILL_FROM)).delay(500).reply(200, []);
    tas().get(`${API}/incidents`).query(listQuery(BACKFILL_FROM)).reply(200, fixture("incidents-history-v1"));
    mockTrail(ID.H);
    expect((await runSync({ store, connectors: [connector] })).connectors[0]).toMatchObject({ inserted: 1 });
    expect(waits).toEqual([1]);
  });

  it("fails the cycle on a malformed page, naming the field, and leaves the watermark as it was", async () => {
    const before = watermarkOf("2026-03-01T00:00:00.000Z", []);
    await store.setMeta(watermarkKey("topdesk"), before);
    const { connector } = makeConnector(store);
    mockVersion();
    tas()
      .get(`${API}/incidents`)
      .query(listQuery("2026-03-01T00:00:00Z"))
      .reply(206, fixture("incidents-malformed"));
    const summary = await runSync({ store, connectors: [connector] });
    expect(summary.ok).toBe(false);
    expect(summary.connectors[0]?.error).toBe(
      `GET https://example.topdesk.net/tas/api/incidents: response does not have the expected shape ` +
        `([1].modificationDate: Invalid input: expected string, received undefined)`,
    );
    expect(await store.getMeta(watermarkKey("topdesk"))).toBe(before);
    expect(await store.records("ticket")).toEqual([]);
  });

  it("uses the legacy day filter on a REST API older than 3.3 and orders the rows itself", async () => {
    await store.setMeta(watermarkKey("topdesk"), watermarkOf("2026-03-02T09:00:00.000Z", [ID.A]));
    const { connector } = makeConnector(store, { pageSize: 5 });
    mockVersion("version-legacy");
    tas()
      .get(`${API}/incidents`)
      .query({ modification_date_start: "2026-03-01", start: "0", page_size: "5" })
      .reply(200, fixture("incidents-legacy"));
    mockTrail(ID.B);
    mockTrail(ID.C);
    const batches = await collect(
      connector.poll({ watermark: await store.getMeta(watermarkKey("topdesk")) }),
    );
    expect(batches.map((b) => b.records.map((r) => (r.kind === "ticket" ? r.id : "")))).toEqual([
      ["I 2603 0002", "I 2603 0003"],
    ]);
    expect(batches[0]?.watermark).toBe(watermarkOf("2026-03-02T09:10:00.000Z", [ID.C]));
  });

  it("falls back to the legacy filter when a 3.3 API refuses the FIQL query", async () => {
    const { connector } = makeConnector(store, { pageSize: 5 });
    mockVersion("version-boundary");
    tas()
      .get(`${API}/incidents`)
      .query(listQuery(BACKFILL_FROM, 0, 5))
      .reply(400, fixture("incidents-400"));
    tas()
      .get(`${API}/incidents`)
      .query({ modification_date_start: "2025-02-01", start: "0", page_size: "5" })
      .reply(200, fixture("incidents-history-v1"));
    mockTrail(ID.H);
    expect((await runSync({ store, connectors: [connector] })).connectors[0]).toMatchObject({ inserted: 1 });
  });

  it("reports an unmapped priority once per poll and stores the tickets without one", async () => {
    const lines: string[] = [];
    const log = createLogger(
      "info",
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const { connector } = makeConnector(store, {}, { log });
    mockVersion();
    tas().get(`${API}/incidents`).query(listQuery(BACKFILL_FROM)).reply(200, fixture("incidents-unmapped"));
    mockTrail(ID.A);
    mockTrail(ID.B);
    expect((await runSync({ store, connectors: [connector] })).connectors[0]).toMatchObject({ inserted: 2 });
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "TOPdesk value not mapped");
    expect(warnings).toMatchObject([
      { level: "warn", field: "priority", value: "Urgent", example: "incident I 2603 0001" },
    ]);
    expect((await store.records("ticket")).map((t) => t.priority)).toEqual([null, null]);
  });

  it("refuses to poll without a state store, rather than lose history", async () => {
    const { connector } = makeConnector(undefined);
    await expect(collect(connector.poll({ watermark: null }))).rejects.toThrow(
      /no state store was passed in/,
    );
  });
});

describe("credentials and permissions", () => {
  it("says to check the base URL when /version is not there", async () => {
    const { connector } = makeConnector(store);
    tas().get(`${API}/version`).reply(404);
    const summary = await runSync({ store, connectors: [connector] });
    expect(summary.connectors[0]?.error).toBe(
      'connector "topdesk" (topdesk): https://example.topdesk.net/tas/api/version was not found (404): ' +
        "check baseUrl, which must be the REST root ending in /tas/api",
    );
  });

  it.each([
    [
      "version",
      401,
      'connector "topdesk" (topdesk): TOPdesk rejected the login name or application password (401 Unauthorized): ' +
        "check username and password, and whether the application password has expired; see connectors/topdesk/README.md",
    ],
    [
      "version",
      403,
      'connector "topdesk" (topdesk): TOPdesk refused access (403 Forbidden): the account may not use the REST API: ' +
        'its permission group needs "REST API" (read) and "Use application passwords" (write); see connectors/topdesk/README.md',
    ],
    [
      "incidents",
      403,
      'connector "topdesk" (topdesk): TOPdesk refused access (403 Forbidden): the account may not read incidents: ' +
        "its permission group needs 1st and 2nd line incident permission (read); see connectors/topdesk/README.md",
    ],
  ])("a %s call answered %i ends the sync with one clear line", async (where, status, message) => {
    const { connector, waits } = makeConnector(store);
    const body = status === 403 ? fixture("version-403") : "";
    if (where === "version") {
      tas().get(`${API}/version`).reply(status, body);
    } else {
      mockVersion();
      tas().get(`${API}/incidents`).query(true).reply(status, body);
    }
    const summary = await runSync({ store, connectors: [connector] });
    expect(summary.connectors[0]?.error).toBe(message);
    expect(message).not.toContain(PASSWORD);
    expect(waits).toEqual([]);
    expect(await store.getMeta(watermarkKey("topdesk"))).toBeNull();
  });
});
