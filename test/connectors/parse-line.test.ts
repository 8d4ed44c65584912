import { describe, expect, it } from "vitest";
import { formatPath, parseRecordLine } from "../../connectors/file/parse-line.js";

const ticket = (fields: Record<string, unknown>) =>
  JSON.stringify({
    kind: "ticket",
    id: "I1",
    source: "topdesk",
    type: "incident",
    priority: "P2",
    createdAt: "2026-03-02T09:15:00+01:00",
    ...fields,
  });

describe("parseRecordLine", () => {
  it("parses a valid line into a canonical record with epoch-ms instants", () => {
    expect(parseRecordLine(ticket({}))).toMatchObject({
      ok: true,
      record: { kind: "ticket", id: "I1", createdAt: Date.parse("2026-03-02T08:15:00Z"), events: [] },
    });
  });

  it.each([
    ["invalid JSON", '{"kind": "ticket",', /^invalid JSON: /],
    ["a JSON string", '"ticket"', 'not a JSON object but string "ticket"'],
    ["null", "null", "not a JSON object but null"],
    ["a kind that is not a string", '{"kind": 7}', /^kind: unknown kind 7 \(expected one of ticket, /],
    ["an inherited property name as kind", '{"kind": "toString"}', /^kind: unknown kind "toString"/],
    [
      "a zone-less createdAt",
      ticket({ createdAt: "2026-03-02T09:15" }),
      'createdAt: timestamp "2026-03-02T09:15" has no offset (add Z or e.g. +01:00)',
    ],
    [
      "a date for a time",
      ticket({ createdAt: "2026-03-02" }),
      'createdAt: "2026-03-02" is a date without a time and offset',
    ],
    [
      "a missing field",
      ticket({ type: undefined }),
      /^type: missing \(expected one of incident, security-incident, /,
    ],
    [
      "a wrong enum",
      ticket({ type: "problem" }),
      /^type: "problem" is not one of incident, security-incident, service-request, /,
    ],
    ["a wrong type", ticket({ location: 12 }), "location: expected string, got number 12"],
    [
      "an event without a type",
      ticket({ events: [{ at: "2026-03-02T10:00:00Z" }] }),
      /^events\[0\]\.type: missing \(expected one of comment, /,
    ],
    [
      "a wrong pause reason",
      ticket({ events: [{ at: "2026-03-02T10:00:00Z", type: "paused", reason: "lunch" }] }),
      'events[0].reason: "lunch" is not one of customer, third-party, other',
    ],
    [
      "a csat above its scale",
      ticket({ csat: { score: 11, scale: 10 } }),
      "csat: csat score is above its scale",
    ],
    [
      "several problems",
      ticket({ priority: "P9", location: 1 }),
      'priority: "P9" is not one of P1, P2, P3, P4 (and 1 more problem)',
    ],
    [
      "an outage ending before it starts",
      JSON.stringify({
        kind: "outage",
        service: "network",
        start: "2026-03-02T10:00:00Z",
        end: "2026-03-02T09:00:00Z",
      }),
      "end: outage ends before it starts",
    ],
  ])("rejects %s", (_name, line, reason) => {
    const parsed = parseRecordLine(line);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    if (typeof reason === "string") expect(parsed.reason).toBe(reason);
    else expect(parsed.reason).toMatch(reason);
  });

  it("cuts a long received value short", () => {
    const parsed = parseRecordLine(ticket({ priority: "x".repeat(500) }));
    expect(parsed).toEqual({
      ok: false,
      reason: `priority: "${"x".repeat(38)}… is not one of P1, P2, P3, P4`,
    });
  });
});

describe("formatPath", () => {
  it.each([
    [[], "record"],
    [["priority"], "priority"],
    [["events", 3, "at"], "events[3].at"],
    [["exception", "until"], "exception.until"],
  ])("%j → %s", (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
