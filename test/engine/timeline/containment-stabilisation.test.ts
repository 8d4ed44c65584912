/**
 * Containment (O1.10) and stabilisation (O1.6), and which ticket types carry which clocks (M16).
 * Calendar: Amsterdam, Mon–Fri 08:00–18:00. 2026-03-10 is a Tuesday; all times +01:00.
 */
import { describe, expect, it } from "vitest";
import { computeClocks, DEFAULT_CLOCK_POLICY } from "../../../src/engine/timeline/index.js";
import { ams, at, calendar, clockView, ticket } from "./helpers.js";

describe("a third-party pause stops containment but not resolution", () => {
  // Security incident P2 created Tue 09:00; waiting for a third party Tue 11:00 → Wed 11:00;
  // contained Thu 10:00. Known at Thu 12:00.
  const t = ticket({ type: "security-incident", priority: "P2", createdAt: "2026-03-10T09:00:00+01:00" }, [
    { at: "2026-03-10T11:00:00+01:00", type: "paused", reason: "third-party" },
    { at: "2026-03-11T11:00:00+01:00", type: "resumed" },
    { at: "2026-03-12T10:00:00+01:00", type: "contained" },
  ]);
  const now = "2026-03-12T12:00:00+01:00";

  it("has the four clocks of a security incident", () => {
    const names = computeClocks(t, { calendar, policy: DEFAULT_CLOCK_POLICY, now: at(now) }).map(
      (c) => c.name,
    );
    expect(names).toEqual(["response", "resolution", "stabilisation", "containment"]);
  });

  it("containment: paused while waiting for the third party", () => {
    // Counting: Tue 09–11 (120) + Wed 11–18 (420) + Thu 08–10 (120) = 660 min of 24 h = 1440.
    // Paused: Tue 11–18 (420) + Wed 08–11 (180) = 600.
    // Deadline: 780 min left after the Thu 10:00 stop: Thu 10–18 (480), Fri 08–13 (300) → Fri 13:00.
    expect(clockView(t, "containment", now)).toEqual({
      priority: "P2",
      clockKind: "business",
      startAt: "2026-03-10T09:00:00+01:00",
      stopAt: "2026-03-12T10:00:00+01:00",
      deadline: "2026-03-13T13:00:00+01:00",
      allowedMin: 1440,
      elapsedMin: 660,
      pausedMin: 600,
      status: "met",
      breachedAt: null,
    });
  });

  it("resolution: runs through the third-party wait", () => {
    // Tue 09–18 (540) + Wed (600) + Thu 08–12 (240) = 1380; deadline Tue 09:00 + 8 h = Tue 17:00.
    expect(clockView(t, "resolution", now)).toEqual({
      priority: "P2",
      clockKind: "business",
      startAt: "2026-03-10T09:00:00+01:00",
      stopAt: null,
      deadline: "2026-03-10T17:00:00+01:00",
      allowedMin: 480,
      elapsedMin: 1380,
      pausedMin: 0,
      status: "breached",
      breachedAt: "2026-03-10T17:00:00+01:00",
    });
  });

  it("stabilisation of a P2: no norm, elapsed still reported", () => {
    expect(clockView(t, "stabilisation", now)).toMatchObject({
      priority: "P2",
      clockKind: "business",
      stopAt: null,
      deadline: null,
      elapsedMin: 1380,
      status: "no-norm",
    });
  });
});

