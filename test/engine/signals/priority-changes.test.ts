/**
 * Priority changes around a deadline, on hand-made incidents in March 2026 (2 March is a Monday;
 * P2: response 1 business hour, resolution 8; P3 and P4 per the demo supplier's norms). Each
 * ticket has a response and a resolution clock, so the population is two clock cases.
 */
import { describe, expect, it } from "vitest";
import { ev, figureOf, signalOf, signalsOf, ticket } from "./helpers.js";

const MON = "2026-03-02";
const TUE = "2026-03-03";

describe("downgrade-near-deadline", () => {
  it.each([
    {
      name: "lowered 30 min before the P2 resolution deadline (17:00)",
      created: `${MON}T09:00:00+01:00`,
      events: [
        ev.reply(`${MON}T09:20:00+01:00`),
        ev.priority(`${MON}T16:30:00+01:00`, "P3"),
        ev.resolved(`${TUE}T10:00:00+01:00`),
      ],
      hits: 1,
    },
    {
      name: "lowered after the P2 resolution deadline had passed (hides the breach)",
      created: `${MON}T09:00:00+01:00`,
      events: [
        ev.reply(`${MON}T09:20:00+01:00`),
        ev.priority(`${MON}T17:30:00+01:00`, "P3"),
        ev.resolved(`${TUE}T10:00:00+01:00`),
      ],
      hits: 1,
    },
    {
      name: "lowered at 17:30 with the deadline at 08:10 next morning: 40 business minutes before",
      created: `${MON}T10:10:00+01:00`,
      events: [
        ev.reply(`${MON}T10:30:00+01:00`),
        ev.priority(`${MON}T17:30:00+01:00`, "P3"),
        ev.resolved(`${TUE}T12:00:00+01:00`),
      ],
      hits: 1,
    },
    {
      name: "lowered 5 min before the response deadline (10:00), answered late at 11:00",
      created: `${MON}T09:00:00+01:00`,
      events: [
        ev.priority(`${MON}T09:55:00+01:00`, "P3"),
        ev.reply(`${MON}T11:00:00+01:00`),
        ev.resolved(`${MON}T15:00:00+01:00`),
      ],
      hits: 1,
    },
    {
      name: "NOT: lowered two hours before the deadline",
      created: `${MON}T09:00:00+01:00`,
      events: [
        ev.reply(`${MON}T09:20:00+01:00`),
        ev.priority(`${MON}T15:00:00+01:00`, "P3"),
        ev.resolved(`${TUE}T10:00:00+01:00`),
      ],
      hits: 0,
    },
    {
      name: "NOT: lowered after the ticket was resolved",
      created: `${MON}T09:00:00+01:00`,
      events: [
        ev.reply(`${MON}T09:20:00+01:00`),
        ev.resolved(`${MON}T16:00:00+01:00`),
        ev.priority(`${MON}T16:30:00+01:00`, "P3"),
      ],
      hits: 0,
    },
    {
      name: "NOT: raised (P3 → P2) just before the deadline",
      created: `${MON}T09:00:00+01:00`,
      priority: "P3" as const,
      events: [
        ev.reply(`${MON}T09:20:00+01:00`),
        ev.priority(`${MON}T16:30:00+01:00`, "P2"),
        ev.resolved(`${MON}T16:50:00+01:00`),
      ],
      hits: 0,
    },
  ])("$name", ({ created, events, hits, priority }) => {
    const tickets = [ticket("I-1", { priority: priority ?? "P2", createdAt: created }, events)];
    expect(figureOf(tickets, "downgrade-near-deadline")).toMatchObject({ n: 2, hits, value: hits / 2 });
  });

  it("says what happened and when, the lead on the norm's clock", () => {
    const tickets = [
      ticket("I-1", { priority: "P2", createdAt: `${MON}T10:10:00+01:00` }, [
        ev.reply(`${MON}T10:30:00+01:00`),
        ev.priority(`${MON}T17:30:00+01:00`, "P3"),
        ev.resolved(`${TUE}T12:00:00+01:00`),
      ]),
      ticket("I-2", { priority: "P2", createdAt: `${MON}T09:00:00+01:00` }, [
        ev.reply(`${MON}T09:20:00+01:00`),
        ev.priority(`${MON}T17:30:00+01:00`, "P3"),
        ev.resolved(`${TUE}T10:00:00+01:00`),
      ]),
    ];
    const [late, after] = signalOf(signalsOf(tickets), "downgrade-near-deadline").cases;
    expect(late).toEqual({
      id: "I-1",
      source: "test",
      note: "P2 → P3 at 2026-03-02 17:30, 40 min before the P2 resolution deadline (2026-03-03 08:10)",
      instants: [
        { what: "lowered", at: Date.parse("2026-03-02T17:30:00+01:00") },
        { what: "P2 deadline", at: Date.parse("2026-03-03T08:10:00+01:00") },
      ],
    });
    expect(after?.note).toBe(
      "P2 → P3 at 2026-03-02 17:30, after the P2 resolution deadline (2026-03-02 17:00) had passed",
    );
  });

  it("takes its window from the config", () => {
    const tickets = [
      ticket("I-1", { priority: "P2", createdAt: `${MON}T10:10:00+01:00` }, [
        ev.reply(`${MON}T10:30:00+01:00`),
        ev.priority(`${MON}T17:30:00+01:00`, "P3"),
        ev.resolved(`${TUE}T12:00:00+01:00`),
      ]),
    ];
    const rules = { signals: { downgradeNearDeadline: { windowMinutes: 30 } } };
    expect(figureOf(tickets, "downgrade-near-deadline", { rules }).hits).toBe(0);
    expect(figureOf(tickets, "downgrade-near-deadline").hits).toBe(1);
  });

  it("counts only incidents and security incidents, in the period their clock counts in", () => {
    const events = [
      ev.reply(`${MON}T09:20:00+01:00`),
      ev.priority(`${MON}T16:30:00+01:00`, "P3"),
      ev.resolved(`${TUE}T10:00:00+01:00`),
    ];
    const tickets = [
      ticket("SR-1", { type: "service-request", priority: "P2", createdAt: `${MON}T09:00:00+01:00` }, events),
      ticket(
        "SI-1",
        { type: "security-incident", priority: "P2", createdAt: `${MON}T09:00:00+01:00` },
        events,
      ),
    ];
    expect(figureOf(tickets, "downgrade-near-deadline")).toMatchObject({ n: 2, hits: 1, cases: ["SI-1"] });
  });
});

