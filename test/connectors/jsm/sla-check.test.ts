import { describe, expect, it } from "vitest";
import { type JsmSlaSnapshot, type SlaCycleSnapshot, slaSnapshot } from "../../../connectors/jsm/sla.js";
import { compareJsmSla, crossCheckJsmSla, duration } from "../../../connectors/jsm/sla-check.js";
import { businessCalendar } from "../../../src/engine/calendar/index.js";
import { computeClocks, DEFAULT_CLOCK_POLICY } from "../../../src/engine/timeline/index.js";
import { type CanonicalRecordInput, type Ticket, ticketRecord } from "../../../src/model/schema.js";

// The contract: Mon–Fri 08:00–18:00 Europe/Amsterdam, Dutch holidays (King's Day 27 April 2026).
const calendar = businessCalendar({
  serviceWindow: {
    timezone: "Europe/Amsterdam",
    days: ["mon", "tue", "wed", "thu", "fri"],
    from: "08:00",
    to: "18:00",
  },
  holidays: { country: "NL" },
});
const context = { calendar, policy: DEFAULT_CLOCK_POLICY };
const H = 3_600_000;
const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
/** Monday 2 March 2026 in Amsterdam (+01:00). */
const MON = (hhmm: string) => `2026-03-02T${hhmm}:00+01:00`;
const TUE = (hhmm: string) => `2026-03-03T${hhmm}:00+01:00`;

type EventInput = NonNullable<Extract<CanonicalRecordInput, { kind: "ticket" }>["events"]>[number];
function ticket(priority: "P1" | "P2", createdAt: string, events: EventInput[]): Ticket {
  return ticketRecord.parse({
    kind: "ticket",
    id: "ITS-1",
    source: "jira",
    type: "incident",
    priority,
    createdAt,
    events,
  });
}
const comment = (when: string): EventInput => ({
  at: when,
  type: "comment",
  visibleToCaller: true,
  automated: false,
});

function cycle(fields: Partial<SlaCycleSnapshot> & { startAt: number; goalMs: number }): SlaCycleSnapshot {
  return {
    ongoing: false,
    stopAt: null,
    breachAt: null,
    breached: false,
    elapsedMs: null,
    remainingMs: null,
    paused: null,
    withinCalendarHours: null,
    ...fields,
  };
}
function snapshot(fetchedAt: string, metrics: Record<string, SlaCycleSnapshot[]>): JsmSlaSnapshot {
  return {
    v: 1,
    ticket: "ITS-1",
    fetchedAt: at(fetchedAt),
    metrics: Object.entries(metrics).map(([name, cycles], i) => ({ id: String(i + 1), name, cycles })),
  };
}
const check = (s: JsmSlaSnapshot, t: Ticket) => crossCheckJsmSla(s, t, context).disagreements;

