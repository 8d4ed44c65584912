/**
 * T2.2 (M19): go decision → execution within 15 working days (150 business hours), per M5.
 * A go on Mon 2 Mar 09:00 is due Mon 23 Mar 09:00: Mon 09:00–18:00 9 h + 14 full days
 * (3–6, 9–13, 16–20 March) 140 h + Mon 23 Mar 08:00–09:00 1 h.
 */
import { describe, expect, it } from "vitest";
import { scoreChangeLeadTime } from "../../../../src/engine/kpi/changes/change-lead-time.js";
import type { Norm } from "../../../../src/engine/kpi/types.js";
import { caseRows, context, ev, headline, input, kpi, ticket } from "./helpers.js";

const NORM: Norm = { kind: "duration", amount: 15, unit: "workingDays", share: 1 };
const T22 = kpi("T2.2", { rule: "change-lead-time" }, { norm: NORM, clock: "business" });
const NOW = "2026-04-10T12:00:00+02:00";
const GO = "2026-03-02T09:00:00+01:00";
const CREATED = "2026-02-25T09:00:00+01:00";

describe("T2.2 change lead time", () => {
  it.each([
    {
      name: "executed in time counts at its execution",
      events: [ev.go(GO), ev.executed("2026-03-20T17:00:00+01:00")],
      // 9 h (Mon 2) + 13 full days (3–6, 9–13, 16–19) 130 h + Fri 20 08:00–17:00 9 h = 148 h.
      expected: {
        value: 8880,
        deadline: "2026-03-23T09:00:00+01:00",
        stoppedAt: "2026-03-20T17:00:00+01:00",
        verdict: "within",
      },
    },
    {
      name: "executed late is breached, counted at the deadline",
      events: [ev.go(GO), ev.executed("2026-03-24T10:00:00+01:00")],
      // 9 h + 14 days 140 h + Mon 23 10 h + Tue 24 08:00–10:00 2 h = 161 h.
      expected: {
        value: 9660,
        deadline: "2026-03-23T09:00:00+01:00",
        stoppedAt: "2026-03-24T10:00:00+01:00",
        verdict: "breached",
      },
    },
    {
      name: "never executed: breached at the deadline, value so far",
      events: [ev.go(GO)],
      // Mon 2 09:00–18:00 540 + 21 working days to 31 Mar 12,600 + 1–3 Apr 1,800 + (Easter
      // Monday 6 Apr off) 7–9 Apr 1,800 + Fri 10 Apr 08:00–12:00 240 = 16,980.
      expected: {
        value: 16_980,
        deadline: "2026-03-23T09:00:00+01:00",
        stoppedAt: null,
        verdict: "breached",
      },
    },
    {
      name: "executed on the Saturday after a deadline at Friday 18:00 is in time (no business time used)",
      // Go Mon 2 Mar 08:00: 15 full days end Fri 20 Mar 18:00; Sat 21 adds no business time.
      events: [ev.go("2026-03-02T08:00:00+01:00"), ev.executed("2026-03-21T10:00:00+01:00")],
      expected: {
        value: 9000,
        deadline: "2026-03-20T18:00:00+01:00",
        stoppedAt: "2026-03-21T10:00:00+01:00",
        verdict: "within",
      },
    },
    {
      name: "a withdrawn go renewed later restarts the clock",
      events: [
        ev.go(GO),
        ev.noGo("2026-03-03T10:00:00+01:00"),
        ev.go("2026-03-09T09:00:00+01:00"),
        ev.executed("2026-03-27T12:00:00+01:00"),
      ],
      // From Mon 9 Mar 09:00: 9 h + 13 days (10–13, 16–20, 23–26) 130 h + Fri 27 08:00–12:00 4 h = 143 h.
      expected: {
        value: 8580,
        deadline: "2026-03-30T09:00:00+02:00",
        stoppedAt: "2026-03-27T12:00:00+01:00",
        verdict: "within",
      },
    },
    {
      name: "executed without a go in force is listed as excluded",
      events: [ev.executed("2026-03-10T10:00:00+01:00")],
      expected: { value: null, deadline: null, stoppedAt: "2026-03-10T10:00:00+01:00", verdict: "excluded" },
    },
    {
      name: "a change stopped by a no-go is not counted",
      events: [ev.go(GO), ev.noGo("2026-03-05T10:00:00+01:00")],
      expected: null,
    },
  ])("$name", ({ events, expected }) => {
    const score = scoreChangeLeadTime(
      input([ticket("C1", { createdAt: CREATED }, [...events])]),
      T22,
      context({ now: NOW }),
    );
    expect(caseRows(score).map(({ id: _id, ...rest }) => rest)).toEqual(expected === null ? [] : [expected]);
  });

  it.each([
    { name: "decision 1 default: 100 %", norm: NORM, rules: {}, target: 1 },
    {
      name: "decision 1 configured: 90 %",
      norm: NORM,
      rules: { targetShareWithoutPercentage: 0.9 },
      target: 0.9,
    },
    {
      name: "a norm with a written percentage wins",
      norm: { ...NORM, share: 0.8 },
      rules: { targetShareWithoutPercentage: 0.9 },
      target: 0.8,
    },
  ])("target share: $name", ({ norm, rules, target }) => {
    const lines = [
      ticket("C1", { createdAt: CREATED }, [ev.go(GO), ev.executed("2026-03-20T17:00:00+01:00")]),
      ticket("C2", { createdAt: CREATED }, [ev.go(GO), ev.executed("2026-03-24T10:00:00+01:00")]),
    ];
    const definition = kpi("T2.2", { rule: "change-lead-time" }, { norm, clock: "business" });
    const score = scoreChangeLeadTime(input(lines), definition, context({ now: NOW, rules }));
    expect(headline(score)).toEqual({ score: 0.5, target, met: false, n: 2 });
  });

  it("uses a supplier's stricter norm: 10 working days", () => {
    // Go Mon 2 Mar 09:00 + 100 h → Mon 16 Mar 09:00; execution on Fri 20 Mar is now late.
    const ten = kpi(
      "T2.2",
      { rule: "change-lead-time" },
      { norm: { ...NORM, amount: 10 }, clock: "business" },
    );
    const score = scoreChangeLeadTime(
      input([ticket("C1", { createdAt: CREATED }, [ev.go(GO), ev.executed("2026-03-20T17:00:00+01:00")])]),
      ten,
      context({ now: NOW }),
    );
    expect(caseRows(score)[0]).toMatchObject({ deadline: "2026-03-16T09:00:00+01:00", verdict: "breached" });
  });
});
