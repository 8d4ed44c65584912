import { describe, expect, it } from "vitest";
import { readJsmSlaSnapshot } from "../../../connectors/jsm/sla.js";
import type { RecordBatch } from "../../../connectors/types.js";
import type { Ticket } from "../../../src/model/schema.js";
import { useNock } from "../../http/nock-harness.js";
import { fixture } from "./fixtures.js";
import { DC_PATH, dc, dcConfig, makeConnector, PAT } from "./harness.js";

useNock();

const API = `${DC_PATH}/rest/api/2`;
const SD = `${DC_PATH}/rest/servicedeskapi`;
const FIELDS = [
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
  "customfield_10010",
  "customfield_10020",
  "customfield_10016",
].join(",");
const jql = (since: string) => `project in ("ITS") AND updated >= "${since}" ORDER BY updated ASC, key ASC`;
const ms = (iso: string) => Date.parse(iso);

function mockSearch(since: string, startAt: number, page: string) {
  dc()
    .get(`${API}/search`)
    .matchHeader("authorization", `Bearer ${PAT}`)
    .query({
      jql: jql(since),
      fields: FIELDS,
      startAt: String(startAt),
      maxResults: "2",
      expand: "changelog",
    })
    .reply(200, fixture(page));
}

function mockRequest(key: string, comments = "comments-dc-empty") {
  dc().get(`${SD}/request/${key}/comment`).query({ start: "0", limit: "100" }).reply(200, fixture(comments));
  dc().get(`${SD}/request/${key}/sla`).query({ start: "0", limit: "100" }).reply(200, fixture("sla-empty"));
}

async function collect(batches: AsyncIterable<RecordBatch>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

describe("Data Center", () => {
  it("pages by offset with a personal access token, asking again from the last row's minute", async () => {
    const { connector, state } = makeConnector(dcConfig());
    dc().get(`${API}/myself`).matchHeader("authorization", `Bearer ${PAT}`).reply(200, fixture("myself-dc"));
    dc().get(`${API}/field`).reply(200, fixture("field-dc"));
    // page 1 from the backfill horizon: ITS-301 (10:05:10Z) and ITS-302 (10:05:40Z) of 3
    mockSearch("2025-02-06 13:00", 0, "search-dc-page1");
    mockRequest("ITS-301", "comments-dc-ITS-301");
    mockRequest("ITS-302");
    // page 2 asks again from 10:05Z (11:05 in Amsterdam): both rows come back, already stored …
    mockSearch("2026-03-06 11:05", 0, "search-dc-page2");
    // … so the offset moves past them within that minute
    mockSearch("2026-03-06 11:05", 2, "search-dc-page3");
    mockRequest("ITS-303");
    const batches = await collect(connector.poll({ watermark: null }));
    expect(batches.map((b) => b.records.map((r) => (r as Ticket).id))).toEqual([
      ["ITS-301", "ITS-302"],
      [],
      ["ITS-303"],
    ]);
    expect(JSON.parse(batches[2]?.watermark ?? "{}").at).toBe("2026-03-06T10:07:00.000Z");

    const [its301, its302] = (batches[0]?.records ?? []) as Ticket[];
    expect(its301?.priority).toBe("P2");
    expect(its301?.events).toEqual([
      // our own account's acknowledgement (svc-sla, from /myself) is automated
      { at: ms("2026-03-06T08:05:00Z"), type: "comment", visibleToCaller: true, automated: true },
      // the changelog embedded in search, items matched by field name (no fieldId on DC)
      { at: ms("2026-03-06T08:10:00Z"), type: "assigned", owner: "JIRAUSER10100", group: null, party: null },
      // 08:30 the reporter's own comment: left out
      { at: ms("2026-03-06T08:45:00Z"), type: "comment", visibleToCaller: true, automated: false },
      { at: ms("2026-03-06T10:05:10Z"), type: "paused", reason: "customer" },
    ]);
    // CSAT from the Satisfaction field (Data Center has no feedback endpoint)
    expect(its302).toMatchObject({ csat: { score: 3, scale: 5 } });
    expect(its302?.events).toEqual([
      { at: ms("2026-03-06T09:00:00Z"), type: "assigned", owner: "JIRAUSER10100", group: null, party: null },
      { at: ms("2026-03-06T10:05:40Z"), type: "resolved" },
    ]);
    expect((await readJsmSlaSnapshot(state, "jira-dc", "ITS-303"))?.ticket).toBe("ITS-303");
  });

  it("says the personal access token was rejected, without quoting it", async () => {
    const { connector, waits } = makeConnector(dcConfig());
    dc().get(`${API}/myself`).reply(401, "");
    const error = await collect(connector.poll({ watermark: null })).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'connector "jira-dc" (jsm): Jira rejected the personal access token (401 Unauthorized): check token, ' +
        "and that the token has not expired or been revoked; see connectors/jsm/README.md",
    );
    expect((error as Error).message).not.toContain(PAT);
    expect(waits).toEqual([]);
  });
});
