/**
 * Rough checks that the data set lands where the demo wants it: most KPIs green, a few red. The
 * engine computes the real scores; these are simplified readings of rules M2/M3/M16 with the
 * demo's own calendar, enough to catch a story that drifted far off its norm.
 */
import { describe, expect, it } from "vitest";
import { demoCalendar } from "../../src/demo/calendar.js";
import { at, demoData, eventsOf, NOW_MS, ofKind, type TicketInput } from "./fixture.js";

const { records } = demoData();
const tickets = ofKind(records, "ticket");
const incidents = tickets.filter((t) => t.type === "incident" || t.type === "security-incident");
const cal = demoCalendar(NOW_MS - 400 * 86_400_000, NOW_MS + 30 * 86_400_000);
const RESPONSE = { P1: 15, P2: 60, P3: 240, P4: 480 } as const;
const RESOLUTION = { P1: 2880, P2: 480, P3: 1440, P4: 2400 } as const;
type P = keyof typeof RESPONSE;

function priorityAt(t: TicketInput, time: number): P | null {
  let p = t.priority ?? null;
  for (const e of eventsOf(t)) {
    if (at(e.at) > time) break;
    if (e.type === "priority") p = e.priority;
  }
  return p;
}

const minutes = (p: P, from: number, to: number): number =>
  p === "P1" ? (to - from) / 60_000 : cal.businessMinutes(from, to);

/** Share of incidents per priority (at the stop moment) whose first response was in time. */
function responseShare(priority: P): number {
  const cases = incidents.flatMap((t) => {
    const response = eventsOf(t).find((e) => e.type === "comment" && e.visibleToCaller && !e.automated);
    if (response === undefined || priorityAt(t, at(response.at)) !== priority) return [];
    return [minutes(priority, at(t.createdAt), at(response.at)) <= RESPONSE[priority]];
  });
  return cases.filter(Boolean).length / cases.length;
}

/** Share resolved in time: customer pauses and resolved→reopened spans do not count. */
function resolutionShare(priority: P): number {
  const cases = incidents.flatMap((t) => {
    const events = eventsOf(t);
    const last = events.filter((e) => e.type === "resolved" || e.type === "reopened").at(-1);
    if (last?.type !== "resolved" || priorityAt(t, at(last.at)) !== priority) return [];
    let total = 0;
    let runningSince: number | null = at(t.createdAt);
    for (const e of events) {
      const time = at(e.at);
      const stops = (e.type === "paused" && e.reason === "customer") || e.type === "resolved";
      if (stops && runningSince !== null) {
        total += minutes(priority, runningSince, time);
        runningSince = null;
      } else if ((e.type === "resumed" || e.type === "reopened") && runningSince === null)
        runningSince = time;
    }
    return [total <= RESOLUTION[priority]];
  });
  return cases.filter(Boolean).length / cases.length;
}

describe("the demo's KPI picture (rough)", () => {
  it.each([
    ["P1", 0.9, 1],
    ["P2", 0.92, 0.99],
    ["P3", 0.92, 0.99],
    ["P4", 0.92, 0.99],
  ] as const)("first response %s is mostly in time", (p, low, high) => {
    const share = responseShare(p);
    expect(share).toBeGreaterThanOrEqual(low);
    expect(share).toBeLessThanOrEqual(high);
  });

  it.each([
    ["P2", 0.9, 0.99],
    ["P3", 0.88, 0.99],
    ["P4", 0.88, 0.99],
  ] as const)("resolution %s is mostly in time, not always", (p, low, high) => {
    const share = resolutionShare(p);
    expect(share).toBeGreaterThanOrEqual(low);
    expect(share).toBeLessThanOrEqual(high);
  });

  it("has first-time fixes above 70 % and continuous ownership above 95 %, both below 100 %", () => {
    const population = tickets.filter(
      (t) =>
        t.type !== "change" && t.type !== "standard-change" && eventsOf(t).some((e) => e.type === "resolved"),
    );
    const firstTime = population.filter((t) => {
      const groups = eventsOf(t).flatMap((e) => (e.type === "assigned" && e.group != null ? [e.group] : []));
      return new Set(groups).size <= 1 && !eventsOf(t).some((e) => e.type === "reopened");
    });
    const share = firstTime.length / population.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.9);
    const continuous = population.filter((t) => {
      const owners = eventsOf(t).flatMap((e) => (e.type === "assigned" ? [e.owner ?? null] : []));
      const first = owners.findIndex((o) => o !== null);
      return first >= 0 && !owners.slice(first).includes(null);
    });
    expect(continuous.length / population.length).toBeGreaterThan(0.95);
    expect(continuous.length / population.length).toBeLessThan(1);
  });

  it("has CSAT of 7/10 or more for 75–90 % of ratings", () => {
    const rated = tickets.flatMap((t) => (t.csat == null ? [] : [(t.csat.score / t.csat.scale) * 10 >= 7]));
    const share = rated.filter(Boolean).length / rated.length;
    expect(share).toBeGreaterThan(0.75);
    expect(share).toBeLessThan(0.9);
  });
});
