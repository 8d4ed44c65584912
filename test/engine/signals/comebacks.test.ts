/**
 * Tickets that came back: reopened, registered again for the same location and subject, and
 * callers coming back while their ticket was open. Hand-made tickets in March 2026 (2 March is a
 * Monday; the service day is 08:00–18:00, so one service day is ten business hours).
 */
import { describe, expect, it } from "vitest";
import { ev, figureOf, signalOf, signalsOf, type TicketFields, ticket } from "./helpers.js";

const MON = "2026-03-02";
const TUE = "2026-03-03";
const THU = "2026-03-05";

describe("reopened", () => {
  it("counts tickets finally resolved in the period; a reopened one is a case", () => {
    const tickets = [
      ticket("I-1", { createdAt: `${MON}T09:00:00+01:00` }, [
        ev.resolved(`${MON}T12:00:00+01:00`),
        ev.reopened(`${MON}T14:00:00+01:00`),
        ev.resolved(`${TUE}T10:00:00+01:00`),
      ]),
      ticket("I-2", { createdAt: `${MON}T09:00:00+01:00` }, [ev.resolved(`${MON}T12:00:00+01:00`)]),
      // Finally resolved in April: not in March's population, whatever happened in March.
      ticket("I-3", { createdAt: `${MON}T09:00:00+01:00` }, [
        ev.resolved(`${MON}T12:00:00+01:00`),
        ev.reopened(`${MON}T14:00:00+01:00`),
        ev.resolved("2026-04-01T08:30:00+02:00"),
      ]),
      // A change is not in the population (M16).
      ticket("C-1", { type: "change", priority: null, createdAt: `${MON}T09:00:00+01:00` }, [
        ev.resolved(`${MON}T12:00:00+01:00`),
        ev.reopened(`${MON}T13:00:00+01:00`),
        ev.resolved(`${MON}T14:00:00+01:00`),
      ]),
    ];
    expect(figureOf(tickets, "reopened")).toEqual({ value: 0.5, n: 2, hits: 1, cases: ["I-1"] });
    expect(signalOf(signalsOf(tickets), "reopened").cases[0]?.note).toBe(
      "reopened once, first at 2026-03-02 14:00",
    );
  });
});

describe("re-registered", () => {
  // Resolved Tuesday 10:00.
  const first = ticket("I-1", { createdAt: `${MON}T09:00:00+01:00` }, [ev.resolved(`${TUE}T10:00:00+01:00`)]);
  const again = (fields: Partial<TicketFields>) =>
    ticket("I-2", { createdAt: `${TUE}T15:00:00+01:00`, ...fields }, [ev.resolved(`${THU}T17:00:00+01:00`)]);

  it.each([
    { name: "same location and title, five business hours later", second: again({}), hits: 1 },
    {
      name: "the title differing in case, accents and punctuation",
      second: again({ title: "PRINTER drukt níet af!" }),
      hits: 1,
    },
    {
      name: "a request for the same subject (types are not compared)",
      second: again({ type: "service-request" }),
      hits: 1,
    },
    { name: "NOT: another location (another caller)", second: again({ location: "Zwolle" }), hits: 0 },
    { name: "NOT: another subject", second: again({ title: "Printer geeft foutmelding" }), hits: 0 },
    { name: "NOT: another source", second: again({ source: "other" }), hits: 0 },
    {
      name: "NOT: nineteen business hours later (window one service day)",
      second: again({ createdAt: `${THU}T09:00:00+01:00` }),
      hits: 0,
    },
  ])("$name", ({ second, hits }) => {
    expect(figureOf([first, second], "re-registered")).toMatchObject({
      n: 2,
      hits,
      cases: hits === 1 ? ["I-2"] : [],
    });
  });

  it("NOT without a location: the caller cannot be told apart", () => {
    const a = ticket("I-1", { createdAt: `${MON}T09:00:00+01:00`, location: null }, [
      ev.resolved(`${TUE}T10:00:00+01:00`),
    ]);
    const b = ticket("I-2", { createdAt: `${TUE}T15:00:00+01:00`, location: null });
    expect(figureOf([a, b], "re-registered")).toMatchObject({ n: 2, hits: 0 });
  });

  it("NOT while the first is still open: that is a further contact, not a re-registration", () => {
    const open = ticket("I-1", { createdAt: `${MON}T09:00:00+01:00` }, [
      ev.resolved(`${THU}T10:00:00+01:00`),
    ]);
    expect(figureOf([open, again({})], "re-registered")).toMatchObject({ n: 2, hits: 0 });
  });

  it("takes its window from the config, and names the ticket it repeats", () => {
    const later = again({ createdAt: `${THU}T09:00:00+01:00` });
    const rules = { signals: { reRegistered: { windowServiceDays: 2 } } };
    const signal = signalOf(signalsOf([first, later], { rules }), "re-registered");
    expect(signal.hits).toBe(1);
    expect(signal.cases[0]?.note).toBe("same location and subject as I-1, resolved 2026-03-03 10:00");
  });
});

describe("repeated-contacts", () => {
  const reopened = ticket("I-1", { createdAt: `${MON}T09:00:00+01:00` }, [
    ev.resolved(`${MON}T15:00:00+01:00`),
    ev.reopened(`${TUE}T09:00:00+01:00`),
    ev.resolved(`${TUE}T12:00:00+01:00`),
  ]);
  const whileOpen = (fields: Partial<TicketFields> = {}) =>
    ticket("I-2", { createdAt: `${MON}T11:00:00+01:00`, ...fields }, [ev.resolved(`${MON}T16:00:00+01:00`)]);

  it.each([
    {
      name: "a reopen and the same subject registered while open: two further contacts",
      tickets: [reopened, whileOpen()],
      rules: {},
      hits: 1,
    },
    { name: "NOT: a reopen alone", tickets: [reopened], rules: {}, hits: 0 },
    {
      name: "NOT: the other ticket from another location",
      tickets: [reopened, whileOpen({ location: "Zwolle" })],
      rules: {},
      hits: 0,
    },
    {
      name: "a reopen alone with minContacts 1",
      tickets: [reopened],
      rules: { signals: { repeatedContacts: { minContacts: 1 } } },
      hits: 1,
    },
  ])("$name", ({ tickets, rules, hits }) => {
    expect(figureOf(tickets, "repeated-contacts", { rules })).toMatchObject({ n: tickets.length, hits });
  });

  it("names the contacts", () => {
    const [found] = signalOf(signalsOf([reopened, whileOpen()]), "repeated-contacts").cases;
    expect(found).toEqual({
      id: "I-1",
      source: "test",
      note: "reopened 1×; 1 ticket of the same subject registered while open (first I-2 at 2026-03-02 11:00)",
      instants: [
        { what: "I-2 registered", at: Date.parse(`${MON}T11:00:00+01:00`) },
        { what: "reopened", at: Date.parse(`${TUE}T09:00:00+01:00`) },
      ],
    });
  });
});
