import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordBatch } from "../../../connectors/types.js";
import type { SqliteStore } from "../../../src/store/sqlite-store.js";
import { runSync } from "../../../src/sync/run-sync.js";
import { useNock } from "../../http/nock-harness.js";
import { memoryStore } from "../topdesk/harness.js";
import { fixture } from "./fixtures.js";
import {
  BACKFILL_JQL,
  CLOUD_FIELDS,
  cloud,
  cloudConfig,
  EMAIL,
  makeConnector,
  mockBulk,
  mockRequest,
  mockSearch,
  mockSession,
  TOKEN,
} from "./harness.js";

useNock();

let store: SqliteStore;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(async () => {
  await store.close();
});

async function collect(batches: AsyncIterable<RecordBatch>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

const searchQuery = { jql: BACKFILL_JQL, fields: CLOUD_FIELDS, maxResults: "2" };

describe("credentials and permissions", () => {
  it("ends the sync with one line naming the connector when the API token is rejected, without retrying", async () => {
    const { connector, waits } = makeConnector(cloudConfig(), { state: store });
    cloud().get("/rest/api/3/myself").reply(401, "Client must be authenticated to access this resource.");
    const summary = await runSync({ store, connectors: [connector] });
    const line = summary.connectors[0]?.error ?? "";
    expect(line).toBe(
      'connector "jira" (jsm): Jira rejected the e-mail and API token (401 Unauthorized): check email and token, ' +
        "that the token has not expired or been revoked, and that it is a classic API token (scoped tokens only " +
        "work through api.atlassian.com); see connectors/jsm/README.md",
    );
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain(EMAIL);
    expect(line).not.toContain("\n");
    expect(waits).toEqual([]);
  });

  it.each([
    [
      "search",
      () => {
        mockSession();
        cloud().get("/rest/api/3/search/jql").query(searchQuery).reply(403, { errorMessages: [] });
      },
      "the account may not search issues: it needs Browse projects on the configured projects",
    ],
    [
      "SLA",
      () => {
        mockSession();
        mockSearch(BACKFILL_JQL, "search-jql-page2");
        mockBulk(["10103"], "changelog-bulk-empty");
        cloud()
          .get("/rest/servicedeskapi/request/ITS-103/comment")
          .query(true)
          .reply(200, fixture("comments-empty"));
        cloud()
          .get("/rest/servicedeskapi/request/ITS-103/sla")
          .query(true)
          .reply(403, fixture("error-sd-403"));
      },
      "the account may not read SLAs: it must be an agent of the service project (Service Desk Team role, a JSM agent licence)",
    ],
    [
      "comments",
      () => {
        mockSession();
        mockSearch(BACKFILL_JQL, "search-jql-page2");
        mockBulk(["10103"], "changelog-bulk-empty");
        cloud()
          .get("/rest/servicedeskapi/request/ITS-103/comment")
          .query(true)
          .reply(403, fixture("error-sd-403"));
      },
      "the account may not read request comments: it must be an agent of the service project (Service Desk Team role, a JSM agent licence)",
    ],
  ])("a 403 on %s says which permission is missing", async (_where, mock, cause) => {
    mock();
    const { connector, waits } = makeConnector();
    await expect(collect(connector.poll({ watermark: null }))).rejects.toThrow(
      `connector "jira" (jsm): Jira refused access (403 Forbidden): ${cause}; see connectors/jsm/README.md`,
    );
    expect(waits).toEqual([]);
  });

  it("explains a refused search as a project the account cannot see", async () => {
    mockSession();
    cloud().get("/rest/api/3/search/jql").query(searchQuery).reply(400, fixture("error-search-400"));
    const { connector } = makeConnector();
    await expect(collect(connector.poll({ watermark: null }))).rejects.toThrow(
      "connector \"jira\" (jsm): Jira refused the search (400 Bad Request: The value 'ITS' does not exist for the " +
        "field 'project'.): check that the projects ITS exist and that the account has Browse projects on them",
    );
  });

  it("names a configured field id the site does not have", async () => {
    mockSession();
    const { connector } = makeConnector(cloudConfig({ fields: { location: "customfield_99999" } }));
    await expect(collect(connector.poll({ watermark: null }))).rejects.toThrow(
      'connector "jira" (jsm): fields.location (customfield_99999): no such field on this site (GET /field); check the id',
    );
  });
});

describe("rate limits and transient failures", () => {
  it("waits as Retry-After asks on 429, then goes on", async () => {
    mockSession();
    cloud().get("/rest/api/3/search/jql").query(searchQuery).reply(429, "", {
      "Retry-After": "2",
      "X-RateLimit-Limit": "100",
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Reset": "2026-03-06T12:00:02Z",
      "RateLimit-Reason": "jira-burst-based",
    });
    mockSearch(BACKFILL_JQL, "search-jql-empty");
    const { connector, waits } = makeConnector();
    expect(await collect(connector.poll({ watermark: null }))).toEqual([]);
    expect(waits).toEqual([2000]);
  });

  it("backs off exponentially on 429 without Retry-After, and retries a 503 on the SLA", async () => {
    mockSession();
    cloud().get("/rest/api/3/search/jql").query(searchQuery).times(2).reply(429);
    mockSearch(BACKFILL_JQL, "search-jql-page2");
    mockBulk(["10103"], "changelog-bulk-empty");
    cloud()
      .get("/rest/servicedeskapi/request/ITS-103/comment")
      .query(true)
      .reply(200, fixture("comments-empty"));
    cloud().get("/rest/servicedeskapi/request/ITS-103/sla").query(true).reply(503);
    cloud().get("/rest/servicedeskapi/request/ITS-103/sla").query(true).reply(200, fixture("sla-empty"));
    const { connector, waits } = makeConnector();
    const [batch] = await collect(connector.poll({ watermark: null }));
    expect(batch?.records).toHaveLength(1);
    // base 1 ms in tests: 1, 2 for the search, then 1 for the SLA
    expect(waits).toEqual([1, 2, 1]);
  });

  it("reads changelogs per issue for a page whose bulk fetch failed with a server error", async () => {
    mockSession();
    mockSearch(BACKFILL_JQL, "search-jql-page2");
    // a POST is not repeated by the pipeline (it cannot know it is a read) …
    cloud().post("/rest/api/3/changelog/bulkfetch").reply(500);
    // … so the same history is read with a GET, which it does repeat
    cloud()
      .get("/rest/api/3/issue/10103/changelog")
      .query({ startAt: "0", maxResults: "100" })
      .reply(200, { startAt: 0, maxResults: 100, total: 0, isLast: true, values: [] });
    mockRequest("ITS-103");
    const { connector } = makeConnector();
    const [batch] = await collect(connector.poll({ watermark: null }));
    expect(batch?.records).toHaveLength(1);
  });
});
