import { describe, expect, it } from "vitest";
import {
  type CommentContext,
  type CommentEntry,
  classifyComment,
  commentEvents,
  fromIssueComment,
} from "../../../connectors/jsm/comments.js";

const context: CommentContext = {
  callers: new Set(["qm:reporter", "qm:participant", "JIRAUSER10200"]),
  automation: new Set(["statuspage bot", "5b10autoreply"]),
  self: new Set(["712020:self"]),
  accountTypes: new Map([
    ["557058:automation", "app"],
    ["qm:stranger", "customer"],
    ["5f1a-agent", "atlassian"],
  ]),
};
const entry = (author: CommentEntry["author"], isPublic = true): CommentEntry => ({
  at: Date.parse("2026-03-02T08:40:00Z"),
  public: isPublic,
  author,
});

describe("classifyComment", () => {
  it.each([
    ["the reporter", { accountId: "qm:reporter" }, "caller"],
    ["a request participant", { accountId: "qm:participant" }, "caller"],
    ["the reporter on Data Center (by user key)", { key: "JIRAUSER10200", name: "jjansen" }, "caller"],
    ["a portal customer, typed by lookup", { accountId: "qm:stranger" }, "caller"],
    ["a portal customer, typed in the comment", { accountId: "qm:other", accountType: "customer" }, "caller"],
    ["no author (an e-mail from an unknown address)", null, "caller"],
    [
      "an app account (Automation for Jira), typed by lookup",
      { accountId: "557058:automation" },
      "automated",
    ],
    ["an app account typed in the comment", { accountId: "x", accountType: "app" }, "automated"],
    ["this connector's own account", { accountId: "712020:self" }, "automated"],
    [
      "an automation account by display name",
      { accountId: "5f1a-bot", displayName: "Statuspage Bot" },
      "automated",
    ],
    ["an automation account by id", { accountId: "5b10autoreply" }, "automated"],
    ["an agent", { accountId: "5f1a-agent", displayName: "R. Okafor" }, "agent"],
    ["an agent whose type could not be looked up", { accountId: "5f1a-unknown" }, "agent"],
    ["a Data Center agent", { key: "JIRAUSER10100", name: "rokafor" }, "agent"],
  ] as const)("%s → %s", (_what, author, expected) => {
    expect(classifyComment(entry(author), context)).toBe(expected);
  });

  it("counts the reporter as the caller even when their account is a licensed one", () => {
    expect(classifyComment(entry({ accountId: "qm:reporter", accountType: "atlassian" }), context)).toBe(
      "caller",
    );
  });
});

describe("commentEvents", () => {
  it("leaves the caller's comments out and marks visibility and automation", () => {
    const events = commentEvents(
      [
        entry({ accountId: "557058:automation" }),
        entry({ accountId: "qm:reporter" }),
        entry({ accountId: "5f1a-agent" }, false),
        entry({ accountId: "5f1a-agent" }),
      ],
      context,
    );
    expect(events.map((e) => [e.visibleToCaller, e.automated])).toEqual([
      [true, true],
      [false, false],
      [true, false],
    ]);
  });

  it.each([
    ["jsdPublic true", { jsdPublic: true }, true],
    ["jsdPublic false (an internal note)", { jsdPublic: false }, false],
    ["no jsdPublic (Data Center)", {}, true],
    [
      "restricted to a role",
      { jsdPublic: true, visibility: { type: "role", value: "Service Desk Team" } },
      false,
    ],
  ] as const)("a platform comment with %s is public: %s", (_what, fields, isPublic) => {
    const comment = fromIssueComment({ id: "1", author: null, created: 0, ...fields });
    expect(comment.public).toBe(isPublic);
  });
});
