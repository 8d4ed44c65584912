import { describe, expect, it } from "vitest";
import { comments, mapIncident } from "../../../connectors/topdesk/mapper.js";
import { incidentListSchema, type TrailEntry, trailPageSchema } from "../../../connectors/topdesk/schema.js";
import { ticketRecord } from "../../../src/model/schema.js";
import { expectGolden, fixture, MAPPER_OPTIONS } from "./fixtures.js";

const TRAILS: Record<string, string> = {
  "I 2603 0101": "progresstrail-vpn",
  "I 2603 0102": "progresstrail-ransomware",
};

describe("mapIncident (golden)", () => {
  it("maps the recorded incidents and trails onto canonical tickets", () => {
    const incidents = incidentListSchema.parse(fixture("incidents-golden"));
    const results = incidents.map((incident) => {
      const trail = trailPageSchema.parse(fixture(TRAILS[incident.number] ?? "progresstrail-empty"));
      return { number: incident.number, ...mapIncident(incident, trail, null, MAPPER_OPTIONS) };
    });
    expectGolden("incidents-golden.canonical", results);
    // Every mapped ticket is a valid canonical record.
    for (const result of results) {
      if (result.kind === "ticket") expect(ticketRecord.safeParse(result.ticket).success).toBe(true);
    }
  });

  it("keeps no names, texts or caller data in the stored history", () => {
    const incidents = incidentListSchema.parse(fixture("incidents-golden"));
    const stored = incidents
      .map((incident) => mapIncident(incident, [], null, MAPPER_OPTIONS))
      .map((r) => (r.kind === "ticket" ? JSON.stringify(r.state) : ""))
      .join("\n");
    for (const personal of ["de Vries", "Jansen", "Bakker", "VPN drops", "Utrecht", "servicedesk@"]) {
      expect(stored).not.toContain(personal);
    }
  });
});

describe("comments", () => {
  const at = "2026-03-02T08:00:00.000+0000";
  const entry = (fields: Partial<TrailEntry>): TrailEntry => ({ entryDate: at, ...fields });
  const operator = { id: "op-1", name: "de Vries, K." };

  it.each([
    ["a visible operator action", { operator, memoText: "x", invisibleForCaller: false }, [true, false]],
    ["an internal operator action", { operator, memoText: "x", invisibleForCaller: true }, [false, false]],
    [
      "an action by an automation account (by name)",
      { operator: { id: "op-9", name: "sla-bot" }, memoText: "x" },
      [true, true],
    ],
    [
      "an action by an automation account (by id)",
      { operator: { id: "SLA-bot" }, memoText: "x" },
      [true, true],
    ],
    ["an e-mail sent by an operator", { operator, title: "Update", sender: "sd@example.nl" }, [true, false]],
    [
      "a system e-mail (auto-acknowledgement)",
      { title: "Registered", sender: "sd@example.nl" },
      [true, true],
    ],
  ] as const)("%s → visibleToCaller, automated = %j", (_name, fields, [visible, automated]) => {
    expect(comments([entry(fields as Partial<TrailEntry>)], MAPPER_OPTIONS)).toEqual([
      { at: "2026-03-02T08:00:00.000Z", type: "comment", visibleToCaller: visible, automated },
    ]);
  });

  it.each([
    ["a caller's request", { person: { id: "pe-1" }, memoText: "help" }],
    ["a caller's e-mail", { person: { id: "pe-1" }, title: "RE: x", sender: "caller@example.nl" }],
    ["an attachment", { operator, fileName: "log.txt" }],
    ["an entry with no text", { operator }],
  ] as const)("%s is not a comment", (_name, fields) => {
    expect(comments([entry(fields as Partial<TrailEntry>)], MAPPER_OPTIONS)).toEqual([]);
  });
});
