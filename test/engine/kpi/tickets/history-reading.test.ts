/**
 * The analysis reads a ticket's events once: the lifecycle and the rare kinds of event the KPIs
 * look for (`HistoryFact`). A ticket whose events `knownHistory` keeps as they are serves as its
 * own history; otherwise the known history is read. Calendar: Amsterdam, 2026-03-02 is a Monday.
 */
import { describe, expect, it } from "vitest";
import { analyseTicket } from "../../../../src/engine/kpi/tickets/index.js";
import { DEFAULT_CLOCK_POLICY } from "../../../../src/engine/timeline/index.js";
import { at, calendar, ev, ticket } from "./helpers.js";

const NOW = "2026-03-10T12:00:00+01:00";
const analyse = (t: ReturnType<typeof ticket>) =>
  analyseTicket(t, { calendar, policy: DEFAULT_CLOCK_POLICY, now: at(NOW) });
const CREATED = "2026-03-02T09:00:00+01:00";

describe("reading a ticket's history", () => {
  it("uses the ticket itself as its history when nothing needs dropping or moving", () => {
    const t = ticket("H-1", { priority: "P3", createdAt: CREATED }, [
      ev.resolved("2026-03-02T10:00:00+01:00"),
    ]);
    expect(analyse(t).history).toBe(t);
  });

  it.each([
    ["an event after now", [ev.resolved("2026-03-11T10:00:00+01:00")]],
    ["an event before creation", [ev.reply("2026-03-02T08:00:00+01:00")]],
    ["an event with milliseconds", [ev.resolved("2026-03-02T10:00:00.250+01:00")]],
  ])("reads the known history instead when there is %s", (_, events) => {
    const t = ticket("H-2", { priority: "P3", createdAt: CREATED }, events);
    const analysis = analyse(t);
    expect(analysis.history).not.toBe(t);
    expect(analysis.history?.events.every((e) => e.at % 1000 === 0 && e.at >= at(CREATED))).toBe(true);
    expect(analysis.history?.events.every((e) => e.at <= at(NOW))).toBe(true);
  });

  it.each([
    ["major", [ev.major("2026-03-02T09:10:00+01:00")], ["major"]],
    ["a major flag set to false only", [ev.major("2026-03-02T09:10:00+01:00", false)], []],
    ["target", [ev.target("2026-03-02T09:10:00+01:00", "2026-03-03T12:00:00+01:00")], ["target"]],
    ["party", [ev.assigned("2026-03-02T09:10:00+01:00", "op-1", "netwerk", "KPN")], ["party"]],
    ["assigned without a party", [ev.assigned("2026-03-02T09:10:00+01:00", "op-1", "netwerk", null)], []],
    ["priority", [ev.priority("2026-03-02T09:10:00+01:00", "P2")], ["priority"]],
    ["a major flag known only after now", [ev.major("2026-03-11T09:10:00+01:00")], []],
  ] as const)("knows which rare events the history holds: %s", (_, events, facts) => {
    const analysis = analyse(ticket("H-3", { priority: "P3", createdAt: CREATED }, [...events]));
    const held = (["major", "target", "party", "priority"] as const).filter((f) => analysis.holds(f));
    expect(held).toEqual(facts);
  });
});
