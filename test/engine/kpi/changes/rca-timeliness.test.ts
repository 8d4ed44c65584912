/**
 * T2.5 (M19): a major incident's closure (or final resolution when never closed) → rca-shared
 * within 10 working days (100 business hours), per M5. Closed Wed 4 Mar 12:00, due Wed 18 Mar
 * 12:00: Wed 6 h + 9 full days (5, 6, 9–13, 16, 17 March) 90 h + Wed 18 08:00–12:00 4 h.
 */
import { describe, expect, it } from "vitest";
import { scoreRcaTimeliness } from "../../../../src/engine/kpi/changes/rca-timeliness.js";
import { caseOf, caseRows, context, type EventInput, ev, headline, input, kpi, ticket } from "./helpers.js";

const T25 = kpi(
  "T2.5",
  { rule: "rca-timeliness" },
  {
    norm: { kind: "duration", amount: 10, unit: "workingDays", share: 1 },
    clock: "business",
  },
);
const NOW = "2026-04-10T12:00:00+02:00";
const CREATED = "2026-03-02T09:00:00+01:00";
const RESOLVED = "2026-03-02T11:00:00+01:00";
const CLOSED = "2026-03-04T12:00:00+01:00";

const incident = (id: string, events: EventInput[]) =>
  ticket(id, { type: "incident", createdAt: CREATED }, events);

describe("T2.5 root-cause analysis after a major incident", () => {
  it.each([
    {
      name: "shared exactly 10 working days after closure: in time",
      events: [
        ev.major(CREATED),
        ev.resolved(RESOLVED),
        ev.closed(CLOSED),
        ev.rcaShared("2026-03-18T12:00:00+01:00"),
      ],
      expected: {
        value: 6000,
        deadline: "2026-03-18T12:00:00+01:00",
        stoppedAt: "2026-03-18T12:00:00+01:00",
        verdict: "within",
      },
    },
    {
      name: "shared the next morning: breached, counted at the deadline",
      events: [
        ev.major(CREATED),
        ev.resolved(RESOLVED),
        ev.closed(CLOSED),
        ev.rcaShared("2026-03-19T09:00:00+01:00"),
      ],
      // 100 h + Wed 18 12:00–18:00 6 h + Thu 19 08:00–09:00 1 h = 107 h.
      expected: {
        value: 6420,
        deadline: "2026-03-18T12:00:00+01:00",
        stoppedAt: "2026-03-19T09:00:00+01:00",
        verdict: "breached",
      },
    },
    {
      name: "never closed: the clock starts at the final resolution",
      // Resolved Mon 2 Mar 11:00: 7 h + 9 days (3–6, 9–13) 90 h + Mon 16 08:00–11:00 3 h → Mon 16 11:00.
      events: [ev.major(CREATED), ev.resolved(RESOLVED), ev.rcaShared("2026-03-16T11:30:00+01:00")],
      expected: {
        value: 6030,
        deadline: "2026-03-16T11:00:00+01:00",
        stoppedAt: "2026-03-16T11:30:00+01:00",
        verdict: "breached",
      },
    },
    {
      name: "major only for a while still counts (ever major)",
      events: [
        ev.major("2026-03-02T09:30:00+01:00"),
        ev.major("2026-03-02T10:00:00+01:00", false),
        ev.resolved(RESOLVED),
        ev.closed(CLOSED),
        ev.rcaShared("2026-03-10T09:00:00+01:00"),
      ],
      // Wed 4 12:00–18:00 6 h + Thu 5, Fri 6, Mon 9 30 h + Tue 10 08:00–09:00 1 h = 37 h.
      expected: {
        value: 2220,
        deadline: "2026-03-18T12:00:00+01:00",
        stoppedAt: "2026-03-10T09:00:00+01:00",
        verdict: "within",
      },
    },
    {
      name: "shared before closure: in time, value 0",
      events: [
        ev.major(CREATED),
        ev.resolved(RESOLVED),
        ev.rcaShared("2026-03-03T09:00:00+01:00"),
        ev.closed(CLOSED),
      ],
      expected: {
        value: 0,
        deadline: "2026-03-18T12:00:00+01:00",
        stoppedAt: "2026-03-03T09:00:00+01:00",
        verdict: "within",
      },
    },
    {
      name: "closed twice without a reopen: the first closure starts the clock",
      events: [
        ev.major(CREATED),
        ev.resolved(RESOLVED),
        ev.closed(CLOSED),
        ev.closed("2026-03-06T10:00:00+01:00"),
        ev.rcaShared("2026-03-18T12:30:00+01:00"),
      ],
      // 100 h + Wed 18 12:00–12:30 = 6,030 min: half an hour late.
      expected: {
        value: 6030,
        deadline: "2026-03-18T12:00:00+01:00",
        stoppedAt: "2026-03-18T12:30:00+01:00",
        verdict: "breached",
      },
    },
    {
      name: "a ticket that was never major is not in the population",
      events: [ev.resolved(RESOLVED), ev.closed(CLOSED)],
      expected: null,
    },
    {
      name: "a major incident reopened after closure has no running clock",
      events: [
        ev.major(CREATED),
        ev.resolved(RESOLVED),
        ev.closed(CLOSED),
        ev.reopened("2026-03-05T09:00:00+01:00"),
      ],
      expected: null,
    },
  ])("$name", ({ events, expected }) => {
    const score = scoreRcaTimeliness(input([incident("I1", [...events])]), T25, context({ now: NOW }));
    expect(caseRows(score).map(({ id: _id, ...rest }) => rest)).toEqual(expected === null ? [] : [expected]);
  });

  it("says where the clock started", () => {
    const score = scoreRcaTimeliness(
      input([
        incident("I1", [
          ev.major(CREATED),
          ev.resolved(RESOLVED),
          ev.closed(CLOSED),
          ev.rcaShared("2026-03-19T09:00:00+01:00"),
        ]),
        incident("I2", [ev.major(CREATED), ev.resolved(RESOLVED), ev.rcaShared("2026-03-05T09:00:00+01:00")]),
      ]),
      T25,
      context({ now: NOW }),
    );
    expect(headline(score)).toEqual({ score: 0.5, target: 1, met: false, n: 2 });
    expect(caseOf(score, "I1").note).toBe(
      "closed 2026-03-04 12:00; done 2026-03-19 09:00, after the deadline 2026-03-18 12:00",
    );
    expect(caseOf(score, "I2").note).toBe("never closed: from the resolution 2026-03-02 11:00");
  });
});
