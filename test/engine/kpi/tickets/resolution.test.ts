/**
 * O1.7 resolution, O1.6 P1 stabilisation/definitive and O1.10 containment (M2, M3, M5).
 * Calendar: Amsterdam, Mon–Fri 08:00–18:00; 2026-03-02, -09 and -16 are Mondays; all times +01:00.
 * Norms: P2 resolution 480 business min; P1 stabilisation 4 h and definitive 48 h on the clock;
 * containment P1 4 h (clock), P2 24 business h = 1440 business min.
 */
import { describe, expect, it } from "vitest";
import { ticketScorers } from "../../../../src/engine/kpi/tickets/index.js";
import type { KpiDefinition, KpiScorer } from "../../../../src/engine/kpi/types.js";
import { casesById, context, ev, input, kpi, summary, ticket } from "./helpers.js";

const NOW = "2026-04-02T12:00:00+02:00";
const scorer = (rule: "resolution" | "p1-resolution" | "containment"): KpiScorer => {
  const found = ticketScorers[rule];
  if (found === undefined) throw new Error(`no ${rule} scorer`);
  return found;
};
const run = (
  rule: "resolution" | "p1-resolution" | "containment",
  def: KpiDefinition,
  tickets: Parameters<typeof input>[0],
) => scorer(rule)(input(tickets), def, context({ now: NOW }));

const share1 = (amount: number, unit: "hours" | "minutes") =>
  ({ kind: "duration", amount, unit, share: 1 }) as const;
const O17 = kpi(
  "O1.7",
  { rule: "resolution", priority: "P2" },
  {
    norm: { kind: "duration", amount: 8, unit: "hours", share: 0.95 },
    clock: "business",
  },
);
const O16 = kpi(
  "O1.6",
  { rule: "p1-resolution" },
  {
    partNorms: { stabilisation: share1(4, "hours"), definitive: share1(48, "hours") },
    clock: "clock",
  },
);
const O110 = kpi(
  "O1.10",
  { rule: "containment" },
  { partNorms: { P1: share1(4, "hours"), P2: share1(24, "hours") } },
);

// A security incident waiting for a third party Mon 9 Mar 10:00 → Thu 12 Mar 10:00.
const waitingForVendor = ticket(
  "sec-p2-vendor",
  { type: "security-incident", priority: "P2", createdAt: "2026-03-09T09:00:00+01:00" },
  [
    ev.paused("2026-03-09T10:00:00+01:00", "third-party"),
    ev.resumed("2026-03-12T10:00:00+01:00"),
    ev.contained("2026-03-12T11:00:00+01:00"),
    ev.resolved("2026-03-12T12:00:00+01:00"),
  ],
);

describe("O1.7 resolution P2", () => {
  const result = run("resolution", O17, [
    // Resolved Mon 12:00 (180), reopened Tue 10:00, resolved Tue 13:00 (180): 360 ≤ 480. The
    // resolved → reopened span does not count; counted, it would be 840. Deadline: 300 minutes
    // left at Tue 10:00 → Tue 15:00.
    ticket("reopened", { priority: "P2", createdAt: "2026-03-02T09:00:00+01:00" }, [
      ev.resolved("2026-03-02T12:00:00+01:00"),
      ev.reopened("2026-03-03T10:00:00+01:00"),
      ev.resolved("2026-03-03T13:00:00+01:00"),
    ]),
    // A third-party wait does not pause resolution (M3): Mon 09–18 (540) + Tue 08–10:30 (150) = 690.
    ticket("third-party", { priority: "P2", createdAt: "2026-03-09T09:00:00+01:00" }, [
      ev.paused("2026-03-09T10:00:00+01:00", "third-party"),
      ev.resumed("2026-03-10T10:00:00+01:00"),
      ev.resolved("2026-03-10T10:30:00+01:00"),
    ]),
    // A customer wait does: 60 + 30 = 90; deadline 390 minutes after Tue 10:30 = 17:00.
    ticket("customer", { priority: "P2", createdAt: "2026-03-09T09:00:00+01:00" }, [
      ev.paused("2026-03-09T10:00:00+01:00", "customer"),
      ev.resumed("2026-03-10T10:00:00+01:00"),
      ev.resolved("2026-03-10T10:30:00+01:00"),
    ]),
    // Resolution ignores the third-party pause of the security incident too: Mon 540 + Tue 600 +
    // Wed 600 + Thu 08–12 240 = 1980, breached at Mon 17:00 (containment below is in time).
    waitingForVendor,
  ]);

  it("excludes reopen spans and pauses only for the customer", () => {
    expect(casesById(result)).toEqual({
      reopened: {
        verdict: "within",
        value: 360,
        deadline: "2026-03-03T15:00:00+01:00",
        stoppedAt: "2026-03-03T13:00:00+01:00",
      },
      "third-party": {
        verdict: "breached",
        value: 690,
        deadline: "2026-03-09T17:00:00+01:00",
        stoppedAt: "2026-03-10T10:30:00+01:00",
      },
      customer: {
        verdict: "within",
        value: 90,
        deadline: "2026-03-10T17:00:00+01:00",
        stoppedAt: "2026-03-10T10:30:00+01:00",
      },
      "sec-p2-vendor": {
        verdict: "breached",
        value: 1980,
        deadline: "2026-03-09T17:00:00+01:00",
        stoppedAt: "2026-03-12T12:00:00+01:00",
      },
    });
    expect(summary(result)).toEqual({ score: 0.5, target: 0.95, met: false, n: 4 });
    expect(result.notes).toContain("pauses: customer");
  });
});

