import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { RecordBatch } from "../../../connectors/types.js";
import { createLogger } from "../../../src/log/logger.js";
import type { Ticket } from "../../../src/model/schema.js";
import { useNock } from "../../http/nock-harness.js";
import { fixture } from "./fixtures.js";
import {
  BACKFILL_JQL,
  CLOUD_FIELDS,
  cloud,
  makeConnector,
  mockBulk,
  mockRequest,
  mockSearch,
  mockSession,
} from "./harness.js";

useNock();

// The site has no Satisfaction field, so the connector asks the feedback endpoint (§6).
const FIELDS = CLOUD_FIELDS.replace("customfield_10020,", "");

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  return { log, messages: () => lines.map((l) => [l.level, l.msg]) };
}

function mockFeedback(key: string, status: number, body: unknown = "") {
  cloud()
    .get(`/rest/servicedeskapi/request/${key}/feedback`)
    .matchHeader("x-experimentalapi", "opt-in")
    .reply(status, body as object);
}

async function collect(batches: AsyncIterable<RecordBatch>): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for await (const batch of batches) out.push(...(batch.records as Ticket[]));
  return out;
}

function mockPages() {
  mockSession("field-cloud-no-satisfaction");
  mockSearch(BACKFILL_JQL, "search-jql-resolved-page1", undefined, FIELDS);
  mockBulk(["10105", "10107"], "changelog-bulk-empty");
  mockRequest("ITS-105");
  mockRequest("ITS-107");
  mockSearch(BACKFILL_JQL, "search-jql-resolved-page2", "CAEaAggC", FIELDS);
  mockBulk(["10106"], "changelog-bulk-empty");
  mockRequest("ITS-106");
}

describe("CSAT", () => {
  it("reads the rating of resolved requests from the feedback endpoint; an unrated one has none", async () => {
    const { connector } = makeConnector();
    mockPages();
    mockFeedback("ITS-105", 200, fixture("feedback-rated"));
    mockFeedback("ITS-106", 404, { errorMessage: "No feedback found" });
    // ITS-107 is not resolved: no feedback asked
    const tickets = await collect(connector.poll({ watermark: null }));
    expect(tickets.map((t) => [t.id, t.csat])).toEqual([
      ["ITS-105", { score: 5, scale: 5 }],
      ["ITS-107", null],
      ["ITS-106", null],
    ]);
  });

  it("says once that the site does not serve feedback, and stops asking", async () => {
    const { log, messages } = capture();
    const { connector } = makeConnector(undefined, { log });
    mockPages();
    mockFeedback("ITS-105", 410, { errorMessages: ["The requested API has been removed."] });
    // page 2: ITS-106 is resolved too, but no feedback request may go out any more
    const tickets = await collect(connector.poll({ watermark: null }));
    expect(tickets.map((t) => t.csat)).toEqual([null, null, null]);
    expect(messages()).toContainEqual([
      "warn",
      "JSM does not serve request feedback (CSAT) to this account; tickets carry no CSAT unless fields.satisfaction names the Satisfaction field",
    ]);
  });

  it("says at the end of the poll when no resolved request had feedback at all", async () => {
    const { log, messages } = capture();
    const { connector } = makeConnector(undefined, { log });
    mockPages();
    mockFeedback("ITS-105", 404);
    mockFeedback("ITS-106", 404);
    await collect(connector.poll({ watermark: null }));
    expect(messages()).toContainEqual([
      "info",
      "JSM returned no CSAT feedback for any resolved request; if the site collects CSAT, set fields.satisfaction",
    ]);
  });

  it("reads the Satisfaction field where the site has one, without asking the feedback endpoint", async () => {
    const { connector } = makeConnector();
    mockSession();
    mockSearch(BACKFILL_JQL, "search-jql-rated");
    mockBulk(["10109"], "changelog-bulk-empty");
    mockRequest("ITS-109");
    // ITS-109 is resolved: a feedback request would be unmatched and fail the test
    const [ticket] = await collect(connector.poll({ watermark: null }));
    expect(ticket?.csat).toEqual({ score: 2, scale: 5 });
  });
});
