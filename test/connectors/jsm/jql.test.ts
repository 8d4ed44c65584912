import { describe, expect, it } from "vitest";
import { jqlDateTime, jqlString, updatedSinceJql } from "../../../connectors/jsm/jql.js";

describe("jqlString", () => {
  it.each([
    ["ITS", '"ITS"'],
    ['ITS" OR project is not EMPTY OR project = "X', '"ITS\\" OR project is not EMPTY OR project = \\"X"'],
    ["back\\slash", '"back\\\\slash"'],
    ['trailing\\"', '"trailing\\\\\\""'],
    ["ORDER BY key", '"ORDER BY key"'],
    ["'single'", "\"'single'\""],
  ])("%j → %s", (value, literal) => {
    expect(jqlString(value)).toBe(literal);
  });

  it.each(["a\nb", "a\rb", "tab\there", "nul\u0000"])("refuses control characters in %j", (value) => {
    expect(() => jqlString(value)).toThrow(RangeError);
  });
});

describe("jqlDateTime", () => {
  it.each([
    ["2026-03-02T08:55:59.999Z", "Europe/Amsterdam", '"2026-03-02 09:55"'],
    ["2026-07-01T08:55:00Z", "Europe/Amsterdam", '"2026-07-01 10:55"'],
    ["2026-03-02T08:55:00Z", "America/New_York", '"2026-03-02 03:55"'],
    ["2026-03-02T08:55:00Z", "UTC", '"2026-03-02 08:55"'],
  ])("%s in %s → %s (rounded down to the minute)", (instant, zone, literal) => {
    expect(jqlDateTime(Date.parse(instant), zone)).toBe(literal);
  });

  it("writes an hour earlier inside the repeated hour of a DST change, so no reading is later", () => {
    // 25 Oct 2026: 02:00–03:00 happens twice in Amsterdam. 00:30Z is the first 02:30 (+02:00).
    expect(jqlDateTime(Date.parse("2026-10-25T00:30:00Z"), "Europe/Amsterdam")).toBe('"2026-10-25 01:30"');
    // 01:30Z is the second 02:30 (+01:00); an hour earlier is the first 02:30, so the literal stays
    // "02:30" and both of its readings (00:30Z, 01:30Z) are at or before the instant
    expect(jqlDateTime(Date.parse("2026-10-25T01:30:00Z"), "Europe/Amsterdam")).toBe('"2026-10-25 02:30"');
  });

  it("refuses an unknown zone", () => {
    expect(() => jqlDateTime(0, "Mars/Olympus")).toThrow("unknown time zone: Mars/Olympus");
  });
});

describe("updatedSinceJql", () => {
  it("is bounded by the projects and ordered oldest first, the key breaking ties", () => {
    expect(updatedSinceJql(["ITS", "NET"], Date.parse("2026-03-02T08:55:00Z"), "Europe/Amsterdam")).toBe(
      'project in ("ITS", "NET") AND updated >= "2026-03-02 09:55" ORDER BY updated ASC, key ASC',
    );
  });

  it("refuses an unbounded query (Jira answers 400 to one)", () => {
    expect(() => updatedSinceJql([], 0, "UTC")).toThrow(RangeError);
  });
});