describe("O1.6 P1 stabilisation and definitive fix, on the clock", () => {
  const result = run("p1-resolution", O16, [
    // Mon 16 Mar 09:00: stabilised 13:00 (240, exactly 4 h), resolved Tue 09:00 (1440 ≤ 2880).
    ticket("p1-good", { priority: "P1", createdAt: "2026-03-16T09:00:00+01:00" }, [
      ev.stabilized("2026-03-16T13:00:00+01:00"),
      ev.resolved("2026-03-17T09:00:00+01:00"),
    ]),
    // Mon 20:00: stabilised Tue 01:00 (300 > 240, deadline 00:00); resolved Thu 21:00 (73 h =
    // 4380 min > 2880, deadline Wed 20:00). Clock hours: nights count for P1.
    ticket("p1-bad", { priority: "P1", createdAt: "2026-03-16T20:00:00+01:00" }, [
      ev.stabilized("2026-03-17T01:00:00+01:00"),
      ev.resolved("2026-03-19T21:00:00+01:00"),
    ]),
    // Resolved without a `stabilized`: stabilisation stops at the resolution (M2), 120 for both.
    ticket("p1-direct", { priority: "P1", createdAt: "2026-03-18T10:00:00+01:00" }, [
      ev.resolved("2026-03-18T12:00:00+01:00"),
    ]),
    // P2 has no stabilisation norm and is not a P1 definitive fix: not in O1.6.
    ticket("p2", { priority: "P2", createdAt: "2026-03-18T10:00:00+01:00" }, [
      ev.resolved("2026-03-18T12:00:00+01:00"),
    ]),
  ]);

  it("scores each part on its own cases", () => {
    expect(result.cases.map((c) => [c.id, c.part, c.verdict, c.value])).toEqual([
      ["p1-good", "stabilisation", "within", 240],
      ["p1-bad", "stabilisation", "breached", 300],
      ["p1-direct", "stabilisation", "within", 120],
      ["p1-good", "definitive", "within", 1440],
      ["p1-bad", "definitive", "breached", 4380],
      ["p1-direct", "definitive", "within", 120],
    ]);
    expect(result.parts).toEqual([
      { name: "stabilisation", score: 2 / 3, target: 1, met: false, n: 3 },
      { name: "definitive", score: 2 / 3, target: 1, met: false, n: 3 },
    ]);
    expect(summary(result)).toEqual({ score: 2 / 3, target: 1, met: false, n: 6 });
  });
});

describe("O1.10 containment, parts P1 and P2", () => {
  const p1 = (id: string, createdAt: string, containedAt: string) =>
    ticket(id, { type: "security-incident", priority: "P1", createdAt }, [ev.contained(containedAt)]);
  // Sat 10:00 → 14:00: exactly 4 clock hours.
  const inTime = p1("sec-p1", "2026-03-14T10:00:00+01:00", "2026-03-14T14:00:00+01:00");
  // Sun 10:00 → 14:30: 270 > 240.
  const late = p1("sec-p1-late", "2026-03-15T10:00:00+01:00", "2026-03-15T14:30:00+01:00");
  // An ordinary incident has no containment clock.
  const incident = ticket("incident", { priority: "P1", createdAt: "2026-03-14T10:00:00+01:00" }, [
    ev.contained("2026-03-14T11:00:00+01:00"),
  ]);

  it("excludes third-party waits from containment", () => {
    // 60 (Mon 09–10) + 60 (Thu 10–11) = 120 business minutes; without the pause 1920 > 1440.
    // Deadline: 1320 minutes left at Thu 11:00 → Thu 420, Fri 600, Mon 16 Mar 08:00 + 300 = 13:00.
    const result = run("containment", O110, [waitingForVendor, inTime, late, incident]);
    expect(casesById(result)).toEqual({
      "sec-p2-vendor": {
        part: "P2",
        verdict: "within",
        value: 120,
        deadline: "2026-03-16T13:00:00+01:00",
        stoppedAt: "2026-03-12T11:00:00+01:00",
      },
      "sec-p1": {
        part: "P1",
        verdict: "within",
        value: 240,
        deadline: "2026-03-14T14:00:00+01:00",
        stoppedAt: "2026-03-14T14:00:00+01:00",
      },
      "sec-p1-late": {
        part: "P1",
        verdict: "breached",
        value: 270,
        deadline: "2026-03-15T14:00:00+01:00",
        stoppedAt: "2026-03-15T14:30:00+01:00",
      },
    });
    expect(result.parts).toEqual([
      { name: "P1", score: 0.5, target: 1, met: false, n: 2 },
      { name: "P2", score: 1, target: 1, met: true, n: 1 },
    ]);
    expect(summary(result)).toEqual({ score: 0.5, target: 1, met: false, n: 3 });
  });

  it.each([
    // A failing part fails the KPI even when the other part has no data.
    { name: "P1 failing, no P2", tickets: [late], met: false, score: 0 },
    // A passing part with the other part empty leaves the KPI without verdict (never green on nothing).
    { name: "P1 passing, no P2", tickets: [inTime], met: null, score: 1 },
    { name: "no security incidents", tickets: [incident], met: null, score: null },
  ])("$name: met $met", ({ tickets, met, score }) => {
    const result = run("containment", O110, tickets);
    expect(result.met).toBe(met);
    expect(result.score).toBe(score);
  });
});
