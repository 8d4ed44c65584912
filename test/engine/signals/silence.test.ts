/**
 * Long silence towards the caller (at most two service days, twenty business hours, by default).
 * Hand-made service requests from Monday 2 March 2026 09:00, first reply at 09:30.
 */
import { describe, expect, it } from "vitest";
import { firstLongSilence } from "../../../src/engine/signals/index.js";
import { knownHistory } from "../../../src/engine/timeline/known-history.js";
import { at, calendar, type EventInput, ev, figureOf, signalOf, signalsOf, ticket } from "./helpers.js";

const MON = "2026-03-02";
const TUE = "2026-03-03";
const WED = "2026-03-04";
const THU = "2026-03-05";
const HOUR = 3_600_000;

const request = (events: EventInput[]) =>
  ticket("SR-1", { type: "service-request", createdAt: `${MON}T09:00:00+01:00` }, [
    ev.reply(`${MON}T09:30:00+01:00`),
    ...events,
  ]);

function silenceOf(events: EventInput[], now = "2026-04-01T09:00:00+02:00") {
  const history = knownHistory(request(events), at(now));
  if (history === null) throw new Error("created after now");
  return firstLongSilence(history, { calendar, reasons: ["customer"], maxMs: 20 * HOUR, now: at(now) });
}

const laterReply = [ev.reply(`${WED}T14:00:00+01:00`), ev.resolved(`${WED}T15:00:00+01:00`)];

describe("firstLongSilence", () => {
  it("finds 24.5 business hours between two replies, too long from Wednesday 09:30", () => {
    expect(silenceOf(laterReply)).toEqual({
      from: at(`${MON}T09:30:00+01:00`),
      exceededAt: at(`${WED}T09:30:00+01:00`),
      until: at(`${WED}T14:00:00+01:00`),
      silentMs: 24.5 * HOUR,
    });
  });

  it.each([
    { name: "an internal note", update: ev.note(`${TUE}T12:00:00+01:00`), silent: true },
    { name: "an automated caller-visible mail", update: ev.autoReply(`${TUE}T12:00:00+01:00`), silent: true },
    {
      name: "a new expected time (target)",
      update: ev.target(`${TUE}T12:00:00+01:00`, `${THU}T12:00:00+01:00`),
      silent: false,
    },
    { name: "a reply written by a person", update: ev.reply(`${TUE}T12:00:00+01:00`), silent: false },
  ])("$name in between: silent too long is $silent", ({ update, silent }) => {
    expect(silenceOf([update, ...laterReply]) !== null).toBe(silent);
  });

  it.each([
    {
      name: "NOT: waiting for the caller from Monday 12:00 to Tuesday 16:00 (10.5 h counted)",
      events: [ev.paused(`${MON}T12:00:00+01:00`), ev.resumed(`${TUE}T16:00:00+01:00`), ...laterReply],
      silent: false,
    },
    {
      name: "waiting for a third party does not stop the count",
      events: [
        ev.paused(`${MON}T12:00:00+01:00`, "third-party"),
        ev.resumed(`${TUE}T16:00:00+01:00`),
        ...laterReply,
      ],
      silent: true,
    },
    {
      name: "NOT: resolved Monday 12:00 and reopened Wednesday 09:00 (3.5 h counted)",
      events: [
        ev.resolved(`${MON}T12:00:00+01:00`),
        ev.reopened(`${WED}T09:00:00+01:00`),
        ev.reply(`${WED}T10:00:00+01:00`),
        ev.resolved(`${WED}T11:00:00+01:00`),
      ],
      silent: false,
    },
  ])("$name", ({ events, silent }) => {
    expect(silenceOf(events) !== null).toBe(silent);
  });

  it("runs up to now for a ticket still open", () => {
    expect(silenceOf([], `${THU}T12:00:00+01:00`)).toMatchObject({
      exceededAt: at(`${WED}T09:30:00+01:00`),
      until: at(`${THU}T12:00:00+01:00`),
      silentMs: 32.5 * HOUR,
    });
  });
});

describe("silent-stretches", () => {
  it("counts a silent ticket where its silence ran too long, a quiet one where it was resolved", () => {
    const tickets = [
      request(laterReply),
      ticket("SR-2", { type: "service-request", createdAt: `${MON}T09:00:00+01:00` }, [
        ev.reply(`${MON}T09:30:00+01:00`),
        ev.resolved(`${MON}T15:00:00+01:00`),
      ]),
      // Quiet, and resolved in April: not counted in March.
      ticket("SR-3", { type: "service-request", createdAt: "2026-03-31T16:00:00+02:00" }, [
        ev.reply("2026-03-31T16:30:00+02:00"),
        ev.resolved("2026-04-01T08:30:00+02:00"),
      ]),
    ];
    expect(figureOf(tickets, "silent-stretches")).toEqual({ value: 0.5, n: 2, hits: 1, cases: ["SR-1"] });
    expect(signalOf(signalsOf(tickets), "silent-stretches").cases[0]?.note).toBe(
      "2.5 service days without a caller-visible update since 2026-03-02 09:30",
    );
  });

  it("counts an open ticket once it is silent too long, not before", () => {
    const open = [request([])];
    expect(figureOf(open, "silent-stretches", { now: `${THU}T12:00:00+01:00` })).toMatchObject({
      n: 1,
      hits: 1,
    });
    expect(
      signalOf(signalsOf(open, { now: `${THU}T12:00:00+01:00` }), "silent-stretches").cases[0]?.note,
    ).toBe("3.3 service days without a caller-visible update since 2026-03-02 09:30, still silent");
    expect(figureOf(open, "silent-stretches", { now: `${TUE}T12:00:00+01:00` })).toMatchObject({
      n: 0,
      value: null,
    });
  });

  it("takes its maximum from the config", () => {
    const rules = { signals: { silentStretches: { maxServiceDays: 3 } } };
    expect(figureOf([request(laterReply)], "silent-stretches", { rules })).toMatchObject({ n: 1, hits: 0 });
  });
});