describe("JSM SLA against the contract's clocks", () => {
  it("finds nothing when JSM measures what the contract measures", () => {
    const t = ticket("P2", MON("09:00"), [comment(MON("09:20")), { at: MON("11:00"), type: "resolved" }]);
    const s = snapshot(MON("13:00"), {
      "Time to first response": [
        cycle({
          startAt: at(MON("09:00")),
          stopAt: at(MON("09:20")),
          breachAt: at(MON("10:00")),
          goalMs: H,
          elapsedMs: 20 * MIN,
        }),
      ],
      "Time to resolution": [
        cycle({
          startAt: at(MON("09:00")),
          stopAt: at(MON("11:00")),
          breachAt: at(MON("17:00")),
          goalMs: 8 * H,
          elapsedMs: 2 * H,
        }),
      ],
    });
    expect(check(s, t)).toEqual([]);
  });

  it("flags a JSM calendar that counts while the contract's service window is closed", () => {
    // P2 registered Monday 17:00, answered 17:10; JSM read at 19:00, when its 24/7 calendar still counts.
    const t = ticket("P2", MON("17:00"), [comment(MON("17:10"))]);
    const s = snapshot(MON("19:00"), {
      "Time to first response": [
        cycle({
          startAt: at(MON("17:00")),
          stopAt: at(MON("17:10")),
          breachAt: at(MON("18:00")),
          goalMs: H,
          elapsedMs: 10 * MIN,
        }),
      ],
      "Time to resolution": [
        cycle({
          ongoing: true,
          startAt: at(MON("17:00")),
          breachAt: at(TUE("01:00")),
          goalMs: 8 * H,
          elapsedMs: 2 * H,
          paused: false,
          withinCalendarHours: true,
        }),
      ],
    });
    expect(check(s, t)).toEqual([
      {
        clock: "resolution",
        metric: "Time to resolution",
        kind: "calendar",
        message:
          "at 2026-03-02T18:00:00.000Z JSM's calendar for this SLA was inside working hours, while the contract's " +
          "business hours clock was not counting: JSM's SLA calendar does not match the contract's service window",
      },
    ]);
  });

  it("flags a 24/7 JSM calendar from a completed cycle, and the breach it invents", () => {
    // Monday 16:00 → Tuesday 10:00: 18 h on the wall, 4 business hours (16–18, 08–10).
    const t = ticket("P2", MON("16:00"), [comment(MON("16:05")), { at: TUE("10:00"), type: "resolved" }]);
    const s = snapshot(TUE("12:00"), {
      "Time to first response": [
        cycle({
          startAt: at(MON("16:00")),
          stopAt: at(MON("16:05")),
          breachAt: at(MON("17:00")),
          goalMs: H,
          elapsedMs: 5 * MIN,
        }),
      ],
      "Time to resolution": [
        cycle({
          startAt: at(MON("16:00")),
          stopAt: at(TUE("10:00")),
          breachAt: at(TUE("00:00")),
          breached: true,
          goalMs: 8 * H,
          elapsedMs: 18 * H,
        }),
      ],
    });
    expect(check(s, t).map((d) => [d.kind, d.message])).toEqual([
      ["breach", 'JSM says "Time to resolution" is breached; the contract\'s resolution clock is met'],
      [
        "calendar",
        "JSM counted 18 h from 2026-03-02T15:00:00.000Z to 2026-03-03T09:00:00.000Z, all of the wall-clock time, " +
          "where the contract's service window holds 4 h: JSM's SLA uses a 24/7 calendar, the contract business hours",
      ],
    ]);
  });

  it("flags a business-hours JSM calendar on a P1, which the contract counts on the clock", () => {
    // P1 Monday 17:00 → Tuesday 09:00: 16 h on the clock, 2 business hours.
    const t = ticket("P1", MON("17:00"), [comment(MON("17:05")), { at: TUE("09:00"), type: "resolved" }]);
    const s = snapshot(TUE("10:00"), {
      "Time to first response": [
        cycle({
          startAt: at(MON("17:00")),
          stopAt: at(MON("17:05")),
          breachAt: at(MON("17:15")),
          goalMs: 15 * MIN,
          elapsedMs: 5 * MIN,
        }),
      ],
      "Time to resolution": [
        cycle({ startAt: at(MON("17:00")), stopAt: at(TUE("09:00")), goalMs: 48 * H, elapsedMs: 2 * H }),
      ],
    });
    expect(check(s, t).map((d) => d.kind)).toEqual(["calendar"]);
    expect(check(s, t)[0]?.message).toContain("P1 runs on clock hours");
  });

  it("names a different goal, a different stop, and an SLA JSM does not have", () => {
    // P1: the contract allows 15 min to respond and stops at the first public comment by a person
    // (09:10); this JSM site has a 30 min goal that stops on the transition to In Progress (09:05).
    const t = ticket("P1", MON("09:00"), [comment(MON("09:10"))]);
    const s = snapshot(MON("09:30"), {
      "Time to first response": [
        cycle({
          startAt: at(MON("09:00")),
          stopAt: at(MON("09:05")),
          breachAt: at(MON("09:30")),
          goalMs: 30 * MIN,
          elapsedMs: 5 * MIN,
        }),
      ],
    });
    expect(check(s, t)).toEqual([
      {
        clock: "response",
        metric: "Time to first response",
        kind: "goal",
        message:
          'JSM\'s goal for "Time to first response" is 30 min; the contract allows 15 min (P1, clock hours)',
      },
      {
        clock: "response",
        metric: "Time to first response",
        kind: "stop",
        message:
          "JSM stopped at 2026-03-02T08:05:00.000Z; the contract's response clock stopped at 2026-03-02T08:10:00.000Z",
      },
      {
        clock: "resolution",
        metric: "Time to resolution",
        kind: "missing",
        message:
          'JSM has no "Time to resolution" SLA on this request; the contract\'s resolution clock allows 48 h',
      },
    ]);
  });

  it("with the same goal, names a breach time that is not the contract's deadline (a holiday JSM does not know)", () => {
    // Friday 24 April 17:00 (+02:00): 8 business hours end Tuesday 28 April 15:00, King's Day
    // (Monday 27) being no working day; JSM's calendar without the holiday says Monday 15:00.
    const t = ticket("P2", "2026-04-24T17:00:00+02:00", [comment("2026-04-24T17:05:00+02:00")]);
    const s = snapshot("2026-04-24T17:30:00+02:00", {
      "Time to first response": [
        cycle({
          startAt: at("2026-04-24T17:00:00+02:00"),
          stopAt: at("2026-04-24T17:05:00+02:00"),
          breachAt: at("2026-04-24T18:00:00+02:00"),
          goalMs: H,
          elapsedMs: 5 * MIN,
        }),
      ],
      "Time to resolution": [
        cycle({
          ongoing: true,
          startAt: at("2026-04-24T17:00:00+02:00"),
          breachAt: at("2026-04-27T15:00:00+02:00"),
          goalMs: 8 * H,
          elapsedMs: 30 * MIN,
          paused: false,
          withinCalendarHours: true,
        }),
      ],
    });
    expect(check(s, t)).toEqual([
      {
        clock: "resolution",
        metric: "Time to resolution",
        kind: "deadline",
        message:
          "with the same goal, JSM's breach time 2026-04-27T13:00:00.000Z is not the contract's deadline " +
          "2026-04-28T13:00:00.000Z: JSM's SLA calendar (working hours, holidays) or pause conditions differ from the contract",
      },
    ]);
  });

  it("notes JSM's restarted cycles after a reopen, where the contract keeps one clock", () => {
    const t = ticket("P2", MON("09:00"), [
      comment(MON("09:10")),
      { at: MON("10:00"), type: "resolved" },
      { at: MON("11:00"), type: "reopened" },
      { at: MON("12:00"), type: "resolved" },
    ]);
    const s = snapshot(MON("13:00"), {
      "Time to first response": [
        cycle({
          startAt: at(MON("09:00")),
          stopAt: at(MON("09:10")),
          breachAt: at(MON("10:00")),
          goalMs: H,
          elapsedMs: 10 * MIN,
        }),
      ],
      "time to resolution": [
        cycle({
          startAt: at(MON("09:00")),
          stopAt: at(MON("10:00")),
          breachAt: at(MON("17:00")),
          goalMs: 8 * H,
          elapsedMs: H,
        }),
        cycle({
          startAt: at(MON("11:00")),
          stopAt: at(MON("12:00")),
          breachAt: at(MON("19:00")),
          goalMs: 8 * H,
          elapsedMs: H,
        }),
      ],
    });
    expect(check(s, t)).toEqual([
      {
        clock: "resolution",
        metric: "time to resolution",
        kind: "cycles",
        message:
          'JSM restarted "time to resolution" 1 time(s) (a new cycle per reopen); the contract keeps one resolution clock from registration',
      },
    ]);
  });

  it("compares at the moment JSM was read, not now, and takes other metric names from options", () => {
    const t = ticket("P2", MON("09:00"), []);
    const s = snapshot(MON("09:30"), {
      "Eerste reactie": [
        cycle({
          ongoing: true,
          startAt: at(MON("09:00")),
          breachAt: at(MON("10:00")),
          goalMs: H,
          elapsedMs: 30 * MIN,
          paused: false,
          withinCalendarHours: true,
        }),
      ],
    });
    const result = crossCheckJsmSla(s, t, context, { metrics: { "Eerste reactie": "response" } });
    expect(result.at).toBe(at(MON("09:30")));
    expect(result.clocks.find((c) => c.name === "response")?.status).toBe("running");
    expect(result.disagreements).toEqual([]);
    // Clocks computed at another moment than the snapshot's disagree for no reason: by 11:00 the
    // contract's response clock is breached and has counted 2 h, JSM (as of 09:30) 30 min.
    const later = computeClocks(t, { ...context, now: at(MON("11:00")) });
    expect(
      compareJsmSla(s, later, { metrics: { "Eerste reactie": "response" }, calendar }).map((d) => d.kind),
    ).toEqual(["breach", "elapsed"]);
  });
});