describe("containment of P1 security incidents, on the clock", () => {
  it.each([
    {
      // Sat 22:00 created, third party Sat 23:00 → Sun 01:30, contained Sun 03:00.
      // Counting 22–23 (60) + 01:30–03:00 (90) = 150 of 240; paused 150.
      // Deadline: 180 min left from 01:30 → 04:30.
      name: "a night with a third-party wait",
      t: ticket({ type: "security-incident", priority: "P1", createdAt: "2026-03-14T22:00:00+01:00" }, [
        { at: "2026-03-14T23:00:00+01:00", type: "paused", reason: "third-party" },
        { at: "2026-03-15T01:30:00+01:00", type: "resumed" },
        { at: "2026-03-15T03:00:00+01:00", type: "contained" },
      ]),
      now: "2026-03-15T04:00:00+01:00",
      expected: {
        stopAt: "2026-03-15T03:00:00+01:00",
        deadline: "2026-03-15T04:30:00+01:00",
        elapsedMin: 150,
        pausedMin: 150,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // A `resolved` ends the third-party pause (M3) but does not stop containment (M2):
      // counting 09–10 (60) + 12–13 (60); paused 10–12 (120); deadline 180 min after 12:00 = 15:00.
      name: "a resolve ends the pause, containment runs on",
      t: ticket({ type: "security-incident", priority: "P1", createdAt: "2026-03-10T09:00:00+01:00" }, [
        { at: "2026-03-10T10:00:00+01:00", type: "paused", reason: "third-party" },
        { at: "2026-03-10T12:00:00+01:00", type: "resolved" },
        { at: "2026-03-10T13:00:00+01:00", type: "contained" },
      ]),
      now: "2026-03-10T14:00:00+01:00",
      expected: {
        stopAt: "2026-03-10T13:00:00+01:00",
        deadline: "2026-03-10T15:00:00+01:00",
        elapsedMin: 120,
        pausedMin: 120,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // Resolved but never contained: containment keeps running. 09:00 → 14:00 = 300 > 240.
      name: "resolved without `contained`",
      t: ticket({ type: "security-incident", priority: "P1", createdAt: "2026-03-10T09:00:00+01:00" }, [
        { at: "2026-03-10T10:00:00+01:00", type: "resolved" },
      ]),
      now: "2026-03-10T14:00:00+01:00",
      expected: {
        stopAt: null,
        deadline: "2026-03-10T13:00:00+01:00",
        elapsedMin: 300,
        pausedMin: 0,
        status: "breached",
        breachedAt: "2026-03-10T13:00:00+01:00",
      },
    },
  ])("$name", ({ t, now, expected }) => {
    expect(clockView(t, "containment", now)).toEqual({
      priority: "P1",
      clockKind: "clock",
      startAt: ams(t.createdAt),
      allowedMin: 240,
      ...expected,
    });
  });
});

describe("stabilisation of a P1 incident (4 h on the clock)", () => {
  const created = { priority: "P1", createdAt: "2026-03-10T09:00:00+01:00" } as const;
  it.each([
    {
      // No `stabilized`: the resolve at 12:30 stops it. 210 ≤ 240, deadline 13:00.
      name: "stops at `resolved` when there is no `stabilized`",
      events: [{ at: "2026-03-10T12:30:00+01:00", type: "resolved" }] as const,
      expected: {
        stopAt: "2026-03-10T12:30:00+01:00",
        deadline: "2026-03-10T13:00:00+01:00",
        elapsedMin: 210,
        pausedMin: 0,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // `stabilized` at 10:00 comes first; the later resolve does not matter.
      name: "stops at `stabilized` when it comes first",
      events: [
        { at: "2026-03-10T10:00:00+01:00", type: "stabilized" },
        { at: "2026-03-10T15:00:00+01:00", type: "resolved" },
      ] as const,
      expected: {
        stopAt: "2026-03-10T10:00:00+01:00",
        deadline: "2026-03-10T13:00:00+01:00",
        elapsedMin: 60,
        pausedMin: 0,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // Stabilised 13:30: 270 > 240, breached at 13:00.
      name: "stabilised too late",
      events: [{ at: "2026-03-10T13:30:00+01:00", type: "stabilized" }] as const,
      expected: {
        stopAt: "2026-03-10T13:30:00+01:00",
        deadline: "2026-03-10T13:00:00+01:00",
        elapsedMin: 270,
        pausedMin: 0,
        status: "breached",
        breachedAt: "2026-03-10T13:00:00+01:00",
      },
    },
    {
      // A customer pause 10:00–11:00 stops it: 210 counted, deadline moves to 14:00.
      name: "a customer pause stops it",
      events: [
        { at: "2026-03-10T10:00:00+01:00", type: "paused", reason: "customer" },
        { at: "2026-03-10T11:00:00+01:00", type: "resumed" },
        { at: "2026-03-10T13:30:00+01:00", type: "stabilized" },
      ] as const,
      expected: {
        stopAt: "2026-03-10T13:30:00+01:00",
        deadline: "2026-03-10T14:00:00+01:00",
        elapsedMin: 210,
        pausedMin: 60,
        status: "met",
        breachedAt: null,
      },
    },
  ])("$name", ({ events, expected }) => {
    expect(clockView(ticket(created, [...events]), "stabilisation", "2026-03-10T16:00:00+01:00")).toEqual({
      priority: "P1",
      clockKind: "clock",
      startAt: "2026-03-10T09:00:00+01:00",
      allowedMin: 240,
      ...expected,
    });
  });

  it("the definitive fix of the same P1 is the 48 h resolution clock", () => {
    const t = ticket(created, [{ at: "2026-03-10T12:30:00+01:00", type: "resolved" }]);
    expect(clockView(t, "resolution", "2026-03-10T16:00:00+01:00")).toMatchObject({
      clockKind: "clock",
      deadline: "2026-03-12T09:00:00+01:00",
      elapsedMin: 210,
      status: "met",
    });
  });
});

describe("which ticket types have which clocks (M16)", () => {
  it.each([
    { type: "incident", names: ["response", "resolution", "stabilisation"] },
    { type: "security-incident", names: ["response", "resolution", "stabilisation", "containment"] },
    { type: "service-request", names: ["response", "resolution"] },
    { type: "workplace-request", names: ["response", "resolution"] },
    { type: "standard-change", names: [] },
    { type: "change", names: [] },
  ] as const)("$type", ({ type, names }) => {
    const t = ticket({ type, priority: "P2", createdAt: "2026-03-10T09:00:00+01:00" });
    const clocks = computeClocks(t, {
      calendar,
      policy: DEFAULT_CLOCK_POLICY,
      now: at("2026-03-10T10:00:00+01:00"),
    });
    expect(clocks.map((c) => c.name)).toEqual(names);
  });
});
