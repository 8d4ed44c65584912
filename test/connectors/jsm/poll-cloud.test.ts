import { describe, expect, it } from "vitest";
import { createJsmConnector } from "../../../connectors/jsm/index.js";
import { readJsmSlaSnapshot } from "../../../connectors/jsm/sla.js";
import type { RecordBatch } from "../../../connectors/types.js";
import { createHttpClient } from "../../../src/http/index.js";
import type { Ticket } from "../../../src/model/schema.js";
import type { SqliteStore } from "../../../src/store/sqlite-store.js";
import { runSync, watermarkKey } from "../../../src/sync/run-sync.js";
import { useNock } from "../../http/nock-harness.js";
import { memoryStore } from "../topdesk/harness.js";
import { fixture } from "./fixtures.js";
import {
  BACKFILL_JQL,
  CLOUD_FIELDS,
  cloud,
  cloudConfig,
  makeConnector,
  mockBulk,
  mockRequest,
  mockSearch,
  mockSession,
  NOW,
} from "./harness.js";

useNock();

async function collect(batches: AsyncIterable<RecordBatch>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

const ms = (iso: string) => Date.parse(iso);
const watermarkOf = (at: string, seen: Record<string, string>) =>
  JSON.stringify({ v: 1, at, seen: Object.fromEntries(Object.entries(seen).map(([id, t]) => [id, ms(t)])) });

/** The user lookup for comment authors the service-desk API does not type. */
function mockUsers(ids: string[], page: string) {
  cloud()
    .get("/rest/api/3/user/bulk")
    .query({ accountId: ids, startAt: "0", maxResults: "90" })
    .reply(200, fixture(page));
}
const AUTOMATION = "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077";
const OKAFOR = "5f1a00c0a1b2c3d4e5f60718";

/** The first poll of the scenario: two search pages, the first with a two-page bulk changelog. */
function mockFirstPoll() {
  mockSession();
  mockSearch(BACKFILL_JQL, "search-jql-page1");
  mockBulk(["10101", "10102"], "changelog-bulk-page1");
  mockBulk(["10101", "10102"], "changelog-bulk-page1b", "UxAQBFRF");
  mockRequest("ITS-101", { comments: "comments-ITS-101", sla: "sla-ITS-101" });
  mockRequest("ITS-102");
  mockUsers([AUTOMATION, OKAFOR], "users-bulk-page");
  mockSearch(BACKFILL_JQL, "search-jql-page2", "CAEaAggB");
  mockBulk(["10103"], "changelog-bulk-empty");
  mockRequest("ITS-103");
}

describe("incremental search (Cloud)", () => {
  it("walks the pages by nextPageToken, yielding each with the watermark after it", async () => {
    const { connector } = makeConnector();
    mockFirstPoll();
    const batches = await collect(connector.poll({ watermark: null }));
    expect(batches.map((b) => [b.records.map((r) => (r as Ticket).id), b.watermark])).toEqual([
      [
        ["ITS-101", "ITS-102"],
        watermarkOf("2026-03-06T09:05:00.000Z", {
          "10101": "2026-03-06T09:00:00.000Z",
          "10102": "2026-03-06T09:05:00.000Z",
        }),
      ],
      [
        ["ITS-103"],
        watermarkOf("2026-03-06T09:30:00.000Z", {
          "10101": "2026-03-06T09:00:00.000Z",
          "10102": "2026-03-06T09:05:00.000Z",
          "10103": "2026-03-06T09:30:00.000Z",
        }),
      ],
    ]);
  });

  it("joins the changelog pages of the bulk fetch and types comment authors by lookup", async () => {
    const { connector } = makeConnector();
    mockFirstPoll();
    const [first] = await collect(connector.poll({ watermark: null }));
    const its101 = first?.records[0] as Ticket;
    expect(its101).toMatchObject({ id: "ITS-101", type: "incident", priority: "P2" });
    expect(its101.events).toEqual([
      // bulk page 1: assigned by Automation for Jira four seconds after registration
      { at: ms("2026-03-06T08:00:04Z"), type: "assigned", owner: OKAFOR, group: null, party: null },
      // the auto-acknowledgement: its author is an app account (found by the user lookup)
      { at: ms("2026-03-06T08:00:05Z"), type: "comment", visibleToCaller: true, automated: true },
      { at: ms("2026-03-06T08:20:00Z"), type: "comment", visibleToCaller: true, automated: false },
      // bulk page 2: the team set later
      {
        at: ms("2026-03-06T08:50:00Z"),
        type: "assigned",
        owner: OKAFOR,
        group: "Service Desk L1",
        party: null,
      },
    ]);
    const its102 = first?.records[1] as Ticket;
    expect(its102.priority).toBe("P2");
    expect(its102.events).toEqual([{ at: ms("2026-03-06T09:05:00Z"), type: "priority", priority: "P3" }]);
  });

  it("keeps JSM's own SLA of each request as a snapshot in the state", async () => {
    const { connector, state } = makeConnector();
    mockFirstPoll();
    await collect(connector.poll({ watermark: null }));
    const snapshot = await readJsmSlaSnapshot(state, "jira", "ITS-101");
    expect(snapshot).toEqual({
      v: 1,
      ticket: "ITS-101",
      fetchedAt: NOW,
      metrics: [
        {
          id: "1",
          name: "Time to resolution",
          cycles: [
            {
              ongoing: true,
              startAt: ms("2026-03-06T08:00:00Z"),
              stopAt: null,
              breachAt: ms("2026-03-06T16:00:00Z"),
              breached: false,
              goalMs: 8 * 3_600_000,
              elapsedMs: 3_600_000,
              remainingMs: 7 * 3_600_000,
              paused: false,
              withinCalendarHours: true,
            },
          ],
        },
        {
          id: "2",
          name: "Time to first response",
          cycles: [
            {
              ongoing: false,
              startAt: ms("2026-03-06T08:00:00Z"),
              stopAt: ms("2026-03-06T08:20:00Z"),
              breachAt: ms("2026-03-06T09:00:00Z"),
              breached: false,
              goalMs: 3_600_000,
              elapsedMs: 1_200_000,
              remainingMs: 2_400_000,
              paused: null,
              withinCalendarHours: null,
            },
          ],
        },
      ],
    });
    expect(await connector.slaSnapshot("ITS-101")).toEqual(snapshot);
    expect((await connector.slaSnapshot("ITS-102"))?.metrics).toEqual([]);
    expect(await connector.slaSnapshot("ITS-999")).toBeNull();
  });

  it("reads again from the watermark minus the overlap, in the account's zone, skipping what it stored", async () => {
    const { connector } = makeConnector();
    mockSession();
    // watermark 10:00Z − 10 min overlap = 09:50Z = 10:50 in Amsterdam
    mockSearch(
      'project in ("ITS") AND updated >= "2026-03-06 10:50" ORDER BY updated ASC, key ASC',
      "search-jql-overlap",
    );
    // ITS-101 (10:00Z) and ITS-102 (09:58Z) come back unchanged and are skipped by (id, updated);
    // ITS-104 (09:55Z) was missing from the index last time: older than the watermark, still read.
    mockBulk(["10104"], "changelog-bulk-empty");
    mockRequest("ITS-104");
    const watermark = watermarkOf("2026-03-06T10:00:00.000Z", {
      "10101": "2026-03-06T10:00:00.000Z",
      "10102": "2026-03-06T09:58:00.000Z",
    });
    const batches = await collect(connector.poll({ watermark }));
    expect(batches.map((b) => b.records.map((r) => (r as Ticket).id))).toEqual([["ITS-104"]]);
    expect(batches[0]?.watermark).toBe(
      watermarkOf("2026-03-06T10:00:00.000Z", {
        "10101": "2026-03-06T10:00:00.000Z",
        "10102": "2026-03-06T09:58:00.000Z",
        "10104": "2026-03-06T09:55:00.000Z",
      }),
    );
  });

  it("reads an issue seen before when its updated time moved on", async () => {
    const { connector } = makeConnector();
    mockSession();
    mockSearch(
      'project in ("ITS") AND updated >= "2026-03-06 10:50" ORDER BY updated ASC, key ASC',
      "search-jql-overlap-changed",
    );
    mockBulk(["10104", "10102"], "changelog-bulk-empty");
    mockRequest("ITS-104");
    mockRequest("ITS-102");
    const watermark = watermarkOf("2026-03-06T10:00:00.000Z", {
      "10101": "2026-03-06T10:00:00.000Z",
      "10102": "2026-03-06T09:58:00.000Z",
    });
    const [batch] = await collect(connector.poll({ watermark }));
    expect(batch?.records.map((r) => (r as Ticket).id)).toEqual(["ITS-104", "ITS-102"]);
    expect(JSON.parse(batch?.watermark ?? "{}").at).toBe("2026-03-06T10:03:00.000Z");
  });

  it("advances the stored watermark only past pages that were stored", async () => {
    const store: SqliteStore = await memoryStore();
    try {
      const { connector } = makeConnector(undefined, { state: store }, { retries: 1 });
      mockSession();
      mockSearch(BACKFILL_JQL, "search-jql-page1");
      mockBulk(["10101", "10102"], "changelog-bulk-page1");
      mockBulk(["10101", "10102"], "changelog-bulk-page1b", "UxAQBFRF");
      mockRequest("ITS-101", { comments: "comments-ITS-101", sla: "sla-ITS-101" });
      mockRequest("ITS-102");
      mockUsers([AUTOMATION, OKAFOR], "users-bulk-page");
      cloud()
        .get("/rest/api/3/search/jql")
        .query({ jql: BACKFILL_JQL, fields: CLOUD_FIELDS, maxResults: "2", nextPageToken: "CAEaAggB" })
        .times(2)
        .reply(500);
      const summary = await runSync({ store, connectors: [connector] });
      expect(summary.ok).toBe(false);
      expect(summary.connectors[0]).toMatchObject({ inserted: 2 });
      expect(summary.connectors[0]?.error).toBe(
        "GET https://example.atlassian.net/rest/api/3/search/jql: 500 Internal Server Error after 2 attempts",
      );
      expect(JSON.parse((await store.getMeta(watermarkKey("jira"))) ?? "{}").at).toBe(
        "2026-03-06T09:05:00.000Z",
      );
    } finally {
      await store.close();
    }
  });

  it("reads changelogs per issue, page by page, where the site refuses the bulk fetch", async () => {
    const { connector } = makeConnector();
    mockSession();
    mockSearch(BACKFILL_JQL, "search-jql-page1");
    cloud()
      .post("/rest/api/3/changelog/bulkfetch")
      .reply(404, { errorMessages: ["Not found"] });
    cloud()
      .get("/rest/api/3/issue/10101/changelog")
      .query({ startAt: "0", maxResults: "100" })
      .reply(200, fixture("changelog-issue-10101-p1"));
    cloud()
      .get("/rest/api/3/issue/10101/changelog")
      .query({ startAt: "1", maxResults: "100" })
      .reply(200, fixture("changelog-issue-10101-p2"));
    cloud()
      .get("/rest/api/3/issue/10102/changelog")
      .query({ startAt: "0", maxResults: "100" })
      .reply(200, fixture("changelog-issue-10102"));
    mockRequest("ITS-101");
    mockRequest("ITS-102");
    mockSearch(BACKFILL_JQL, "search-jql-page2", "CAEaAggB");
    // the refusal is remembered: page 2 goes per issue straight away
    cloud()
      .get("/rest/api/3/issue/10103/changelog")
      .query({ startAt: "0", maxResults: "100" })
      .reply(200, { startAt: 0, maxResults: 100, total: 0, isLast: true, values: [] });
    mockRequest("ITS-103");
    const batches = await collect(connector.poll({ watermark: null }));
    const its101 = batches[0]?.records[0] as Ticket;
    expect(its101.events.map((e) => [e.type, e.type === "assigned" ? e.group : null])).toEqual([
      ["assigned", null],
      ["assigned", "Service Desk L1"],
    ]);
  });

  it("reads the platform's comments for an issue that is not a customer request", async () => {
    const { connector } = makeConnector();
    mockSession();
    mockSearch(BACKFILL_JQL, "search-jql-agent-issue");
    mockBulk(["10108"], "changelog-bulk-empty");
    cloud()
      .get("/rest/servicedeskapi/request/ITS-108/comment")
      .query({ start: "0", limit: "100" })
      .reply(404, { errorMessage: "The request could not be found." });
    cloud()
      .get("/rest/api/3/issue/ITS-108/comment")
      .query({ startAt: "0", maxResults: "100", orderBy: "created" })
      .reply(200, fixture("comments-platform-ITS-108"));
    cloud().get("/rest/servicedeskapi/request/ITS-108/sla").query(true).reply(404);
    // no user lookup: platform comments carry the author's accountType
    const batches = await collect(connector.poll({ watermark: null }));
    const its108 = batches[0]?.records[0] as Ticket | undefined;
    expect(its108?.events).toEqual([
      { at: ms("2026-03-06T09:00:00Z"), type: "assigned", owner: OKAFOR, group: null, party: null },
      // jsdPublic false: an internal note
      { at: ms("2026-03-06T09:10:00Z"), type: "comment", visibleToCaller: false, automated: false },
      { at: ms("2026-03-06T09:40:00Z"), type: "comment", visibleToCaller: true, automated: false },
    ]);
  });
});

describe("JQL from hostile config values", () => {
  it("sends project keys as escaped JQL strings, never spliced into the query", async () => {
    // The config schema refuses such keys; the connector must not rely on that.
    const config = { ...cloudConfig(), projects: ['ITS" OR project is not EMPTY OR project = "X', "A\\B"] };
    const connector = createJsmConnector(config, {
      http: createHttpClient({ baseDelayMs: 1 }),
      now: () => NOW,
      pageSize: 2,
    });
    mockSession();
    mockSearch(
      'project in ("ITS\\" OR project is not EMPTY OR project = \\"X", "A\\\\B") AND updated >= "2025-02-06 13:00" ORDER BY updated ASC, key ASC',
      "search-jql-empty",
    );
    expect(await collect(connector.poll({ watermark: null }))).toEqual([]);
  });
});
