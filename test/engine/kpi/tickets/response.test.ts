/**
 * O1.2–O1.5 first response (M2, M4, M5, M16). Calendar: Amsterdam, Mon–Fri 08:00–18:00; 2026-03-02
 * is a Monday; summer time from 29 March (+02:00). P2 norm: 60 business minutes (O1.3), P1:
 * 15 clock minutes (O1.2); P3 has no norm until the supplier's is configured (O1.4).
 */
import { describe, expect, it } from "vitest";
import { ticketScorers } from "../../../../src/engine/kpi/tickets/index.js";
import type { KpiDefinition, ScoringContext } from "../../../../src/engine/kpi/types.js";
import { DEFAULT_CLOCK_POLICY, overrideClockPolicy } from "../../../../src/engine/timeline/index.js";
import {
  APRIL_2026,
  casesById,
  context,
  type EventInput,
  ev,
  input,
  kpi,
  MARCH_2026,
  noteOf,
  summary,
  ticket,
} from "./helpers.js";

const score = (def: KpiDefinition, tickets: Parameters<typeof input>[0], ctx: ScoringContext) => {
  const scorer = ticketScorers.response;
  if (scorer === undefined) throw new Error("no response scorer");
  return scorer(input(tickets), def, ctx);
};

const O13 = kpi(
  "O1.3",
  { rule: "response", priority: "P2" },
  {
    norm: { kind: "duration", amount: 1, unit: "hours", share: 0.95 },
    clock: "business",
  },
);
const O14 = kpi("O1.4", { rule: "response", priority: "P3" });
const O12 = kpi(
  "O1.2",
  { rule: "response", priority: "P1" },
  {
    norm: { kind: "duration", amount: 15, unit: "minutes", share: 0.95 },
    clock: "clock",
  },
);

const p2 = (
  id: string,
  createdAt: string,
  events: EventInput[] = [],
  type?: "security-incident" | "service-request",
) => ticket(id, { priority: "P2", createdAt, ...(type ? { type } : {}) }, events);

const TICKETS = [
  // 09:00 → 10:00 is exactly 60 business minutes: within (norms are inclusive, M1).
  p2("exact", "2026-03-02T09:00:00+01:00", [ev.reply("2026-03-02T10:00:00+01:00")]),
  // 61 minutes: breached, counted at its deadline 10:00.
  p2("late", "2026-03-02T09:00:00+01:00", [ev.reply("2026-03-02T10:01:00+01:00")]),
  // Tue 31 Mar 16:00; deadline 17:00 the same day; answered Wed 1 Apr 09:00 = 120 + 60 = 180
  // business minutes. Breached: counts in March (its deadline), although it stopped in April.
  p2("late-into-april", "2026-03-31T16:00:00+02:00", [ev.reply("2026-04-01T09:00:00+02:00")]),
  // Tue 31 Mar 10:00, never answered; deadline 11:00. At now (Thu 2 Apr 12:00) breached and
  // still open: counts in March. Elapsed: 31 Mar 10–18 (480) + 1 Apr (600) + 2 Apr 08–12 (240).
  p2("open-breached", "2026-03-31T10:00:00+02:00"),
  // Fri 27 Feb 17:30 → Mon 2 Mar 08:30: 30 + 30 = 60 business minutes; in time, stopped in March.
  p2("over-weekend", "2026-02-27T17:30:00+01:00", [ev.reply("2026-03-02T08:30:00+01:00")]),
  // Stopped in February: another period.
  p2("february", "2026-02-26T09:00:00+01:00", [ev.reply("2026-02-26T09:10:00+01:00")]),
  // Security incidents share the P1–P4 scheme (M16).
  p2("security", "2026-03-03T09:00:00+01:00", [ev.reply("2026-03-03T09:20:00+01:00")], "security-incident"),
  // Service requests are not in O1.2–O1.9 (M16).
  p2("request", "2026-03-03T09:00:00+01:00", [ev.reply("2026-03-03T11:00:00+01:00")], "service-request"),
  // The auto-acknowledgement and the internal note do not stop the clock; the reply at 09:30 does.
  p2("auto-first", "2026-03-04T09:00:00+01:00", [
    ev.autoReply("2026-03-04T09:01:00+01:00"),
    ev.note("2026-03-04T09:02:00+01:00"),
    ev.reply("2026-03-04T09:30:00+01:00"),
  ]),
  // Downgraded to P3 before the stop: counts under P3 (M4), not under O1.3.
  p2("downgraded", "2026-03-05T09:00:00+01:00", [
    ev.priority("2026-03-05T09:30:00+01:00", "P3"),
    ev.reply("2026-03-05T11:00:00+01:00"),
  ]),
  // Registered P3, upgraded to P2 at 09:10, answered at 09:50 (50 min): counts under O1.3.
  ticket("upgraded", { priority: "P3", createdAt: "2026-03-05T09:00:00+01:00" }, [
    ev.priority("2026-03-05T09:10:00+01:00", "P2"),
    ev.reply("2026-03-05T09:50:00+01:00"),
  ]),
];

