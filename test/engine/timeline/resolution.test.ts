/**
 * Resolution clock (M2, M3, O1.7): customer pauses, reopens. Calendar: Amsterdam, Mon–Fri
 * 08:00–18:00. 2026-03-02 is a Monday, 2026-03-06 a Friday; all times +01:00.
 * P2 resolution norm: 8 business hours = 480 min.
 */
import { describe, expect, it } from "vitest";
import { clockView, ticket } from "./helpers.js";

describe("resolution clock with a customer pause over a weekend", () => {
  // Created Fri 09:00, waiting for the customer Fri 16:00 → Mon 10:00.
  // Counting: Fri 09:00–16:00 = 420 min; then from Mon 10:00. Deadline: 60 min left → Mon 11:00
  // (without the pause it would have been Fri 17:00).
  // Paused business time: Fri 16:00–18:00 = 120, Mon 08:00–10:00 = 120.
  const created = { priority: "P2", createdAt: "2026-03-06T09:00:00+01:00" } as const;
  const pause = [
    { at: "2026-03-06T16:00:00+01:00", type: "paused", reason: "customer" },
    { at: "2026-03-09T10:00:00+01:00", type: "resumed" },
  ] as const;

  it.each([
    {
      // Resolved Mon 10:45: 420 + 45 = 465 ≤ 480.
      name: "resolved in time after the pause",
      t: ticket(created, [...pause, { at: "2026-03-09T10:45:00+01:00", type: "resolved" }]),
      now: "2026-03-09T12:00:00+01:00",
      expected: {
        stopAt: "2026-03-09T10:45:00+01:00",
        deadline: "2026-03-09T11:00:00+01:00",
        elapsedMin: 465,
        pausedMin: 240,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // Resolved Mon 15:00: 420 + 300 = 720 > 480, breached at Mon 11:00.
      name: "resolved late after the pause",
      t: ticket(created, [...pause, { at: "2026-03-09T15:00:00+01:00", type: "resolved" }]),
      now: "2026-03-09T16:00:00+01:00",
      expected: {
        stopAt: "2026-03-09T15:00:00+01:00",
        deadline: "2026-03-09T11:00:00+01:00",
        elapsedMin: 720,
        pausedMin: 240,
        status: "breached",
        breachedAt: "2026-03-09T11:00:00+01:00",
      },
    },
    {
      // Saturday noon, still paused (the resume is not known yet). The deadline is not fixed:
      // reported as if the pause ended now, Sat 12:00 + 60 business min = Mon 09:00.
      // Paused so far: Fri 16:00–18:00 = 120 business min.
      name: "still paused on Saturday",
      t: ticket(created, [pause[0]]),
      now: "2026-03-07T12:00:00+01:00",
      expected: {
        stopAt: null,
        deadline: "2026-03-09T09:00:00+01:00",
        elapsedMin: 420,
        pausedMin: 120,
        status: "paused",
        breachedAt: null,
      },
    },
    {
      // Monday 09:30, still paused: deadline 09:30 + 60 = 10:30; paused 120 + 90 = 210.
      name: "still paused on Monday morning",
      t: ticket(created, [pause[0]]),
      now: "2026-03-09T09:30:00+01:00",
      expected: {
        stopAt: null,
        deadline: "2026-03-09T10:30:00+01:00",
        elapsedMin: 420,
        pausedMin: 210,
        status: "paused",
        breachedAt: null,
      },
    },
  ])("$name", ({ t, now, expected }) => {
    expect(clockView(t, "resolution", now)).toEqual({
      priority: "P2",
      clockKind: "business",
      startAt: "2026-03-06T09:00:00+01:00",
      allowedMin: 480,
      ...expected,
    });
  });
});

describe("resolution clock: which pauses count", () => {
  it.each([
    {
      // Reason "other" pauses nothing by default: 09:00 → 16:00 = 420 min, deadline 17:00.
      name: "a pause for another reason does not stop it",
      events: [
        { at: "2026-03-02T10:00:00+01:00", type: "paused", reason: "other" },
        { at: "2026-03-02T12:00:00+01:00", type: "resumed" },
        { at: "2026-03-02T16:00:00+01:00", type: "resolved" },
      ] as const,
      expected: {
        stopAt: "2026-03-02T16:00:00+01:00",
        deadline: "2026-03-02T17:00:00+01:00",
        elapsedMin: 420,
        pausedMin: 0,
      },
    },
    {
      // Third-party waits stop containment only: 09:00 → 16:00 = 420 min.
      name: "a third-party pause does not stop it",
      events: [
        { at: "2026-03-02T10:00:00+01:00", type: "paused", reason: "third-party" },
        { at: "2026-03-02T12:00:00+01:00", type: "resumed" },
        { at: "2026-03-02T16:00:00+01:00", type: "resolved" },
      ] as const,
      expected: {
        stopAt: "2026-03-02T16:00:00+01:00",
        deadline: "2026-03-02T17:00:00+01:00",
        elapsedMin: 420,
        pausedMin: 0,
      },
    },
    {
      // A "paused: other" inside a customer pause neither ends nor extends it: paused 10:00–12:00.
      // Counting 09–10 + 12–16 = 300 min; 180 left after the 16:00 stop: Mon 16–18 (120) and
      // Tue 08–09 (60) → Tue 09:00.
      name: "another reason inside a customer pause",
      events: [
        { at: "2026-03-02T10:00:00+01:00", type: "paused", reason: "customer" },
        { at: "2026-03-02T11:00:00+01:00", type: "paused", reason: "other" },
        { at: "2026-03-02T12:00:00+01:00", type: "resumed" },
        { at: "2026-03-02T16:00:00+01:00", type: "resolved" },
      ] as const,
      expected: {
        stopAt: "2026-03-02T16:00:00+01:00",
        deadline: "2026-03-03T09:00:00+01:00",
        elapsedMin: 300,
        pausedMin: 120,
      },
    },
  ])("$name", ({ events, expected }) => {
    const t = ticket({ priority: "P2", createdAt: "2026-03-02T09:00:00+01:00" }, [...events]);
    expect(clockView(t, "resolution", "2026-03-02T17:30:00+01:00")).toMatchObject({
      status: "met",
      ...expected,
    });
  });
});

describe("resolution clock with a reopen", () => {
  // Created Mon 09:00, resolved Mon 11:00 (120 min), reopened Tue 10:00, resolved again Tue 14:00.
  // The span Mon 11:00 → Tue 10:00 (9 business hours) does not count and is not a pause.
  // Deadline: 120 min on Monday, 360 more from Tue 10:00 → Tue 16:00.
  const created = { priority: "P2", createdAt: "2026-03-02T09:00:00+01:00" } as const;
  const firstFix = [
    { at: "2026-03-02T11:00:00+01:00", type: "resolved" },
    { at: "2026-03-03T10:00:00+01:00", type: "reopened" },
  ] as const;

  it.each([
    {
      // Between the resolve and the reopen the clock is stopped at Mon 11:00, in time. Its deadline
      // is where it would have run out had it gone on: 360 min after Mon 11:00 = Mon 17:00.
      name: "known before the reopen: stopped at the first resolve",
      events: [firstFix[0]],
      now: "2026-03-02T15:00:00+01:00",
      expected: {
        stopAt: "2026-03-02T11:00:00+01:00",
        deadline: "2026-03-02T17:00:00+01:00",
        elapsedMin: 120,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // Reopened, Tue 12:00: 120 + 120 = 240 used, 240 left → Tue 16:00.
      name: "reopened and running again",
      events: [...firstFix],
      now: "2026-03-03T12:00:00+01:00",
      expected: {
        stopAt: null,
        deadline: "2026-03-03T16:00:00+01:00",
        elapsedMin: 240,
        status: "running",
        breachedAt: null,
      },
    },
    {
      // Resolved again Tue 14:00: 120 + 240 = 360 ≤ 480.
      name: "resolved again in time",
      events: [...firstFix, { at: "2026-03-03T14:00:00+01:00", type: "resolved" } as const],
      now: "2026-03-03T15:00:00+01:00",
      expected: {
        stopAt: "2026-03-03T14:00:00+01:00",
        deadline: "2026-03-03T16:00:00+01:00",
        elapsedMin: 360,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // Resolved again Wed 09:00: 120 + Tue 10–18 (480) + Wed 08–09 (60) = 660 > 480.
      name: "resolved again too late",
      events: [...firstFix, { at: "2026-03-04T09:00:00+01:00", type: "resolved" } as const],
      now: "2026-03-04T10:00:00+01:00",
      expected: {
        stopAt: "2026-03-04T09:00:00+01:00",
        deadline: "2026-03-03T16:00:00+01:00",
        elapsedMin: 660,
        status: "breached",
        breachedAt: "2026-03-03T16:00:00+01:00",
      },
    },
    {
      // A second `resolved` without a reopen does not move the stop.
      name: "a duplicate resolve keeps the first stop",
      events: [firstFix[0], { at: "2026-03-02T12:00:00+01:00", type: "resolved" } as const],
      now: "2026-03-02T15:00:00+01:00",
      expected: {
        stopAt: "2026-03-02T11:00:00+01:00",
        deadline: "2026-03-02T17:00:00+01:00",
        elapsedMin: 120,
        status: "met",
        breachedAt: null,
      },
    },
  ])("$name", ({ events, now, expected }) => {
    expect(clockView(ticket(created, [...events]), "resolution", now)).toEqual({
      priority: "P2",
      clockKind: "business",
      startAt: "2026-03-02T09:00:00+01:00",
      allowedMin: 480,
      pausedMin: 0,
      ...expected,
    });
  });

  it("a resolve ends a customer pause; the clock runs from the reopen", () => {
    // Mon 09:00 created, paused 10:00, resolved 11:00 (ends the pause), reopened 13:00, resolved 14:00.
    // Counting 09–10 + 13–14 = 120; paused 10–11 = 60 (11–13 is the excluded span, not a pause).
    // Deadline: 360 min left after the 14:00 stop: Mon 14–18 (240) + Tue 08–10 (120) → Tue 10:00.
    const t = ticket(created, [
      { at: "2026-03-02T10:00:00+01:00", type: "paused", reason: "customer" },
      { at: "2026-03-02T11:00:00+01:00", type: "resolved" },
      { at: "2026-03-02T13:00:00+01:00", type: "reopened" },
      { at: "2026-03-02T14:00:00+01:00", type: "resolved" },
    ]);
    expect(clockView(t, "resolution", "2026-03-02T15:00:00+01:00")).toMatchObject({
      stopAt: "2026-03-02T14:00:00+01:00",
      deadline: "2026-03-03T10:00:00+01:00",
      elapsedMin: 120,
      pausedMin: 60,
      status: "met",
    });
  });
});
