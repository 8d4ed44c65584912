/**
 * Pauses on the resolution clock, on hand-made P3 incidents (resolution norm 24 business hours):
 * registered Monday 2 March 09:00, the deadline is Wednesday 4 March 13:00 (9 h + 10 h + 5 h).
 */
import { describe, expect, it } from "vitest";
import { ev, figureOf, signalOf, signalsOf, ticket } from "./helpers.js";

const MON = "2026-03-02";
const TUE = "2026-03-03";
const WED = "2026-03-04";
const THU = "2026-03-05";
const created = `${MON}T09:00:00+01:00`;

describe("pause-near-deadline", () => {
  it.each([
    {
      name: "customer pause with 30 min of the norm left, resolved just in time after it",
      events: [
        ev.paused(`${WED}T12:30:00+01:00`),
        ev.resumed(`${THU}T09:00:00+01:00`),
        ev.resolved(`${THU}T09:20:00+01:00`),
      ],
      hits: 1,
    },
    {
      name: "NOT: a pause with three hours left",
      events: [
        ev.paused(`${WED}T10:00:00+01:00`),
        ev.resumed(`${WED}T11:00:00+01:00`),
        ev.resolved(`${WED}T12:00:00+01:00`),
      ],
      hits: 0,
    },
    {
      name: "NOT: a wait for a third party, which does not stop the resolution clock",
      events: [
        ev.paused(`${WED}T12:30:00+01:00`, "third-party"),
        ev.resumed(`${THU}T09:00:00+01:00`),
        ev.resolved(`${THU}T09:20:00+01:00`),
      ],
      hits: 0,
    },
    {
      name: "NOT: a pause after the deadline had passed (breached already)",
      events: [
        ev.paused(`${WED}T14:00:00+01:00`),
        ev.resumed(`${THU}T09:00:00+01:00`),
        ev.resolved(`${THU}T10:00:00+01:00`),
      ],
      hits: 0,
    },
  ])("$name", ({ events, hits }) => {
    const tickets = [ticket("I-1", { createdAt: created }, [ev.reply(`${MON}T09:30:00+01:00`), ...events])];
    expect(figureOf(tickets, "pause-near-deadline")).toMatchObject({ n: 1, hits, value: hits });
  });

  it("notes the time left, and takes its window from the config", () => {
    const tickets = [
      ticket("I-1", { createdAt: created }, [
        ev.reply(`${MON}T09:30:00+01:00`),
        ev.paused(`${WED}T12:30:00+01:00`),
        ev.resumed(`${THU}T09:00:00+01:00`),
        ev.resolved(`${THU}T09:20:00+01:00`),
      ]),
    ];
    expect(signalOf(signalsOf(tickets), "pause-near-deadline").cases[0]).toEqual({
      id: "I-1",
      source: "test",
      note: "paused at 2026-03-04 12:30 with 30 min of the P3 resolution norm left",
      instants: [
        { what: "paused", at: Date.parse(`${WED}T12:30:00+01:00`) },
        { what: "resolved", at: Date.parse(`${THU}T09:20:00+01:00`) },
      ],
    });
    const rules = { signals: { pauseNearDeadline: { windowMinutes: 20 } } };
    expect(figureOf(tickets, "pause-near-deadline", { rules }).hits).toBe(0);
  });
});

describe("recurring-pauses", () => {
  const pauses = [
    [`${MON}T10:00:00+01:00`, `${MON}T11:00:00+01:00`],
    [`${MON}T14:00:00+01:00`, `${MON}T15:00:00+01:00`],
    [`${TUE}T09:00:00+01:00`, `${TUE}T10:00:00+01:00`],
  ] as const;
  const withPauses = (count: number) =>
    ticket("I-1", { createdAt: created }, [
      ev.reply(`${MON}T09:30:00+01:00`),
      ...pauses.slice(0, count).flatMap(([from, to]) => [ev.paused(from), ev.resumed(to)]),
      ev.resolved(`${TUE}T12:00:00+01:00`),
    ]);

  it.each([
    { pauses: 3, rules: {}, hits: 1 },
    { pauses: 2, rules: {}, hits: 0 },
    { pauses: 2, rules: { signals: { recurringPauses: { minPauses: 2 } } }, hits: 1 },
    { pauses: 0, rules: {}, hits: 0 },
  ])("$pauses pauses with $rules: $hits case(s)", ({ pauses: count, rules, hits }) => {
    expect(figureOf([withPauses(count)], "recurring-pauses", { rules })).toMatchObject({ n: 1, hits });
  });

  it("lists when each pause began", () => {
    const [found] = signalOf(signalsOf([withPauses(3)]), "recurring-pauses").cases;
    expect(found?.note).toBe("paused 3 times, first at 2026-03-02 10:00, last at 2026-03-03 09:00");
    expect(found?.instants.map((i) => i.what)).toEqual(["pause 1", "pause 2", "pause 3"]);
  });
});

describe("paused-share", () => {
  it("is paused ÷ (running + paused) over the population; a ticket paused over half its time is a case", () => {
    const tickets = [
      // Running Mon 09:00–10:00 and Tue 10:00–14:00 (5 h), paused Mon 10:00 – Tue 10:00 (10 business hours).
      ticket("I-1", { createdAt: created }, [
        ev.reply(`${MON}T09:30:00+01:00`),
        ev.paused(`${MON}T10:00:00+01:00`),
        ev.resumed(`${TUE}T10:00:00+01:00`),
        ev.resolved(`${TUE}T14:00:00+01:00`),
      ]),
      // Running 5 h, never paused.
      ticket("I-2", { createdAt: created }, [
        ev.reply(`${MON}T09:30:00+01:00`),
        ev.resolved(`${MON}T14:00:00+01:00`),
      ]),
    ];
    expect(figureOf(tickets, "paused-share")).toEqual({ value: 10 / 20, n: 2, hits: 1, cases: ["I-1"] });
    expect(signalOf(signalsOf(tickets), "paused-share").cases[0]?.note).toBe(
      "paused 10 h of 15 h (67 %) on the business clock",
    );
  });

  it("NOT a case: a ticket paused for less than the configured share of its time", () => {
    const tickets = [
      ticket("I-1", { createdAt: created }, [
        ev.reply(`${MON}T09:30:00+01:00`),
        ev.paused(`${MON}T10:00:00+01:00`),
        ev.resumed(`${MON}T12:00:00+01:00`),
        ev.resolved(`${MON}T14:00:00+01:00`),
      ]),
    ];
    // 2 h paused of 5 h handled: 40 %.
    expect(figureOf(tickets, "paused-share")).toEqual({ value: 0.4, n: 1, hits: 0, cases: [] });
    const rules = { signals: { pausedShare: { ticketShare: 0.3 } } };
    expect(figureOf(tickets, "paused-share", { rules }).hits).toBe(1);
  });
});