describe("O1.3 first response P2 over March 2026", () => {
  const result = score(O13, TICKETS, context({ now: "2026-04-02T12:00:00+02:00" }));

  it("counts each case once, in the period of the earlier of stop and deadline", () => {
    expect(casesById(result)).toEqual({
      exact: {
        verdict: "within",
        value: 60,
        deadline: "2026-03-02T10:00:00+01:00",
        stoppedAt: "2026-03-02T10:00:00+01:00",
      },
      late: {
        verdict: "breached",
        value: 61,
        deadline: "2026-03-02T10:00:00+01:00",
        stoppedAt: "2026-03-02T10:01:00+01:00",
      },
      "late-into-april": {
        verdict: "breached",
        value: 180,
        deadline: "2026-03-31T17:00:00+02:00",
        stoppedAt: "2026-04-01T09:00:00+02:00",
      },
      "open-breached": {
        verdict: "breached",
        value: 1320,
        deadline: "2026-03-31T11:00:00+02:00",
        stoppedAt: null,
      },
      "over-weekend": {
        verdict: "within",
        value: 60,
        deadline: "2026-03-02T08:30:00+01:00",
        stoppedAt: "2026-03-02T08:30:00+01:00",
      },
      security: {
        verdict: "within",
        value: 20,
        deadline: "2026-03-03T10:00:00+01:00",
        stoppedAt: "2026-03-03T09:20:00+01:00",
      },
      "auto-first": {
        verdict: "within",
        value: 30,
        deadline: "2026-03-04T10:00:00+01:00",
        stoppedAt: "2026-03-04T09:30:00+01:00",
      },
      upgraded: {
        verdict: "within",
        value: 50,
        deadline: "2026-03-05T10:00:00+01:00",
        stoppedAt: "2026-03-05T09:50:00+01:00",
      },
    });
  });

  it("scores 5 within of 8 counted against 95 %", () => {
    expect(summary(result)).toEqual({ score: 5 / 8, target: 0.95, met: false, n: 8 });
  });

  it("explains breaches and priority changes in the case notes", () => {
    expect(noteOf(result, "late")).toBe("deadline 2026-03-02 10:00; stopped 2026-03-02 10:01, 1 min over");
    expect(noteOf(result, "open-breached")).toBe("deadline 2026-03-31 11:00; not stopped at report time");
    expect(noteOf(result, "upgraded")).toBe("counted as P2 (registered as P3)");
    expect(result.notes).toContain("response clock, P2 norm 60 min on the business clock");
  });
});

describe("each case counts exactly once (M5)", () => {
  const FEBRUARY_2026 = {
    label: "2026-02",
    kind: "month",
    start: Date.parse("2026-02-01T00:00:00+01:00"),
    end: Date.parse("2026-03-01T00:00:00+01:00"),
  } as const;

  it("February, March and April of one report share out the P2 cases without overlap", () => {
    // One input for the three periods, as a report with its trend scores it.
    const shared = input(TICKETS);
    const scorer = ticketScorers.response;
    const ids = [FEBRUARY_2026, MARCH_2026, APRIL_2026].map((period) =>
      (scorer?.(shared, O13, context({ now: "2026-04-02T12:00:00+02:00", period }))?.cases ?? []).map(
        (c) => c.id,
      ),
    );
    expect(ids).toEqual([
      ["february"],
      [
        "exact",
        "late",
        "late-into-april",
        "open-breached",
        "over-weekend",
        "security",
        "auto-first",
        "upgraded",
      ],
      [],
    ]);
  });
});

