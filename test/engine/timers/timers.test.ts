import { describe, expect, it } from "vitest";
import { compareUrgency, liveTimers, type Timer, ticketTimers } from "../../../src/engine/timers/index.js";
import { context, MON, response, ticket } from "../../sinks/writeback/helpers.js";

const MIN = 60_000;
/** Friday 6 and Monday 9 March 2026, Amsterdam (+01:00). */
const FRI = (hhmm: string) => `2026-03-06T${hhmm}:00+01:00`;
const MON9 = (hhmm: string) => `2026-03-09T${hhmm}:00+01:00`;

function timersAt(t: ReturnType<typeof ticket>, now: string) {
  const result = ticketTimers(t, context(now));
  if (result === null) throw new Error("ticket not open");
  return Object.fromEntries(result.timers.map((timer) => [timer.clock, timer]));
}

describe("ticketTimers: hand-checked values (service window Mon–Fri 08–18 Amsterdam, atRiskAt 0.75)", () => {
  // A P2 incident registered Monday 09:00 has 60 business minutes to respond (due 10:00 = 09:00Z)
  // and 8 business hours to resolve (due 17:00 = 16:00Z).
  it.each([
    ["09:30", "running", 0.5, 30],
    ["09:45", "at-risk", 0.75, 15],
    ["10:30", "breached", 1.5, -30],
  ] as const)("P2 response at %s: %s, %f used, %i min left", (now, state, used, left) => {
    const { response: clock, resolution } = timersAt(ticket("T", { priority: "P2" }), MON(now));
    expect(clock).toMatchObject({
      state,
      clockKind: "business",
      deadline: Date.parse("2026-03-02T09:00:00Z"),
      allowedMs: 60 * MIN,
      remainingMs: left * MIN,
      stopped: false,
      pausedSince: null,
    });
    expect(clock?.usedShare).toBeCloseTo(used, 10);
    expect(resolution).toMatchObject({ state: "running", deadline: Date.parse("2026-03-02T16:00:00Z") });
  });

  it("a paused resolution: paused since the pause, 7 of 8 hours left, deadline as if resumed now", () => {
    // Responded 09:20; paused for the customer 10:00–now (11:00): 60 business minutes counted.
    const t = ticket("T", { priority: "P2" }, [
      response("09:20"),
      { at: MON("10:00"), type: "paused", reason: "customer" },
    ]);
    const timers = timersAt(t, MON("11:00"));
    expect(timers.response).toMatchObject({ state: "met", stopped: true, remainingMs: 40 * MIN });
    expect(timers.resolution).toMatchObject({
      state: "paused",
      elapsedMs: 60 * MIN,
      remainingMs: 420 * MIN,
      // 11:00 + 7 business hours = 18:00 local = 17:00Z
      deadline: Date.parse("2026-03-02T17:00:00Z"),
      pausedSince: Date.parse(MON("10:00")),
      stopped: false,
    });
    expect(timers.resolution?.usedShare).toBeCloseTo(60 / 480, 10);
  });

  // A P1 major incident from 09:00 whose 09:10 update answered the first due (09:30): the next is
  // due 60 clock minutes after 09:10, at 10:10 (09:10Z); coming due from 45 minutes (09:55).
  it.each([
    ["09:40", "running", 30],
    ["09:55", "at-risk", 15],
    ["10:10", "at-risk", 0],
    ["10:11", "breached", -1],
  ] as const)("a major incident's next update at %s: %s, %i min left", (now, state, left) => {
    const t = ticket("T", { priority: "P1" }, [
      { at: MON("09:00"), type: "major", value: true },
      response("09:10"),
    ]);
    expect(timersAt(t, MON(now))["major-update"]).toMatchObject({
      state,
      clockKind: "clock",
      priority: "P1",
      deadline: Date.parse("2026-03-02T09:10:00Z"),
      allowedMs: 60 * MIN,
      remainingMs: left * MIN,
      stopped: false,
    });
  });

  it("a major incident's first update is due 30 minutes after it became major", () => {
    const t = ticket("T", { priority: "P1" }, [{ at: MON("09:00"), type: "major", value: true }]);
    const timers = timersAt(t, MON("09:25"));
    expect(timers["major-update"]).toMatchObject({
      state: "at-risk",
      deadline: Date.parse("2026-03-02T08:30:00Z"),
      allowedMs: 30 * MIN,
      remainingMs: 5 * MIN,
    });
    // P1 response: 15 clock minutes, so breached at 09:25 without one.
    expect(timers.response).toMatchObject({ state: "breached", remainingMs: -10 * MIN, clockKind: "clock" });
    expect(timers.stabilisation).toMatchObject({
      state: "running",
      deadline: Date.parse("2026-03-02T12:00:00Z"),
    });
  });

  it("has no update timer once the major incident is stabilised", () => {
    const t = ticket("T", { priority: "P1" }, [
      { at: MON("09:00"), type: "major", value: true },
      response("09:10"),
      { at: MON("09:50"), type: "stabilized" },
    ]);
    expect(timersAt(t, MON("10:30"))["major-update"]).toBeUndefined();
  });

  it("counts business time across a weekend: Friday 17:30 + 45 business minutes is Monday 08:15", () => {
    const t = ticket("T", { priority: "P2", createdAt: FRI("17:30") });
    expect(timersAt(t, MON9("08:15")).response).toMatchObject({
      state: "at-risk",
      elapsedMs: 45 * MIN,
      deadline: Date.parse("2026-03-09T07:30:00Z"),
    });
  });

  it("gives an open ticket without norms no timers", () => {
    expect(ticketTimers(ticket("T", { priority: "P3" }), context(MON("10:00")))?.timers).toEqual([]);
  });

  it.each([
    ["closed", [{ at: MON("09:30"), type: "closed" }]],
    ["resolved", [{ at: MON("09:30"), type: "resolved" }]],
  ] as const)("has nothing for a %s ticket", (_what, events) => {
    expect(ticketTimers(ticket("T", { priority: "P2" }, [...events]), context(MON("10:00")))).toBeNull();
  });

  it("has nothing for a ticket registered after the instant", () => {
    expect(ticketTimers(ticket("T", { priority: "P2" }), context(MON("08:59")))).toBeNull();
  });

  it("shows a reopened ticket again", () => {
    const t = ticket("T", { priority: "P2" }, [
      response("09:10"),
      { at: MON("10:00"), type: "resolved" },
      { at: MON("11:00"), type: "reopened" },
    ]);
    // resolution counted 09:00–10:00 and 11:00–12:00: 2 of 8 hours
    expect(timersAt(t, MON("12:00")).resolution).toMatchObject({ state: "running", remainingMs: 360 * MIN });
  });
});