describe("upgrade-after-deadline", () => {
  it.each([
    {
      name: "P4 raised to P2 at 17:30, after the P2 deadline (17:00)",
      raisedAt: `${MON}T17:30:00+01:00`,
      hits: 1,
    },
    {
      name: "NOT: P4 raised to P2 at 16:00, before the P2 deadline",
      raisedAt: `${MON}T16:00:00+01:00`,
      hits: 0,
    },
  ])("$name", ({ raisedAt, hits }) => {
    const tickets = [
      ticket("I-1", { priority: "P4", createdAt: `${MON}T09:00:00+01:00` }, [
        ev.reply(`${MON}T09:30:00+01:00`),
        ev.priority(raisedAt, "P2"),
        ev.resolved(`${TUE}T11:00:00+01:00`),
      ]),
    ];
    expect(figureOf(tickets, "upgrade-after-deadline")).toMatchObject({ n: 2, hits, value: hits / 2 });
  });

  it("says which deadline had passed", () => {
    const tickets = [
      ticket("I-1", { priority: "P4", createdAt: `${MON}T09:00:00+01:00` }, [
        ev.reply(`${MON}T09:30:00+01:00`),
        ev.priority(`${MON}T17:30:00+01:00`, "P2"),
        ev.resolved(`${TUE}T11:00:00+01:00`),
      ]),
    ];
    expect(signalOf(signalsOf(tickets), "upgrade-after-deadline").cases[0]?.note).toBe(
      "P4 → P2 at 2026-03-02 17:30, after the P2 resolution deadline (2026-03-02 17:00)",
    );
  });
});
