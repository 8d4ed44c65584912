/**
 * O1.11 major-incident updates (M7) and O3.1 proactive feedback (M17). Calendar: Amsterdam,
 * Mon–Fri 08:00–18:00; 2026-03-02 and 2026-03-09 are Mondays; summer time (+02:00) from 29 March.
 * Major updates: first ≤ 30 min after becoming major, then ≤ 60 min after the previous update.
 */
import { describe, expect, it } from "vitest";
import { ticketScorers } from "../../../../src/engine/kpi/tickets/index.js";
import type { KpiDefinition, ScoringContext } from "../../../../src/engine/kpi/types.js";
import { casesById, context, type EventInput, ev, input, kpi, noteOf, summary, ticket } from "./helpers.js";

const NOW = "2026-04-02T12:00:00+02:00";
const O111 = kpi("O1.11", { rule: "major-updates" });
const O31 = kpi("O3.1", { rule: "proactive-feedback" }, { norm: { kind: "min", value: 0.8 } });

function scoreWith(
  rule: "major-updates" | "proactive-feedback",
  def: KpiDefinition,
  tickets: Parameters<typeof input>[0],
  ctx: ScoringContext,
) {
  const scorer = ticketScorers[rule];
  if (scorer === undefined) throw new Error(`no ${rule} scorer`);
  return scorer(input(tickets), def, ctx);
}

describe("O1.11 major-incident updates", () => {
  const p1 = (id: string, createdAt: string, events: EventInput[]) =>
    ticket(id, { priority: "P1", createdAt }, events);
  // Registered Tue 10 Mar 09:00, major only from 09:40: dues 10:10 (update 10:05) and 11:05
  // (update 11:00); 12:00 falls after the 11:50 stabilisation. Counted from registration, the
  // 09:30 due would have been missed.
  const becameMajor = p1("became-major", "2026-03-10T09:00:00+01:00", [
    ev.major("2026-03-10T09:40:00+01:00"),
    ev.reply("2026-03-10T10:05:00+01:00"),
    ev.reply("2026-03-10T11:00:00+01:00"),
    ev.stabilized("2026-03-10T11:50:00+01:00"),
  ]);
  // Major from registration: 09:30 in time (inclusive); 10:45 misses the 10:30 due.
  const lateUpdate = p1("late-update", "2026-03-11T09:00:00+01:00", [
    ev.major("2026-03-11T09:00:00+01:00"),
    ev.reply("2026-03-11T09:30:00+01:00"),
    ev.reply("2026-03-11T10:45:00+01:00"),
    ev.reply("2026-03-11T11:40:00+01:00"),
    ev.stabilized("2026-03-11T12:00:00+01:00"),
  ]);
  // Not stabilised at now, its 09:30 update never came: listed, not counted (counts when stabilised).
  const running = p1("running", "2026-03-31T09:00:00+02:00", [ev.major("2026-03-31T09:00:00+02:00")]);
  // Stabilised in April: counts there.
  const april = p1("april", "2026-03-31T23:00:00+02:00", [
    ev.major("2026-03-31T23:00:00+02:00"),
    ev.reply("2026-03-31T23:20:00+02:00"),
    ev.stabilized("2026-04-01T00:10:00+02:00"),
  ]);
  // Never major: not in the population.
  const ordinary = p1("ordinary", "2026-03-12T09:00:00+01:00", [ev.resolved("2026-03-12T15:00:00+01:00")]);

  it("passes or fails each incident in the period of its stabilisation", () => {
    const result = scoreWith(
      "major-updates",
      O111,
      [becameMajor, lateUpdate, running, april, ordinary],
      context({ now: NOW }),
    );
    expect(casesById(result)).toEqual({
      "became-major": {
        verdict: "within",
        value: null,
        deadline: null,
        stoppedAt: "2026-03-10T11:50:00+01:00",
      },
      "late-update": {
        verdict: "breached",
        value: null,
        deadline: "2026-03-11T10:30:00+01:00",
        stoppedAt: "2026-03-11T12:00:00+01:00",
      },
      running: { verdict: "excluded", value: null, deadline: "2026-03-31T09:30:00+02:00", stoppedAt: null },
    });
    expect(noteOf(result, "became-major")).toBe("2 updates owed, all in time");
    expect(noteOf(result, "late-update")).toBe("update due 2026-03-11 10:30 came 2026-03-11 10:45");
    expect(noteOf(result, "running")).toBe(
      "not stabilised at report time; update due 2026-03-31 09:30 never came; counts in the period of its stabilisation",
    );
    expect(summary(result)).toEqual({ score: 0.5, target: 1, met: false, n: 2 });
  });

  it.each([
    { name: "all compliant", tickets: [becameMajor], expected: { score: 1, target: 1, met: true, n: 1 } },
    { name: "no major incident", tickets: [ordinary], expected: { score: null, target: 1, met: null, n: 0 } },
  ])("$name", ({ tickets, expected }) => {
    expect(summary(scoreWith("major-updates", O111, tickets, context({ now: NOW })))).toEqual(expected);
  });
});