describe("O1.4 first response P3: the downgraded P2 counts here (M4)", () => {
  const supplierP3 = overrideClockPolicy(DEFAULT_CLOCK_POLICY, {
    clocks: { response: { P3: { ms: 4 * 3_600_000, clock: "business" } } },
  });
  it.each([
    {
      name: "without a supplier norm: listed as excluded, no score",
      policy: DEFAULT_CLOCK_POLICY,
      // 09:00 → 11:00 = 120 business minutes; no deadline without a norm.
      expected: {
        cases: {
          downgraded: {
            verdict: "excluded",
            value: 120,
            deadline: null,
            stoppedAt: "2026-03-05T11:00:00+01:00",
          },
        },
        summary: { score: null, target: null, met: null, n: 0 },
      },
    },
    {
      name: "with the supplier's 4 business hours: within",
      policy: supplierP3,
      // Deadline 09:00 + 240 business minutes = 13:00; answered at 11:00. The catalog gives O1.4 no
      // share here, so decision 1's default share (1) applies.
      expected: {
        cases: {
          downgraded: {
            verdict: "within",
            value: 120,
            deadline: "2026-03-05T13:00:00+01:00",
            stoppedAt: "2026-03-05T11:00:00+01:00",
          },
        },
        summary: { score: 1, target: 1, met: true, n: 1 },
      },
    },
  ])("$name", ({ policy, expected }) => {
    const result = score(O14, TICKETS, context({ now: "2026-04-02T12:00:00+02:00", policy }));
    expect(casesById(result)).toEqual(expected.cases);
    expect(summary(result)).toEqual(expected.summary);
    expect(noteOf(result, "downgraded")).toContain("counted as P3 (registered as P2)");
  });
});

describe("cases not counted yet, and no data", () => {
  // Tue 31 Mar 17:30, no reply: deadline Wed 1 Apr 08:30 (30 min left on the 31st, 30 on the 1st).
  const waiting = p2("waiting", "2026-03-31T17:30:00+02:00");

  it.each([
    {
      // At 17:45 the deadline has not passed and nothing stopped: not counted; March has no data.
      name: "March, before the deadline",
      ctx: context({ now: "2026-03-31T17:45:00+02:00" }),
      expected: { summary: { score: null, target: 0.95, met: null, n: 0 }, cases: {} },
    },
    {
      // Made later, the March report still does not hold it: its deadline lies in April.
      name: "March, after the deadline",
      ctx: context({ now: "2026-04-01T09:00:00+02:00" }),
      expected: { summary: { score: null, target: 0.95, met: null, n: 0 }, cases: {} },
    },
    {
      // April at Wed 09:00: 30 + 60 = 90 > 60, breached at the 08:30 deadline, still open.
      name: "April, after the deadline",
      ctx: context({ now: "2026-04-01T09:00:00+02:00", period: APRIL_2026 }),
      expected: {
        summary: { score: 0, target: 0.95, met: false, n: 1 },
        cases: {
          waiting: { verdict: "breached", value: 90, deadline: "2026-04-01T08:30:00+02:00", stoppedAt: null },
        },
      },
    },
  ])("$name", ({ ctx, expected }) => {
    const result = score(O13, [waiting], ctx);
    expect(summary(result)).toEqual(expected.summary);
    expect(casesById(result)).toEqual(expected.cases);
  });
});

describe("O1.2 first response P1 on the clock", () => {
  it.each([
    // Saturday 03:00, answered 03:15: exactly 15 clock minutes, within.
    { reply: "2026-03-07T03:15:00+01:00", verdict: "within", value: 15 },
    { reply: "2026-03-07T03:16:00+01:00", verdict: "breached", value: 16 },
  ])("answered at $reply: $verdict", ({ reply, verdict, value }) => {
    const t = ticket("p1", { priority: "P1", createdAt: "2026-03-07T03:00:00+01:00" }, [ev.reply(reply)]);
    const result = score(O12, [t], context({ now: "2026-04-02T12:00:00+02:00" }));
    expect(casesById(result).p1).toMatchObject({ verdict, value, deadline: "2026-03-07T03:15:00+01:00" });
  });
});
