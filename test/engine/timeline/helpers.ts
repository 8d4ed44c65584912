/**
 * Builders for the timeline suites: tickets written in the canonical JSON shape and parsed with
 * the model's own schema, instants written as ISO text with offset, results read back in
 * Europe/Amsterdam so expected values can be checked by eye against the wall clock.
 */
import { DateTime } from "luxon";
import { businessCalendar } from "../../../src/engine/calendar/index.js";
import {
  type ClockName,
  type ClockPolicy,
  computeClocks,
  DEFAULT_CLOCK_POLICY,
} from "../../../src/engine/timeline/index.js";
import { HOUR_MS, MINUTE_MS, parseInstant } from "../../../src/model/instant.js";
import { type CanonicalRecordInput, type Ticket, ticketRecord } from "../../../src/model/schema.js";

export { HOUR_MS, MINUTE_MS };

type TicketInput = Extract<CanonicalRecordInput, { kind: "ticket" }>;
type EventInput = NonNullable<TicketInput["events"]>[number];

/** A canonical ticket line, parsed. Only what a case needs is written; the rest is the schema's default. */
export function ticket(
  fields: { type?: TicketInput["type"]; priority: TicketInput["priority"]; createdAt: string },
  events: EventInput[] = [],
): Ticket {
  return ticketRecord.parse({
    kind: "ticket",
    id: "T-1",
    source: "test",
    type: fields.type ?? "incident",
    priority: fields.priority,
    createdAt: fields.createdAt,
    events,
  });
}

/** ISO text with offset → epoch ms; a typo in a test is an error, not a silent NaN. */
export function at(text: string): number {
  const parsed = parseInstant(text);
  if (parsed === null) throw new Error(`bad instant in test: ${text}`);
  return parsed;
}

/** Epoch ms → Amsterdam wall-clock ISO text with offset (null stays null). */
export function ams(ms: number | null): string | null {
  if (ms === null) return null;
  return DateTime.fromMillis(ms, { zone: "Europe/Amsterdam" }).toISO({ suppressMilliseconds: true });
}

export const minutes = (ms: number): number => ms / MINUTE_MS;

/** The contract's calendar: Amsterdam, Mon–Fri 08:00–18:00, Dutch public holidays. */
export const calendar = businessCalendar({
  serviceWindow: {
    timezone: "Europe/Amsterdam",
    days: ["mon", "tue", "wed", "thu", "fri"],
    from: "08:00",
    to: "18:00",
  },
  holidays: { country: "NL" },
});

/** One clock of a ticket as known at `now`, instants in Amsterdam text and durations in minutes. */
export function clockView(
  t: Ticket,
  name: ClockName,
  now: string,
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
) {
  const outcome = computeClocks(t, { calendar, policy, now: at(now) }).find((c) => c.name === name);
  if (outcome === undefined) throw new Error(`ticket has no ${name} clock`);
  return {
    priority: outcome.priority,
    clockKind: outcome.clockKind,
    startAt: ams(outcome.startAt),
    stopAt: ams(outcome.stopAt),
    deadline: ams(outcome.deadline),
    allowedMin: outcome.allowedMs === null ? null : minutes(outcome.allowedMs),
    elapsedMin: minutes(outcome.elapsedMs),
    pausedMin: minutes(outcome.pausedMs),
    status: outcome.status,
    breachedAt: ams(outcome.breachedAt),
  };
}
