import { describe, expect, it } from "vitest";
import { demoSummary } from "../../src/demo/index.js";
import type { CanonicalRecordInput } from "../../src/model/index.js";
import { demoData, isResolved, ofKind } from "./fixture.js";

const { records } = demoData();

describe("demoSummary", () => {
  it("counts records per kind and tickets per type, priority and open state", () => {
    const input: CanonicalRecordInput[] = [
      {
        kind: "ticket",
        id: "I1",
        source: "demo",
        type: "incident",
        priority: "P2",
        createdAt: "2026-03-02T09:00:00+01:00",
      },
      {
        kind: "ticket",
        id: "C1",
        source: "demo",
        type: "change",
        priority: null,
        createdAt: "2026-03-02T09:00:00+01:00",
        events: [
          { at: "2026-03-03T09:00:00+01:00", type: "resolved" },
          { at: "2026-03-04T09:00:00+01:00", type: "reopened" },
          { at: "2026-03-05T09:00:00+01:00", type: "resolved" },
        ],
      },
      { kind: "restore-test", at: "2026-03-02T09:00:00+01:00", success: true },
    ];
    const summary = demoSummary(input);
    expect(summary.records).toBe(3);
    expect(summary.byKind.ticket).toBe(2);
    expect(summary.byKind["restore-test"]).toBe(1);
    expect(summary.byKind.device).toBe(0);
    expect(summary.ticketsByType).toMatchObject({ incident: 1, change: 1, "service-request": 0 });
    expect(summary.ticketsByPriority).toEqual({ P1: 0, P2: 1, P3: 0, P4: 0, none: 1 });
    expect(summary.openTickets).toBe(1);
  });

  it("shows the demo's mix: a few thousand tickets, P1 about 2 %, P2 13 %, P3 50 %, P4 35 %", () => {
    const summary = demoSummary(records);
    const tickets = summary.byKind.ticket;
    expect(tickets).toBeGreaterThan(3000);
    expect(tickets).toBeLessThan(4200);
    const share = (n: number): number => n / tickets;
    expect(share(summary.ticketsByPriority.P1)).toBeGreaterThan(0.01);
    expect(share(summary.ticketsByPriority.P1)).toBeLessThan(0.035);
    expect(share(summary.ticketsByPriority.P2)).toBeGreaterThan(0.1);
    expect(share(summary.ticketsByPriority.P2)).toBeLessThan(0.16);
    expect(share(summary.ticketsByPriority.P3)).toBeGreaterThan(0.44);
    expect(share(summary.ticketsByPriority.P3)).toBeLessThan(0.56);
    expect(share(summary.ticketsByPriority.P4)).toBeGreaterThan(0.3);
    expect(share(summary.ticketsByPriority.P4)).toBeLessThan(0.4);
    expect(summary.openTickets).toBe(ofKind(records, "ticket").filter((t) => !isResolved(t)).length);
  });
});
