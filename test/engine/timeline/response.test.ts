/**
 * First substantive response (M2, M3, O1.2–O1.5). Calendar: Amsterdam, Mon–Fri 08:00–18:00.
 * 2026-03-02 is a Monday, 2026-03-06 a Friday; March 2026 before the 29th is +01:00.
 */
import { describe, expect, it } from "vitest";
import { clockView, ticket } from "./helpers.js";

const P2_09_15 = { priority: "P2", createdAt: "2026-03-02T09:15:00+01:00" } as const;

describe("response clock", () => {
  it.each([
    {
      // Auto-acknowledgement at 09:15:05 and an internal note at 09:30 are not a response; the
      // first caller-visible comment by a person is at 10:20: 65 business minutes > 60.
      // Deadline 09:15 + 60 min = 10:15, breached from then.
      name: "auto-acknowledgement and internal note do not count",
      ticket: ticket(P2_09_15, [
        { at: "2026-03-02T09:15:05+01:00", type: "comment", visibleToCaller: true, automated: true },
        { at: "2026-03-02T09:30:00+01:00", type: "comment", visibleToCaller: false, automated: false },
        { at: "2026-03-02T10:20:00+01:00", type: "comment", visibleToCaller: true, automated: false },
      ]),
      now: "2026-03-02T12:00:00+01:00",
      expected: {
        priority: "P2",
        clockKind: "business",
        startAt: "2026-03-02T09:15:00+01:00",
        stopAt: "2026-03-02T10:20:00+01:00",
        deadline: "2026-03-02T10:15:00+01:00",
        allowedMin: 60,
        elapsedMin: 65,
        pausedMin: 0,
        status: "breached",
        breachedAt: "2026-03-02T10:15:00+01:00",
      },
    },
    {
      // Only the auto-acknowledgement so far; at 09:50, 35 of 60 minutes used.
      name: "auto-acknowledgement only: still running",
      ticket: ticket(P2_09_15, [
        { at: "2026-03-02T09:15:05+01:00", type: "comment", visibleToCaller: true, automated: true },
      ]),
      now: "2026-03-02T09:50:00+01:00",
      expected: {
        priority: "P2",
        clockKind: "business",
        startAt: "2026-03-02T09:15:00+01:00",
        stopAt: null,
        deadline: "2026-03-02T10:15:00+01:00",
        allowedMin: 60,
        elapsedMin: 35,
        pausedMin: 0,
        status: "running",
        breachedAt: null,
      },
    },
    {
      // P1 is on the clock 24/7: 02:50 → 03:04:30 = 14.5 min ≤ 15; deadline 03:05.
      name: "P1 at night on the clock",
      ticket: ticket({ priority: "P1", createdAt: "2026-03-03T02:50:00+01:00" }, [
        { at: "2026-03-03T03:04:30+01:00", type: "comment", visibleToCaller: true, automated: false },
      ]),
      now: "2026-03-03T09:00:00+01:00",
      expected: {
        priority: "P1",
        clockKind: "clock",
        startAt: "2026-03-03T02:50:00+01:00",
        stopAt: "2026-03-03T03:04:30+01:00",
        deadline: "2026-03-03T03:05:00+01:00",
        allowedMin: 15,
        elapsedMin: 14.5,
        pausedMin: 0,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // Fri 17:40–18:00 = 20 min, Mon 08:00–08:35 = 35 min: 55 ≤ 60.
      // Deadline: 20 min on Friday + 40 min on Monday = Mon 08:40.
      name: "P2 across the weekend, in business minutes",
      ticket: ticket({ priority: "P2", createdAt: "2026-03-06T17:40:00+01:00" }, [
        { at: "2026-03-09T08:35:00+01:00", type: "comment", visibleToCaller: true, automated: false },
      ]),
      now: "2026-03-09T12:00:00+01:00",
      expected: {
        priority: "P2",
        clockKind: "business",
        startAt: "2026-03-06T17:40:00+01:00",
        stopAt: "2026-03-09T08:35:00+01:00",
        deadline: "2026-03-09T08:40:00+01:00",
        allowedMin: 60,
        elapsedMin: 55,
        pausedMin: 0,
        status: "met",
        breachedAt: null,
      },
    },
    {
      // Same ticket on Saturday noon: only Friday's 20 minutes have run.
      name: "P2 waiting over the weekend",
      ticket: ticket({ priority: "P2", createdAt: "2026-03-06T17:40:00+01:00" }),
      now: "2026-03-07T12:00:00+01:00",
      expected: {
        priority: "P2",
        clockKind: "business",
        startAt: "2026-03-06T17:40:00+01:00",
        stopAt: null,
        deadline: "2026-03-09T08:40:00+01:00",
        allowedMin: 60,
        elapsedMin: 20,
        pausedMin: 0,
        status: "running",
        breachedAt: null,
      },
    },
    {
      // Answered Mon 08:41: 20 + 41 = 61 min > 60, breached at the deadline 08:40.
      name: "P2 across the weekend, one minute late",
      ticket: ticket({ priority: "P2", createdAt: "2026-03-06T17:40:00+01:00" }, [
        { at: "2026-03-09T08:41:00+01:00", type: "comment", visibleToCaller: true, automated: false },
      ]),
      now: "2026-03-09T12:00:00+01:00",
      expected: {
        priority: "P2",
        clockKind: "business",
        startAt: "2026-03-06T17:40:00+01:00",
        stopAt: "2026-03-09T08:41:00+01:00",
        deadline: "2026-03-09T08:40:00+01:00",
        allowedMin: 60,
        elapsedMin: 61,
        pausedMin: 0,
        status: "breached",
        breachedAt: "2026-03-09T08:40:00+01:00",
      },
    },
    {
      // P3 has no client norm and no supplier norm is configured: elapsed is still reported,
      // on the business clock (contract §3). 09:00 → 11:30 = 150 min.
      name: "P3 without a norm",
      ticket: ticket({ priority: "P3", createdAt: "2026-03-02T09:00:00+01:00" }, [
        { at: "2026-03-02T11:30:00+01:00", type: "comment", visibleToCaller: true, automated: false },
      ]),
      now: "2026-03-02T12:00:00+01:00",
      expected: {
        priority: "P3",
        clockKind: "business",
        startAt: "2026-03-02T09:00:00+01:00",
        stopAt: "2026-03-02T11:30:00+01:00",
        deadline: null,
        allowedMin: null,
        elapsedMin: 150,
        pausedMin: 0,
        status: "no-norm",
        breachedAt: null,
      },
    },
    {
      // M3: a response clock never pauses, even for a customer pause. 09:00 → 10:40 = 100 min.
      name: "a customer pause does not stop the response clock",
      ticket: ticket({ priority: "P2", createdAt: "2026-03-02T09:00:00+01:00" }, [
        { at: "2026-03-02T09:10:00+01:00", type: "paused", reason: "customer" },
        { at: "2026-03-02T10:30:00+01:00", type: "resumed" },
        { at: "2026-03-02T10:40:00+01:00", type: "comment", visibleToCaller: true, automated: false },
      ]),
      now: "2026-03-02T12:00:00+01:00",
      expected: {
        priority: "P2",
        clockKind: "business",
        startAt: "2026-03-02T09:00:00+01:00",
        stopAt: "2026-03-02T10:40:00+01:00",
        deadline: "2026-03-02T10:00:00+01:00",
        allowedMin: 60,
        elapsedMin: 100,
        pausedMin: 0,
        status: "breached",
        breachedAt: "2026-03-02T10:00:00+01:00",
      },
    },
  ])("$name", ({ ticket: t, now, expected }) => {
    expect(clockView(t, "response", now)).toEqual(expected);
  });
});

describe("response norms are inclusive, in whole seconds (M1)", () => {
  const p1 = (answeredAt: string) =>
    ticket({ priority: "P1", createdAt: "2026-03-03T10:00:00+01:00" }, [
      { at: answeredAt, type: "comment", visibleToCaller: true, automated: false },
    ]);
  const p2At17 = (events: Parameters<typeof ticket>[1] = []) =>
    ticket({ priority: "P2", createdAt: "2026-03-02T17:00:00+01:00" }, events);
  const answer = (a: string) => [
    { at: a, type: "comment", visibleToCaller: true, automated: false } as const,
  ];

  it.each([
    // 10:00 + 15 min = 10:15:00 exactly: within "≤ 15 min".
    {
      name: "P1 answered exactly at the deadline",
      t: p1("2026-03-03T10:15:00+01:00"),
      elapsed: 15,
      status: "met",
      breachedAt: null,
    },
    // One second over.
    {
      name: "P1 answered one second late",
      t: p1("2026-03-03T10:15:01+01:00"),
      elapsed: 15 + 1 / 60,
      status: "breached",
      breachedAt: "2026-03-03T10:15:00+01:00",
    },
    // Sub-second parts are dropped: 10:15:00.900 counts as 10:15:00.
    {
      name: "P1 answered 0.9 s after the deadline",
      t: p1("2026-03-03T10:15:00.900+01:00"),
      elapsed: 15,
      status: "met",
      breachedAt: null,
    },
    // Mon 17:00 + 60 business min: deadline Mon 18:00. Answered Tue 08:00: exactly 60 business
    // minutes were used (17:00–18:00), so in time although the instant is after the deadline.
    {
      name: "P2 answered at the next window's opening",
      t: p2At17(answer("2026-03-03T08:00:00+01:00")),
      elapsed: 60,
      status: "met",
      breachedAt: null,
    },
    // Tue 08:00:01 is 60 min 1 s: breached from Tue 08:00, when the clock ran past the norm.
    {
      name: "P2 answered one second into the next window",
      t: p2At17(answer("2026-03-03T08:00:01+01:00")),
      elapsed: 60 + 1 / 60,
      status: "breached",
      breachedAt: "2026-03-03T08:00:00+01:00",
    },
  ])("$name", ({ t, elapsed, status, breachedAt }) => {
    const view = clockView(t, "response", "2026-03-03T12:00:00+01:00");
    expect(view.elapsedMin).toBeCloseTo(elapsed, 9);
    expect(view.status).toBe(status);
    expect(view.breachedAt).toBe(breachedAt);
  });

  it.each([
    // Mon 20:00: exactly 60 of 60 minutes used, the desk is closed: not (yet) breached.
    { now: "2026-03-02T20:00:00+01:00", elapsed: 60, status: "running", breachedAt: null },
    // Tue 08:00:00: still exactly 60.
    { now: "2026-03-03T08:00:00+01:00", elapsed: 60, status: "running", breachedAt: null },
    // Tue 08:00:01: over.
    {
      now: "2026-03-03T08:00:01+01:00",
      elapsed: 60 + 1 / 60,
      status: "breached",
      breachedAt: "2026-03-03T08:00:00+01:00",
    },
  ])("P2 unanswered at $now", ({ now, elapsed, status, breachedAt }) => {
    const view = clockView(p2At17(), "response", now);
    expect(view.deadline).toBe("2026-03-02T18:00:00+01:00");
    expect(view.elapsedMin).toBeCloseTo(elapsed, 9);
    expect(view.status).toBe(status);
    expect(view.breachedAt).toBe(breachedAt);
  });
});
