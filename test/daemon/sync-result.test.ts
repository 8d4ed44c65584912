import { describe, expect, it } from "vitest";
import type { SyncOnceResult } from "../../src/cli/commands/sync.js";
import { alertsSentByChannel, cycleProblems } from "../../src/daemon/index.js";

const base: SyncOnceResult = {
  sync: {
    dryRun: false,
    ok: false,
    connectors: [
      {
        name: "topdesk",
        type: "topdesk",
        read: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        rejections: [],
        error: "GET https://x/tas/api/incidents: 503",
      },
      {
        name: "m365",
        type: "graph",
        read: 1,
        inserted: 1,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        rejections: [],
      },
    ],
  },
  writeback: [
    {
      target: "topdesk",
      mode: "write",
      considered: 2,
      unchanged: 0,
      written: 1,
      pending: [],
      // a refused ticket is not a failed cycle (the same as `sync`)
      failed: [{ ticket: "I-2", error: "400" }],
      error: "PATCH https://x/tas/api/incidents/id/I-3: 401",
    },
  ],
  purged: 3,
};

const withField = (field: string, value: unknown) => ({ ...base, [field]: value }) as SyncOnceResult;

describe("cycleProblems", () => {
  it("names failed connectors and write-back targets", () => {
    expect(cycleProblems(base)).toEqual([
      "connector topdesk: GET https://x/tas/api/incidents: 503",
      "write-back topdesk: PATCH https://x/tas/api/incidents/id/I-3: 401",
    ]);
  });

  it.each([
    ["an object with an error", { sent: 0, error: "slack: invalid_auth" }, ["alerts: slack: invalid_auth"]],
    ["an entry with ok: false", [{ channel: "teams", ok: false }], ["alerts teams: failed"]],
    [
      "entries labelled by target",
      [{ target: "slack", error: "rate limited" }, { target: "teams" }],
      ["alerts slack: rate limited"],
    ],
    ["a number", 4, []],
    ["null", null, []],
  ])("reads an extra field holding %s", (_what, value, extra) => {
    expect(cycleProblems(withField("alerts", value)).slice(2)).toEqual(extra);
  });
});

describe("alertsSentByChannel", () => {
  it.each([
    ["absent", undefined, {}],
    ["one object", { sent: 4 }, { all: 4 }],
    ["a list of what was sent", { sent: [{}, {}] }, { all: 2 }],
    [
      "entries per channel, repeated",
      [
        { channel: "slack", sent: 2 },
        { channel: "slack", sent: 1 },
        { name: "teams", sent: 5 },
      ],
      { slack: 3, teams: 5 },
    ],
    [
      "nonsense counts",
      [
        { channel: "slack", sent: -1 },
        { channel: "teams", sent: "3" },
        { channel: "x", sent: Number.NaN },
      ],
      {},
    ],
  ])("%s", (_what, alerts, expected) => {
    expect(Object.fromEntries(alertsSentByChannel(withField("alerts", alerts)))).toEqual(expected);
  });

  it("counts only the `alerts` field", () => {
    expect(alertsSentByChannel(withField("digest", { sent: 9 })).size).toBe(0);
  });
});
