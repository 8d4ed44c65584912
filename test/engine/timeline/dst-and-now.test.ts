/**
 * P1 clocks across a daylight-saving change (M1: a DST night is 23 or 25 h), and "the ticket as
 * known at now": events after now do not exist yet.
 * Amsterdam: 2026-03-29 02:00 +01:00 → 03:00 +02:00; 2026-10-25 03:00 +02:00 → 02:00 +01:00.
 */
import { describe, expect, it } from "vitest";
import {
  computeClocks,
  DEFAULT_CLOCK_POLICY,
  majorUpdateSchedule,
} from "../../../src/engine/timeline/index.js";
import { at, calendar, clockView, ticket } from "./helpers.js";

describe("P1 on the clock across DST", () => {
  it.each([
    {
      // 22:30 +01:00 → 03:30 +02:00 reads as 5 h on the wall but is 4 h: met exactly at the deadline.
      name: "stabilisation over the spring-forward night",
      t: ticket({ priority: "P1", createdAt: "2026-03-28T22:30:00+01:00" }, [
        { at: "2026-03-29T03:30:00+02:00", type: "stabilized" },
      ]),
      clock: "stabilisation",
      now: "2026-03-29T09:00:00+02:00",
      expected: { deadline: "2026-03-29T03:30:00+02:00", elapsedMin: 240, status: "met" },
    },
    {
      // 48 h after 22:30 +01:00 (21:30Z) is Mon 21:30Z = 23:30 +02:00, not the wall's 22:30.
      name: "48 h definitive fix over the spring-forward night",
      t: ticket({ priority: "P1", createdAt: "2026-03-28T22:30:00+01:00" }),
      clock: "resolution",
      now: "2026-03-29T09:00:00+02:00",
      // 22:30 +01:00 → 09:00 +02:00 = 21:30Z → 07:00Z = 570 min.
      expected: { deadline: "2026-03-30T23:30:00+02:00", elapsedMin: 570, status: "running" },
    },
    {
      // 01:50 +01:00 → 03:04 +02:00 is 14 min (74 on the wall): met; deadline 02:05 +01:00 = 03:05 +02:00.
      name: "15-minute response straddling the jump",
      t: ticket({ priority: "P1", createdAt: "2026-03-29T01:50:00+01:00" }, [
        { at: "2026-03-29T03:04:00+02:00", type: "comment", visibleToCaller: true, automated: false },
      ]),
      clock: "response",
      now: "2026-03-29T09:00:00+02:00",
      expected: { deadline: "2026-03-29T03:05:00+02:00", elapsedMin: 14, status: "met" },
    },
    {
      // Sat 12:00 → Sun 12:00 is a 23-hour day: 1380 min. Deadline 48 h after Sat 11:00Z = Mon 11:00Z.
      name: "the 23-hour day",
      t: ticket({ priority: "P1", createdAt: "2026-03-28T12:00:00+01:00" }),
      clock: "resolution",
      now: "2026-03-29T12:00:00+02:00",
      expected: { deadline: "2026-03-30T13:00:00+02:00", elapsedMin: 1380, status: "running" },
    },
    {
      // Autumn: Sat 12:00 +02:00 → Sun 12:00 +01:00 is 25 h = 1500 min. 48 h after Sat 10:00Z = Mon 10:00Z.
      name: "the 25-hour day",
      t: ticket({ priority: "P1", createdAt: "2026-10-24T12:00:00+02:00" }),
      clock: "resolution",
      now: "2026-10-25T12:00:00+01:00",
      expected: { deadline: "2026-10-26T11:00:00+01:00", elapsedMin: 1500, status: "running" },
    },
  ] as const)("$name", ({ t, clock, now, expected }) => {
    expect(clockView(t, clock, now)).toMatchObject({ priority: "P1", clockKind: "clock", ...expected });
  });
});

describe("events after now are ignored", () => {
  // P2 created Mon 09:00; answered 09:40; upgraded to P1 at 09:45; paused 10:00; resolved 15:00.
  const t = ticket({ priority: "P2", createdAt: "2026-03-02T09:00:00+01:00" }, [
    { at: "2026-03-02T09:40:00+01:00", type: "comment", visibleToCaller: true, automated: false },
    { at: "2026-03-02T09:45:00+01:00", type: "priority", priority: "P1" },
    { at: "2026-03-02T10:00:00+01:00", type: "paused", reason: "customer" },
    { at: "2026-03-02T15:00:00+01:00", type: "resolved" },
  ]);

  it.each([
    {
      // At 09:30 nothing has happened yet: a P2, 30 of 60 response minutes used.
      now: "2026-03-02T09:30:00+01:00",
      clock: "response",
      expected: {
        priority: "P2",
        stopAt: null,
        deadline: "2026-03-02T10:00:00+01:00",
        elapsedMin: 30,
        status: "running",
      },
    },
    {
      // Resolution at 09:30: P2, 8 business hours → 17:00; the 15:00 resolve is not known.
      now: "2026-03-02T09:30:00+01:00",
      clock: "resolution",
      expected: {
        priority: "P2",
        stopAt: null,
        deadline: "2026-03-02T17:00:00+01:00",
        elapsedMin: 30,
        status: "running",
      },
    },
    {
      // At 09:45 the answer (09:40, P2 in force) is known: met.
      now: "2026-03-02T09:45:00+01:00",
      clock: "response",
      expected: {
        priority: "P2",
        stopAt: "2026-03-02T09:40:00+01:00",
        deadline: "2026-03-02T10:00:00+01:00",
        elapsedMin: 40,
        status: "met",
      },
    },
    {
      // At 09:45 the upgrade is known: P1, 48 h on the clock from 09:00 → Wed 09:00.
      now: "2026-03-02T09:45:00+01:00",
      clock: "resolution",
      expected: {
        priority: "P1",
        stopAt: null,
        deadline: "2026-03-04T09:00:00+01:00",
        elapsedMin: 45,
        status: "running",
      },
    },
    {
      // At 09:59 the 10:00 pause is not known: running, not paused.
      now: "2026-03-02T09:59:00+01:00",
      clock: "resolution",
      expected: {
        priority: "P1",
        stopAt: null,
        deadline: "2026-03-04T09:00:00+01:00",
        elapsedMin: 59,
        status: "running",
      },
    },
    {
      // At 11:00 paused since 10:00: 60 min counted; deadline as if resumed now: 11:00 + 47 h = Wed 10:00.
      now: "2026-03-02T11:00:00+01:00",
      clock: "resolution",
      expected: {
        priority: "P1",
        stopAt: null,
        deadline: "2026-03-04T10:00:00+01:00",
        elapsedMin: 60,
        status: "paused",
      },
    },
  ] as const)("$clock at $now", ({ now, clock, expected }) => {
    expect(clockView(t, clock, now)).toMatchObject(expected);
  });

  it("a ticket registered after now has no clocks and no update schedule", () => {
    const context = { calendar, policy: DEFAULT_CLOCK_POLICY, now: at("2026-03-02T08:59:59+01:00") };
    expect(computeClocks(t, context)).toEqual([]);
    expect(majorUpdateSchedule(t, context)).toBeNull();
  });
});
