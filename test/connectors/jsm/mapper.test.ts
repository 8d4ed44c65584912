import { describe, expect, it } from "vitest";
import { fromRequestComment } from "../../../connectors/jsm/comments.js";
import { resolveFields } from "../../../connectors/jsm/fields.js";
import { JSM_CSAT_SCALE } from "../../../connectors/jsm/index.js";
import { type MapperOptions, mapIssue } from "../../../connectors/jsm/mapper.js";
import {
  bulkChangelogPageSchema,
  fieldListSchema,
  requestCommentSchema,
  sdPageSchema,
  tokenSearchPageSchema,
  userBulkPageSchema,
} from "../../../connectors/jsm/schema.js";
import { ticketRecord } from "../../../src/model/schema.js";
import { expectGolden, fixture } from "./fixtures.js";
import { cloudConfig } from "./harness.js";

const config = cloudConfig();
const site = fieldListSchema.parse(fixture("field-cloud"));
const GOLDEN_OPTIONS: MapperOptions = {
  source: config.name,
  priorities: config.priorities,
  pauseStatuses: config.pauseStatuses,
  closedStatuses: ["Closed"],
  ticketTypes: config.ticketTypes,
  automationAccounts: config.automationAccounts,
  self: ["712020:2c7d5e1a-0b3f-4a6c-9d8e-1f2a3b4c5d6e"],
  fields: resolveFields(site, config.fields).fields,
  csatScale: JSM_CSAT_SCALE,
};

const COMMENTS: Record<string, string> = {
  "ITS-201": "comments-ITS-201",
  "ITS-202": "comments-ITS-202",
  "ITS-204": "comments-ITS-204",
};

function goldenResults() {
  const issues = tokenSearchPageSchema.parse(fixture("search-jql-golden")).issues;
  const bulk = bulkChangelogPageSchema.parse(fixture("changelog-bulk-golden"));
  const histories = new Map(bulk.issueChangeLogs.map((l) => [l.issueId, l.changeHistories]));
  const users = userBulkPageSchema.parse(fixture("users-bulk-golden")).values;
  const accountTypes = new Map(users.map((u) => [u.accountId, u.accountType ?? ""]));
  return issues.map((issue) => {
    const name = COMMENTS[issue.key];
    const comments = name === undefined ? [] : sdPageSchema(requestCommentSchema).parse(fixture(name)).values;
    return {
      key: issue.key,
      ...mapIssue(
        {
          issue,
          histories: histories.get(issue.id) ?? [],
          comments: comments.map(fromRequestComment),
          accountTypes,
          feedbackRating: null,
        },
        GOLDEN_OPTIONS,
      ),
    };
  });
}

describe("mapIssue (golden)", () => {
  it("maps the recorded issues, changelogs and comments onto canonical tickets", () => {
    const results = goldenResults();
    expectGolden("issues-golden.canonical", results);
    for (const result of results) {
      if (result.kind === "ticket") expect(ticketRecord.safeParse(result.ticket).success).toBe(true);
    }
  });

  it("finds the site's JSM fields by type, and the configured ones by id", () => {
    expect(GOLDEN_OPTIONS.fields).toEqual({
      requestType: { id: "customfield_10010", name: "Request Type" },
      satisfaction: { id: "customfield_10020", name: "Satisfaction" },
      major: { id: "customfield_10050", name: "Major incident" },
      team: { id: "customfield_10001", name: "Team" },
      location: { id: "customfield_10060", name: "Location" },
      participants: { id: "customfield_10016", name: "Request participants" },
    });
  });

  it("keeps no texts, e-mail addresses or names of callers in the tickets", () => {
    const text = JSON.stringify(goldenResults());
    for (const personal of ["Jansen", "Bakker", "Visser", "de Boer", "packet loss", "example.nl", "Okafor"]) {
      expect(text).not.toContain(personal);
    }
  });
});