describe("slaSnapshot", () => {
  it("keeps the cycles oldest first, the ongoing one last, and no texts", () => {
    const date = (iso: string) => at(iso);
    const s = slaSnapshot(
      "ITS-1",
      [
        {
          id: "1",
          name: "Time to resolution",
          completedCycles: [
            {
              startTime: date(MON("11:00")),
              stopTime: date(MON("12:00")),
              breachTime: null,
              breached: false,
              goalDuration: { millis: 8 * H },
              elapsedTime: { millis: H },
              remainingTime: { millis: 7 * H },
            },
            {
              startTime: date(MON("09:00")),
              stopTime: date(MON("10:00")),
              breachTime: null,
              breached: false,
              goalDuration: null,
              elapsedTime: null,
              remainingTime: null,
            },
          ],
          ongoingCycle: {
            startTime: date(MON("13:00")),
            breachTime: date(MON("21:00")),
            breached: false,
            paused: true,
            withinCalendarHours: false,
            goalDuration: null,
            elapsedTime: null,
            remainingTime: null,
          },
        },
      ],
      at(MON("14:00")),
    );
    expect(s.metrics[0]?.cycles.map((c) => [c.ongoing, c.startAt, c.paused])).toEqual([
      [false, at(MON("09:00")), null],
      [false, at(MON("11:00")), null],
      [true, at(MON("13:00")), true],
    ]);
  });

  it("formats durations in hours and minutes", () => {
    expect([duration(8 * H), duration(90 * MIN), duration(45 * MIN), duration(-15 * MIN)]).toEqual([
      "8 h",
      "1 h 30 min",
      "45 min",
      "-15 min",
    ]);
  });
});
