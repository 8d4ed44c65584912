/**
 * T2.4 coordination of multi-party tickets (M18): during every party span an owner, and no silence
 * longer than one service day (600 business minutes) between the span's start, each non-automated
 * comment and its end. Calendar: Amsterdam, Mon–Fri 08:00–18:00; 2026-03-02, -09, -16 and -23 are
 * Mondays; summer time (+02:00) from 29 March.
 */
import { describe, expect, it } from "vitest";
import { ticketScorers } from "../../../../src/engine/kpi/tickets/index.js";
import { casesById, context, ev, input, kpi, noteOf, summary, ticket } from "./helpers.js";

const d = (day: string, hhmm: string) => `2026-03-${day}T${hhmm}:00+01:00`;
const T24 = kpi("T2.4", { rule: "coordination" }, { norm: { kind: "min", value: 0.9 } });
const withParty = (at: string, party: string, owner: string | null = "op-1") =>
  ev.assigned(at, owner, "servicedesk", party);

const tickets = [
  // With vendor-x Mon 10:00 → Wed 12:00. Silences: Mon 10:00 → Tue 09:00 (480 + 60 = 540),
  // Tue 09:00 → Wed 09:00 (600, exactly the limit), Wed 09:00 → 12:00 (180). Coordinated.
  ticket("coordinated", { createdAt: d("02", "09:00") }, [
    ev.assigned(d("02", "09:05"), "op-1"),
    withParty(d("02", "10:00"), "vendor-x"),
    ev.note(d("03", "09:00")),
    ev.reply(d("04", "09:00")),
    ev.assigned(d("04", "12:00"), "op-1"),
    ev.resolved(d("04", "15:00")),
  ]),
  // Mon 10:00 → Tue 11:00 without an action: 480 + 180 = 660 > 600.
  ticket("long-silence", { createdAt: d("09", "09:00") }, [
    withParty(d("09", "10:00"), "vendor-x"),
    ev.note(d("10", "11:00")),
    ev.resolved(d("10", "12:00")),
  ]),
  // Handed to a party without an owner.
  ticket("no-owner", { createdAt: d("09", "09:00") }, [
    withParty(d("09", "10:00"), "vendor-y", null),
    ev.note(d("09", "11:00")),
    ev.resolved(d("09", "12:00")),
  ]),
  // An automated comment is no coordination: Mon 10:00 → Tue 11:00 is again 660.
  ticket("automated-only", { createdAt: d("16", "09:00") }, [
    withParty(d("16", "10:00"), "vendor-x"),
    ev.autoReply(d("17", "09:00")),
    ev.resolved(d("17", "11:00")),
  ]),
  // No external party: not in the population.
  ticket("no-party", { createdAt: d("16", "09:00") }, [
    ev.assigned(d("16", "09:05"), "op-1"),
    ev.resolved(d("20", "09:00")),
  ]),
  // Open at now with vendor-z since Mon 23 Mar 10:00 and silent: broken from Tue 24 Mar 10:00, in
  // March; listed, counted once resolved. Silence so far: 480 + 4 × 600 + 2 × 600 + 600 + 240 = 4920.
  ticket("open-silent", { createdAt: d("23", "09:00") }, [withParty(d("23", "10:00"), "vendor-z")]),
  // Resolved in April: another period.
  ticket("april", { createdAt: d("23", "09:00") }, [
    withParty(d("23", "10:00"), "vendor-x"),
    ev.resolved("2026-04-01T09:00:00+02:00"),
  ]),
];

describe("T2.4 coordination over March 2026", () => {
  const result = ticketScorers.coordination?.(
    input(tickets),
    T24,
    context({ now: "2026-04-02T12:00:00+02:00" }),
  );
  if (result === undefined) throw new Error("no coordination scorer");

  it("judges every party span of the tickets resolved in the period", () => {
    expect(casesById(result)).toEqual({
      coordinated: { verdict: "within", value: 600, deadline: null, stoppedAt: d("04", "15:00") },
      "long-silence": { verdict: "breached", value: 660, deadline: null, stoppedAt: d("10", "12:00") },
      "no-owner": { verdict: "breached", value: 60, deadline: null, stoppedAt: d("09", "12:00") },
      "automated-only": { verdict: "breached", value: 660, deadline: null, stoppedAt: d("17", "11:00") },
      "open-silent": { verdict: "excluded", value: 4920, deadline: null, stoppedAt: null },
    });
    expect(summary(result)).toEqual({ score: 0.25, target: 0.9, met: false, n: 4 });
  });

  it.each([
    ["long-silence", "no action 2026-03-09 10:00 → 2026-03-10 11:00 while with vendor-x"],
    ["no-owner", "no owner while with vendor-y from 2026-03-09 10:00"],
    [
      "open-silent",
      "still open; no action 2026-03-23 10:00 → 2026-04-02 12:00 while with vendor-z; counts in the period of resolution",
    ],
  ])("says why %s is not coordinated", (id, note) => {
    expect(noteOf(result, id)).toBe(note);
  });

  it("allows a longer silence when configured", () => {
    // Two service days: 660 fits; the ticket without an owner still fails.
    const relaxed = ticketScorers.coordination?.(
      input(tickets),
      T24,
      context({ now: "2026-04-02T12:00:00+02:00", rules: { coordination: { maxGapServiceDays: 2 } } }),
    );
    expect(relaxed && summary(relaxed)).toEqual({ score: 0.75, target: 0.9, met: false, n: 4 });
  });
});