describe("urgency order", () => {
  const timer = (state: Timer["state"], usedShare: number, deadline = 0): Timer => ({
    clock: "response",
    clockKind: "business",
    priority: "P2",
    deadline,
    allowedMs: 60 * MIN,
    elapsedMs: usedShare * 60 * MIN,
    remainingMs: (1 - usedShare) * 60 * MIN,
    usedShare,
    state,
    stopped: state === "met",
    pausedSince: null,
  });

  it.each([
    ["breached before at-risk", timer("breached", 1.1), timer("at-risk", 0.9)],
    ["more overdue first among breached", timer("breached", 2), timer("breached", 1.1)],
    ["less remaining share first", timer("at-risk", 0.8), timer("running", 0.5)],
    ["a paused clock by its share too", timer("paused", 0.7), timer("running", 0.2)],
    ["the earlier deadline on a tie", timer("running", 0.5, 1), timer("running", 0.5, 2)],
    ["met clocks last", timer("running", 0.01), timer("met", 0.99)],
  ])("%s", (_name, first, second) => {
    expect(compareUrgency(first, second)).toBeLessThan(0);
    expect(compareUrgency(second, first)).toBeGreaterThan(0);
  });

  it("lists every open ticket's timers most urgent first", () => {
    const tickets = [
      ticket("C-running", { priority: "P2", createdAt: MON("09:30") }),
      ticket("A-breached", { priority: "P2", createdAt: MON("08:00") }),
      ticket("D-closed", { priority: "P2" }, [{ at: MON("09:10"), type: "closed" }]),
      ticket("B-at-risk", { priority: "P2", createdAt: MON("08:50") }),
    ];
    // At 09:40 A's response has used 100 of 60 minutes, B's 50 (0.83), C's 10 (0.17); the
    // resolutions 100, 50 and 10 of 480 (0.21, 0.10, 0.02).
    const rows = liveTimers(tickets, context(MON("09:40")));
    expect(rows.map((r) => `${r.ticket.ticket.id} ${r.timer.clock} ${r.timer.state}`)).toEqual([
      "A-breached response breached",
      "B-at-risk response at-risk",
      "A-breached resolution running",
      "C-running response running",
      "B-at-risk resolution running",
      "C-running resolution running",
    ]);
  });
});