describe("O3.1 proactive feedback", () => {
  // P3 has no resolution norm by default, so these tickets have only their explicit targets.
  const p3 = (id: string, createdAt: string, events: EventInput[]) =>
    ticket(id, { priority: "P3", createdAt }, events);
  const target = ev.target("2026-03-02T09:30:00+01:00", "2026-03-03T12:00:00+01:00");
  const tickets = [
    // Due Tue 12:00 passes before the Wed resolution; the caller heard at Tue 11:00: honoured.
    p3("honoured", "2026-03-02T09:00:00+01:00", [
      target,
      ev.reply("2026-03-03T11:00:00+01:00"),
      ev.resolved("2026-03-04T10:00:00+01:00"),
    ]),
    // The update came a minute after the due: not honoured (grace 0).
    p3("late-update", "2026-03-02T09:00:00+01:00", [
      target,
      ev.reply("2026-03-03T12:01:00+01:00"),
      ev.resolved("2026-03-04T10:00:00+01:00"),
    ]),
    // Resolved before its due: the expected time never passed, not in the population.
    p3("in-time", "2026-03-02T09:00:00+01:00", [
      ev.target("2026-03-02T09:30:00+01:00", "2026-03-05T12:00:00+01:00"),
      ev.resolved("2026-03-04T10:00:00+01:00"),
    ]),
    // A new target before the due honours the first; the second (due Wed 12:00) never passes.
    p3("new-target", "2026-03-02T09:00:00+01:00", [
      target,
      ev.target("2026-03-03T11:30:00+01:00", "2026-03-04T12:00:00+01:00"),
      ev.resolved("2026-03-04T11:00:00+01:00"),
    ]),
    // No target: the implicit one is the P2 resolution deadline, Mon 9 Mar 09:00 + 480 business
    // min = 17:00, passed before the Tue resolution; the 09:30 reply honours it.
    ticket("implicit-honoured", { priority: "P2", createdAt: "2026-03-09T09:00:00+01:00" }, [
      ev.reply("2026-03-09T09:30:00+01:00"),
      ev.resolved("2026-03-10T10:00:00+01:00"),
    ]),
    // Only an auto-acknowledgement and an internal note before 17:00: not honoured.
    ticket("implicit-missed", { priority: "P2", createdAt: "2026-03-09T09:00:00+01:00" }, [
      ev.autoReply("2026-03-09T09:01:00+01:00"),
      ev.note("2026-03-09T10:00:00+01:00"),
      ev.resolved("2026-03-10T10:00:00+01:00"),
    ]),
    // No target and no resolution norm for P3: no expected time, not in the population.
    p3("implicit-none", "2026-03-09T09:00:00+01:00", [ev.resolved("2026-03-20T10:00:00+01:00")]),
    // Still open at now; its target passed on 31 March without an update: counted in March.
    p3("open", "2026-03-30T09:00:00+02:00", [
      ev.target("2026-03-30T09:10:00+02:00", "2026-03-31T12:00:00+02:00"),
    ]),
  ];

  it.each([
    {
      name: "grace 0",
      rules: {},
      verdicts: {
        honoured: "within",
        "late-update": "breached",
        "new-target": "within",
        "implicit-honoured": "within",
        "implicit-missed": "breached",
        open: "breached",
      },
      summary: { score: 3 / 6, target: 0.8, met: false, n: 6 },
    },
    {
      // 12:01 lies within the 10-minute grace after the 12:00 due.
      name: "grace 10 min",
      rules: { proactiveFeedback: { graceMinutes: 10 } },
      verdicts: {
        honoured: "within",
        "late-update": "within",
        "new-target": "within",
        "implicit-honoured": "within",
        "implicit-missed": "breached",
        open: "breached",
      },
      summary: { score: 4 / 6, target: 0.8, met: false, n: 6 },
    },
  ])("$name", ({ rules, verdicts, summary: expected }) => {
    const result = scoreWith("proactive-feedback", O31, tickets, context({ now: NOW, rules }));
    expect(Object.fromEntries(result.cases.map((c) => [c.id, c.verdict]))).toEqual(verdicts);
    expect(summary(result)).toEqual(expected);
    // One counted ticket is still open: a later target may still fail it.
    expect(result.provisional).toBe(true);
  });

  it("counts a ticket at its first passed due and says which target was missed", () => {
    const result = scoreWith("proactive-feedback", O31, tickets, context({ now: NOW }));
    const cases = casesById(result);
    expect(cases["implicit-honoured"]).toEqual({
      verdict: "within",
      value: null,
      deadline: "2026-03-09T17:00:00+01:00",
      stoppedAt: "2026-03-10T10:00:00+01:00",
    });
    expect(cases.open).toEqual({
      verdict: "breached",
      value: null,
      deadline: "2026-03-31T12:00:00+02:00",
      stoppedAt: null,
    });
    expect(noteOf(result, "late-update")).toBe(
      "target due 2026-03-03 12:00 (set 2026-03-02 09:30) passed without an update",
    );
    expect(noteOf(result, "implicit-missed")).toBe(
      "implicit target (resolution deadline 2026-03-09 17:00) passed without an update",
    );
    expect(result.notes).toContain("grace 0 min after an expected time");
  });
});
