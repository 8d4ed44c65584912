import { describe, expect, it } from "vitest";
import { demoCalendar, localParts } from "../../src/demo/calendar.js";
import { at, demoData, eventsOf, isResolved, NOW_MS, ofKind, type TicketInput } from "./fixture.js";
import { storyProblems } from "./story-check.js";

const { records } = demoData();
const tickets = ofKind(records, "ticket");
const cal = demoCalendar(NOW_MS - 400 * 86_400_000, NOW_MS + 30 * 86_400_000);
const byId = new Map(tickets.map((t) => [t.id, t]));
const RANK = { P1: 1, P2: 2, P3: 3, P4: 4 } as const;

describe("ticket stories", () => {
  it("are checked by a story check that does catch broken stories", () => {
    const broken: TicketInput = {
      kind: "ticket",
      id: "I2603-9999",
      source: "demo",
      type: "incident",
      priority: "P3",
      createdAt: "2026-03-02T09:00:00+01:00",
      events: [
        { at: "2026-03-02T08:59:00+01:00", type: "comment", visibleToCaller: true, automated: true },
        { at: "2026-03-02T09:10:00+01:00", type: "resumed" },
        { at: "2026-03-02T09:20:00+01:00", type: "contained" },
        { at: "2026-03-02T09:30:00+01:00", type: "closed" },
      ],
    };
    expect(storyProblems(broken, byId)).toEqual([
      "I2603-9999: comment at 2026-03-02T08:59:00+01:00 is out of order or before creation",
      "I2603-9999: resumed without paused",
      "I2603-9999: contained on a incident",
      "I2603-9999: closed while not resolved",
    ]);
  });

  it("keep their events in time order and follow the ticket's logic", () => {
    expect(tickets.flatMap((t) => storyProblems(t, byId)).slice(0, 10)).toEqual([]);
  });

  it("assign a group and an owner before the first substantive response", () => {
    const missing = tickets.filter((t) => {
      const events = eventsOf(t);
      const response = events.findIndex((e) => e.type === "comment" && e.visibleToCaller && !e.automated);
      const owner = events.findIndex((e) => e.type === "assigned" && e.owner != null && e.group != null);
      return response >= 0 && (owner < 0 || owner > response);
    });
    expect(missing.map((t) => t.id)).toEqual([]);
  });

  it("leave a realistic backlog open at now, some of it older than 10 working days", () => {
    const open = tickets.filter((t) => !isResolved(t) && t.type !== "change" && t.type !== "standard-change");
    expect(open.length).toBeGreaterThan(20);
    expect(open.length).toBeLessThan(120);
    const old = open.filter((t) => cal.businessMinutes(at(t.createdAt), NOW_MS) > 10 * 600);
    expect(old.length).toBeGreaterThanOrEqual(2);
    expect(old.length).toBeLessThanOrEqual(20);
  });

  it("include major incidents with updates until stabilisation, one major later, one still running", () => {
    const majors = tickets.filter((t) => eventsOf(t).some((e) => e.type === "major" && e.value));
    expect(majors.length).toBeGreaterThanOrEqual(4);
    const withUpdates = majors.filter((t) => {
      const events = eventsOf(t);
      const end =
        events.find((e) => e.type === "stabilized")?.at ?? events.find((e) => e.type === "resolved")?.at;
      const updates = events.filter(
        (e) =>
          e.type === "comment" && e.visibleToCaller && !e.automated && (end === undefined || e.at <= end),
      );
      return updates.length >= 2;
    });
    expect(withUpdates.length).toBeGreaterThanOrEqual(3);
    const later = majors.filter((t) =>
      eventsOf(t).some((e) => e.type === "major" && at(e.at) > at(t.createdAt)),
    );
    expect(later.length).toBeGreaterThanOrEqual(1);
    expect(majors.some((t) => !eventsOf(t).some((e) => e.type === "stabilized"))).toBe(true);
    expect(majors.some((t) => eventsOf(t).some((e) => e.type === "rca-shared"))).toBe(true);
  });

  it("include reopened tickets, priority downgrades and one just before the P2 deadline", () => {
    expect(tickets.filter((t) => eventsOf(t).some((e) => e.type === "reopened")).length).toBeGreaterThan(20);
    const downgrades = tickets.flatMap((t) => {
      let current = t.priority ?? null;
      const found: Array<{ ticket: TicketInput; from: string; to: string; at: string }> = [];
      for (const e of eventsOf(t)) {
        if (e.type !== "priority") continue;
        if (current !== null && RANK[e.priority] > RANK[current])
          found.push({ ticket: t, from: current, to: e.priority, at: e.at });
        current = e.priority;
      }
      return found;
    });
    expect(downgrades.length).toBeGreaterThan(5);
    const beforeDeadline = downgrades.filter(
      (d) => d.from === "P2" && cal.businessMinutes(at(d.ticket.createdAt), at(d.at)) > 400,
    );
    expect(beforeDeadline.length).toBeGreaterThanOrEqual(1);
  });

  it("include customer pauses over a weekend and third-party pauses of security incidents", () => {
    const weekend = tickets.some((t) => {
      const events = eventsOf(t);
      return events.some((e, i) => {
        if (e.type !== "paused" || e.reason !== "customer") return false;
        const resumed = events.slice(i + 1).find((x) => x.type === "resumed");
        return (
          resumed !== undefined &&
          at(resumed.at) - at(e.at) > 2 * 86_400_000 &&
          localParts(at(e.at)).weekday >= 4
        );
      });
    });
    expect(weekend).toBe(true);
    const thirdParty = tickets.filter(
      (t) =>
        t.type === "security-incident" &&
        eventsOf(t).some((e) => e.type === "paused" && e.reason === "third-party"),
    );
    expect(thirdParty.length).toBeGreaterThanOrEqual(1);
  });

  it("include owner gaps, handovers between groups and multi-party spans", () => {
    const gaps = tickets.filter((t) => {
      const owners = eventsOf(t).flatMap((e) => (e.type === "assigned" ? [e.owner ?? null] : []));
      const first = owners.findIndex((o) => o !== null);
      return first >= 0 && owners.slice(first).includes(null);
    });
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    const groupChanges = tickets.filter((t) => {
      const groups = eventsOf(t).flatMap((e) => (e.type === "assigned" && e.group != null ? [e.group] : []));
      return new Set(groups).size > 1;
    });
    expect(groupChanges.length / tickets.length).toBeGreaterThan(0.1);
    expect(groupChanges.length / tickets.length).toBeLessThan(0.3);
    expect(
      tickets.filter((t) => eventsOf(t).some((e) => e.type === "assigned" && e.party != null)).length,
    ).toBeGreaterThan(50);
  });

  it("create P1 tickets at night too, and most other tickets in office hours on working days", () => {
    const office = (t: TicketInput): boolean => {
      const p = localParts(at(t.createdAt));
      return cal.isWorkingDay(p.date) && p.hour >= 8 && p.hour < 18;
    };
    const p1 = tickets.filter((t) => t.priority === "P1");
    expect(p1.some((t) => !office(t))).toBe(true);
    const others = tickets.filter((t) => t.priority !== "P1");
    expect(others.filter(office).length / others.length).toBeGreaterThan(0.9);
  });

  it("rate about 30 % of resolved tickets, on 1–10 and 1–5 scales", () => {
    const resolved = tickets.filter((t) => isResolved(t) && t.type !== "change");
    const rated = resolved.filter((t) => t.csat != null);
    expect(rated.length / resolved.length).toBeGreaterThan(0.25);
    expect(rated.length / resolved.length).toBeLessThan(0.35);
    expect(new Set(rated.map((t) => t.csat?.scale))).toEqual(new Set([5, 10]));
  });

  it("keep titles short and numbered ids unique", () => {
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    expect(tickets.every((t) => /^(I|SI|SR|WP|SC|C)\d{4}-\d{4}$/.test(t.id))).toBe(true);
    expect(
      tickets.every((t) => typeof t.title === "string" && t.title.length > 0 && t.title.length <= 80),
    ).toBe(true);
  });

  it("give standard changes a catalog item and sometimes an agreed lead time", () => {
    const standard = tickets.filter((t) => t.type === "standard-change");
    expect(standard.every((t) => typeof t.catalogItem === "string")).toBe(true);
    expect(standard.some((t) => typeof t.leadTimeDays === "number")).toBe(true);
    expect(tickets.filter((t) => t.type !== "standard-change").every((t) => t.catalogItem == null)).toBe(
      true,
    );
  });
});
