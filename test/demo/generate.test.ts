import { describe, expect, it } from "vitest";
import { generateDemoRecords } from "../../src/demo/index.js";
import {
  type CanonicalRecordInput,
  PRIORITIES,
  RECORD_KINDS,
  schemaByKind,
  TICKET_TYPES,
  type ticketEvent,
} from "../../src/model/index.js";
import { at, demoData, eventsOf, NOW, NOW_MS, ofKind, SEED, WINDOW_START_MS } from "./fixture.js";

const EVENT_TYPES: ReadonlyArray<(typeof ticketEvent)["_zod"]["input"]["type"]> = [
  "comment",
  "assigned",
  "priority",
  "major",
  "target",
  "paused",
  "resumed",
  "stabilized",
  "contained",
  "resolved",
  "reopened",
  "closed",
  "go-no-go",
  "executed",
  "rolled-back",
  "caused-incident",
  "rework",
  "ready",
  "rca-shared",
  "docs-updated",
];

/** Fields that record something that happened: they lie inside [now − months, now]. */
const HAPPENED: Record<CanonicalRecordInput["kind"], readonly string[]> = {
  ticket: ["createdAt"],
  device: ["at", "lastSyncAt"],
  patch: ["availableAt", "installedAt"],
  vulnerability: ["detectedAt", "mitigatedAt"],
  outage: ["start", "end"],
  "backup-run": ["scheduledAt"],
  "restore-test": ["at"],
  "eol-item": ["signalledAt"],
  "security-exception": ["reviewedAt"],
  improvement: ["updatedAt"],
  evidence: ["at"],
};

const OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;

/** Every string that looks like a timestamp, with its path, wherever it sits in the record. */
function timestamps(value: unknown, path: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) out.push([path, value]);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) timestamps(v, `${path}[${i}]`, out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) timestamps(v, `${path}.${k}`, out);
  }
  return out;
}

describe("generateDemoRecords", () => {
  const { records } = demoData();

  it("produces records every one of which parses with its kind's schema", () => {
    const rejected = records
      .map((r, i) => ({ i, kind: r.kind, result: schemaByKind[r.kind].safeParse(r) }))
      .filter((x) => !x.result.success)
      .map((x) => `#${x.i} ${x.kind}: ${x.result.error?.issues[0]?.message}`);
    expect(rejected.slice(0, 5)).toEqual([]);
    expect(records.length).toBeGreaterThan(10_000);
  });

  it("is reproducible: same seed and now give identical output, another seed does not", () => {
    const again = generateDemoRecords({ seed: SEED, now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(records));
    const other = generateDemoRecords({ seed: SEED + 1, now: NOW });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(records));
  });

  it("reads now as ISO text, Date or epoch milliseconds alike", () => {
    const small = { seed: 7, months: 1, ticketsPerMonth: 40 };
    const fromText = JSON.stringify(generateDemoRecords({ ...small, now: NOW }));
    expect(JSON.stringify(generateDemoRecords({ ...small, now: new Date(NOW_MS) }))).toBe(fromText);
    expect(JSON.stringify(generateDemoRecords({ ...small, now: NOW_MS }))).toBe(fromText);
  });

  it.each([
    [{ months: 0 }, /months/],
    [{ months: 2.5 }, /months/],
    [{ ticketsPerMonth: -1 }, /ticketsPerMonth/],
    [{ seed: Number.NaN }, /seed/],
    [{ now: "2026-03-15T12:00:00" }, /offset/],
  ])("rejects bad options %o", (override, message) => {
    expect(() => generateDemoRecords({ seed: 1, now: NOW, ...override })).toThrow(message);
  });

  it("contains every record kind, ticket type, priority and event type", () => {
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(RECORD_KINDS));
    const tickets = ofKind(records, "ticket");
    expect(new Set(tickets.map((t) => t.type))).toEqual(new Set(TICKET_TYPES));
    expect(new Set(tickets.map((t) => t.priority))).toEqual(new Set([...PRIORITIES, null]));
    const eventTypes = new Set(tickets.flatMap((t) => eventsOf(t).map((e) => e.type)));
    expect([...eventTypes].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("writes every timestamp with an offset, and what happened inside [now − 6 months, now]", () => {
    const problems: string[] = [];
    for (const record of records) {
      for (const [path, text] of timestamps(record, record.kind, [])) {
        if (!OFFSET.test(text)) problems.push(`${path} has no offset: ${text}`);
      }
      const happened = [
        ...HAPPENED[record.kind].map((f) => (record as Record<string, unknown>)[f]),
        ...(record.kind === "ticket" ? eventsOf(record).map((e) => e.at) : []),
        ...(record.kind === "vulnerability" ? [record.exception?.approvedAt] : []),
      ];
      for (const text of happened) {
        if (typeof text !== "string") continue;
        const t = at(text);
        if (t < WINDOW_START_MS || t > NOW_MS) problems.push(`${record.kind} ${text} outside the window`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("uses the Amsterdam offset of each date: +01:00 in winter, +02:00 in summer", () => {
    const created = ofKind(records, "ticket").map((t) => t.createdAt);
    expect(created.some((c) => c.startsWith("2025-10-01") && c.endsWith("+02:00"))).toBe(true);
    expect(created.some((c) => c.startsWith("2026-01-") && c.endsWith("+01:00"))).toBe(true);
    expect(created.every((c) => c.endsWith("+01:00") || c.endsWith("+02:00"))).toBe(true);
  });

  it("marks every record with source demo", () => {
    expect(records.every((r) => r.source === "demo")).toBe(true);
  });

  it.each([
    ["a short window without random tickets", { months: 1, ticketsPerMonth: 0, seed: 3 }],
    ["a summer now", { months: 2, ticketsPerMonth: 150, seed: 5, now: "2025-07-04T09:30:00+02:00" }],
  ])("still shows every event type and parses, for %s", (_, options) => {
    const small = generateDemoRecords({ now: NOW, ...options });
    const bad = small.filter((r) => !schemaByKind[r.kind].safeParse(r).success);
    expect(bad).toEqual([]);
    const types = new Set(ofKind(small, "ticket").flatMap((t) => eventsOf(t).map((e) => e.type)));
    expect([...types].sort()).toEqual([...EVENT_TYPES].sort());
    expect(new Set(small.map((r) => r.kind))).toEqual(new Set(RECORD_KINDS));
  });
});
