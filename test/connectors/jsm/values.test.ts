import { describe, expect, it } from "vitest";
import {
  displayValue,
  isMajorValue,
  requestTypeName,
  satisfactionRating,
  userId,
  userListIds,
} from "../../../connectors/jsm/values.js";

describe("custom-field values", () => {
  it.each([
    ["a select option", { self: "x", value: "Utrecht", id: "10070" }, "Utrecht"],
    ["an Atlassian team", { id: "aa11", name: "Network L2", title: "Network L2" }, "Network L2"],
    ["a group", { name: "servicedesk-l2" }, "servicedesk-l2"],
    ["text", "Amersfoort", "Amersfoort"],
    ["blank text", "  ", null],
    ["a multi-select, first option", [{ value: "A" }, { value: "B" }], "A"],
    ["an empty list", [], null],
    ["null", null, null],
  ])("displayValue of %s → %j", (_what, raw, expected) => {
    expect(displayValue(raw)).toBe(expected);
  });

  // The value of a flagged major incident is not documented (shared/apis/jsm.md §9.1).
  it.each([
    ["MAJOR_INCIDENT", true],
    [true, true],
    [{ id: "1" }, true],
    [["x"], true],
    [null, false],
    [undefined, false],
    ["", false],
    [false, false],
    [[], false],
    [{}, false],
  ])("isMajorValue(%j) → %s", (raw, expected) => {
    expect(isMajorValue(raw)).toBe(expected);
  });

  // The Satisfaction field's value shape is not documented (§6): each plausible one is read.
  it.each([
    [4, 4],
    [{ rating: 5 }, 5],
    [{ value: 3 }, 3],
    [{ value: "2" }, 2],
    [null, null],
    [{ comment: "no rating" }, null],
    ["great", null],
  ])("satisfactionRating(%j) → %j", (raw, expected) => {
    expect(satisfactionRating(raw)).toBe(expected);
  });

  it("reads the request type's name from the request-type field", () => {
    expect(requestTypeName({ requestType: { id: "17", name: "Report a system problem" } })).toBe(
      "Report a system problem",
    );
    expect(requestTypeName(null)).toBeNull();
  });

  it("identifies people by accountId on Cloud and by key (else name) on Data Center", () => {
    expect(userId({ accountId: "5f1a", displayName: "R. Okafor" })).toBe("5f1a");
    expect(userId({ key: "JIRAUSER10100", name: "rokafor" })).toBe("JIRAUSER10100");
    expect(userId({ name: "rokafor" })).toBe("rokafor");
    expect(userId(null)).toBeNull();
    expect(userListIds([{ accountId: "a" }, { key: "k", name: "n" }])).toEqual(["a", "k", "n"]);
  });
});
