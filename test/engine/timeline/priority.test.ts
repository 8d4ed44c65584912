/**
 * M4 / decision 13: the priority that counts. Calendar: Amsterdam, Mon–Fri 08:00–18:00.
 * 2026-03-02 is a Monday; all times +01:00. Norms: P2 resolution 8 business h (480 min), P2
 * response 60 business min; P3 gets the supplier norms of the example supplier-norms file where a
 * case needs one: resolution 24 business h (1440 min).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CLOCK_POLICY, overrideClockPolicy } from "../../../src/engine/timeline/index.js";
import { clockView, HOUR_MS, ticket } from "./helpers.js";

const withP3Norm = overrideClockPolicy(DEFAULT_CLOCK_POLICY, {
  clocks: { resolution: { P3: { ms: 24 * HOUR_MS, clock: "business" } } },
});

// P3 deadline from Mon 09:00 with 1440 min: Mon 09–18 (540) + Tue (600) = 1140, 300 more → Wed 13:00.
const P3_DEADLINE = "2026-03-04T13:00:00+01:00";

describe("downgrade P2 → P3", () => {
  const created = { priority: "P2", createdAt: "2026-03-02T09:00:00+01:00" } as const;
  it.each([
    {
      // Downgraded at 12:00, before the P2 deadline (17:00); resolved Tue 12:00. P3 is in force at
      // the stop: 540 + 240 = 780 ≤ 1440.
      name: "before the P2 deadline, then resolved: P3 counts",
      events: [
        { at: "2026-03-02T12:00:00+01:00", type: "priority", priority: "P3" },
        { at: "2026-03-03T12:00:00+01:00", type: "resolved" },
      ] as const,
      now: "2026-03-03T13:00:00+01:00",
      expected: {
        priority: "P3",
        stopAt: "2026-03-03T12:00:00+01:00",
        deadline: P3_DEADLINE,
        elapsedMin: 780,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // Open at Tue 10:00: the P2 deadline (Mon 17:00) lies after its segment's end (Mon 12:00), so
      // P2 does not count; P3 (last segment) does. 540 + 120 = 660.
      name: "before the P2 deadline, still open: P3 counts",
      events: [{ at: "2026-03-02T12:00:00+01:00", type: "priority", priority: "P3" }] as const,
      now: "2026-03-03T10:00:00+01:00",
      expected: {
        priority: "P3",
        stopAt: null,
        deadline: P3_DEADLINE,
        elapsedMin: 660,
        status: "running",
        breachedAt: null,
      },
    },
    {
      // Downgraded at Mon 17:30, after the P2 deadline passed (17:00) while P2 was in force:
      // open at Tue 10:00, P2 counts and the ticket is breached from Mon 17:00.
      name: "after the P2 deadline, still open: P2 counts",
      events: [{ at: "2026-03-02T17:30:00+01:00", type: "priority", priority: "P3" }] as const,
      now: "2026-03-03T10:00:00+01:00",
      expected: {
        priority: "P2",
        stopAt: null,
        deadline: "2026-03-02T17:00:00+01:00",
        elapsedMin: 660,
        status: "breached",
        breachedAt: "2026-03-02T17:00:00+01:00",
      },
    },
    {
      // The same ticket once resolved (Tue 12:00): M4 takes the priority in force at the stop, P3,
      // so it is in time. This is the letter of M4; the downgrade-before-breach signal reports it.
      name: "after the P2 deadline, then resolved: P3 counts (M4: priority at the stop)",
      events: [
        { at: "2026-03-02T17:30:00+01:00", type: "priority", priority: "P3" },
        { at: "2026-03-03T12:00:00+01:00", type: "resolved" },
      ] as const,
      now: "2026-03-03T13:00:00+01:00",
      expected: {
        priority: "P3",
        stopAt: "2026-03-03T12:00:00+01:00",
        deadline: P3_DEADLINE,
        elapsedMin: 780,
        status: "met",
        breachedAt: null,
      },
    },
  ])("$name", ({ events, now, expected }) => {
    expect(clockView(ticket(created, [...events]), "resolution", now, withP3Norm)).toEqual({
      clockKind: "business",
      startAt: "2026-03-02T09:00:00+01:00",
      allowedMin: expected.priority === "P2" ? 480 : 1440,
      pausedMin: 0,
      ...expected,
    });
  });
});

describe("upgrade P3 → P2 (P3 without a norm)", () => {
  const created = { priority: "P3", createdAt: "2026-03-02T09:00:00+01:00" } as const;
  const upgradeTue = { at: "2026-03-03T09:00:00+01:00", type: "priority", priority: "P2" } as const;
  it.each([
    {
      // Upgraded Tue 09:00; the P2 deadline from creation was Mon 17:00, already past: breached
      // from the upgrade, with the P2 deadline. Elapsed Mon 540 + Tue 08–10 120 = 660.
      name: "after the P2 deadline: breached from the upgrade",
      clock: "resolution",
      events: [upgradeTue],
      now: "2026-03-03T10:00:00+01:00",
      expected: {
        priority: "P2",
        stopAt: null,
        deadline: "2026-03-02T17:00:00+01:00",
        allowedMin: 480,
        elapsedMin: 660,
        status: "breached",
        breachedAt: "2026-03-03T09:00:00+01:00",
      },
    },
    {
      // The response clock of the same ticket: P2 deadline Mon 10:00, also breached from Tue 09:00.
      name: "after the P2 response deadline: breached from the upgrade",
      clock: "response",
      events: [upgradeTue],
      now: "2026-03-03T10:00:00+01:00",
      expected: {
        priority: "P2",
        stopAt: null,
        deadline: "2026-03-02T10:00:00+01:00",
        allowedMin: 60,
        elapsedMin: 660,
        status: "breached",
        breachedAt: "2026-03-03T09:00:00+01:00",
      },
    },
    {
      // Resolved Tue 11:00 after that upgrade: P2 in force at the stop, 540 + 180 = 720 > 480;
      // the breach still dates from the upgrade, when the ticket first was P2 past its deadline.
      name: "after the P2 deadline, then resolved",
      clock: "resolution",
      events: [upgradeTue, { at: "2026-03-03T11:00:00+01:00", type: "resolved" }],
      now: "2026-03-03T12:00:00+01:00",
      expected: {
        priority: "P2",
        stopAt: "2026-03-03T11:00:00+01:00",
        deadline: "2026-03-02T17:00:00+01:00",
        allowedMin: 480,
        elapsedMin: 720,
        status: "breached",
        breachedAt: "2026-03-03T09:00:00+01:00",
      },
    },
    {
      // Before the upgrade is known (Tue 08:30) the ticket is a P3 without a norm.
      name: "before the upgrade is known",
      clock: "resolution",
      events: [upgradeTue],
      now: "2026-03-03T08:30:00+01:00",
      expected: {
        priority: "P3",
        stopAt: null,
        deadline: null,
        allowedMin: null,
        elapsedMin: 570,
        status: "no-norm",
        breachedAt: null,
      },
    },
    {
      // Upgraded Mon 11:00, before the P2 deadline; resolved Mon 16:00: 420 ≤ 480.
      name: "before the P2 deadline, then resolved",
      clock: "resolution",
      events: [
        { at: "2026-03-02T11:00:00+01:00", type: "priority", priority: "P2" },
        { at: "2026-03-02T16:00:00+01:00", type: "resolved" },
      ],
      now: "2026-03-02T17:00:00+01:00",
      expected: {
        priority: "P2",
        stopAt: "2026-03-02T16:00:00+01:00",
        deadline: "2026-03-02T17:00:00+01:00",
        allowedMin: 480,
        elapsedMin: 420,
        status: "met",
        breachedAt: null,
      },
    },
  ] as const)("$name", ({ clock, events, now, expected }) => {
    expect(clockView(ticket(created, [...events]), clock, now)).toEqual({
      clockKind: "business",
      startAt: "2026-03-02T09:00:00+01:00",
      pausedMin: 0,
      ...expected,
    });
  });
});

describe("priority changes across clock kinds and edges", () => {
  // P2 created Mon 17:00, upgraded to P1 at 17:30, known at 18:00.
  const upgradedToP1 = ticket({ priority: "P2", createdAt: "2026-03-02T17:00:00+01:00" }, [
    { at: "2026-03-02T17:30:00+01:00", type: "priority", priority: "P1" },
  ]);

  it("P2 → P1: response on the clock, breached from the upgrade", () => {
    // P1 response deadline 17:00 + 15 min = 17:15 < 17:30: breached from 17:30; elapsed on the
    // clock 17:00 → 18:00 = 60.
    expect(clockView(upgradedToP1, "response", "2026-03-02T18:00:00+01:00")).toEqual({
      priority: "P1",
      clockKind: "clock",
      startAt: "2026-03-02T17:00:00+01:00",
      stopAt: null,
      deadline: "2026-03-02T17:15:00+01:00",
      allowedMin: 15,
      elapsedMin: 60,
      pausedMin: 0,
      status: "breached",
      breachedAt: "2026-03-02T17:30:00+01:00",
    });
  });

  it("P2 → P1: resolution on the 48 h clock", () => {
    expect(clockView(upgradedToP1, "resolution", "2026-03-02T18:00:00+01:00")).toMatchObject({
      priority: "P1",
      clockKind: "clock",
      deadline: "2026-03-04T17:00:00+01:00",
      elapsedMin: 60,
      status: "running",
    });
  });

  it("a downgrade while the desk is closed after a window-end deadline is not a breach", () => {
    // P2 created Mon 17:00: response deadline Mon 18:00, but exactly 60 min are used until the
    // desk opens again (Tue 08:00). Downgraded to P3 (no norm) at Mon 20:00, before P2 ran over:
    // P3 counts. Elapsed to Tue 10:00: 60 + 120 = 180.
    const t = ticket({ priority: "P2", createdAt: "2026-03-02T17:00:00+01:00" }, [
      { at: "2026-03-02T20:00:00+01:00", type: "priority", priority: "P3" },
    ]);
    expect(clockView(t, "response", "2026-03-03T10:00:00+01:00")).toMatchObject({
      priority: "P3",
      deadline: null,
      elapsedMin: 180,
      status: "no-norm",
    });
  });

  it("a priority event at creation replaces the initial priority", () => {
    const t = ticket({ priority: "P3", createdAt: "2026-03-02T09:00:00+01:00" }, [
      { at: "2026-03-02T09:00:00+01:00", type: "priority", priority: "P1" },
    ]);
    expect(clockView(t, "response", "2026-03-02T09:10:00+01:00")).toMatchObject({
      priority: "P1",
      clockKind: "clock",
      deadline: "2026-03-02T09:15:00+01:00",
      status: "running",
    });
  });

  it("a ticket without priority has no norm and is measured in business time", () => {
    const t = ticket({ priority: null, createdAt: "2026-03-02T17:00:00+01:00" });
    expect(clockView(t, "resolution", "2026-03-03T09:00:00+01:00")).toMatchObject({
      priority: null,
      clockKind: "business",
      deadline: null,
      elapsedMin: 120,
      status: "no-norm",
    });
  });
});
