/** Tickets and a timer context for the write-back suites (Amsterdam service window, Mon–Fri 08–18). */
import { businessCalendar } from "../../../src/engine/calendar/index.js";
import { DEFAULT_CLOCK_POLICY } from "../../../src/engine/timeline/index.js";
import { type CanonicalRecordInput, type Ticket, ticketRecord } from "../../../src/model/schema.js";
import type { TimerContext } from "../../../src/sinks/writeback/index.js";

type TicketInput = Extract<CanonicalRecordInput, { kind: "ticket" }>;

export const calendar = businessCalendar({
  serviceWindow: {
    timezone: "Europe/Amsterdam",
    days: ["mon", "tue", "wed", "thu", "fri"],
    from: "08:00",
    to: "18:00",
  },
  holidays: { country: "NL" },
});

/** Monday 2 March 2026, Amsterdam (+01:00). */
export const MON = (hhmm: string) => `2026-03-02T${hhmm}:00+01:00`;

export function context(now: string, atRiskAt = 0.75): TimerContext {
  return { calendar, policy: DEFAULT_CLOCK_POLICY, now: Date.parse(now), atRiskAt };
}

export function ticket(
  id: string,
  fields: Partial<TicketInput> & { priority: TicketInput["priority"] },
  events: NonNullable<TicketInput["events"]> = [],
): Ticket {
  return ticketRecord.parse({
    kind: "ticket",
    id,
    source: "topdesk",
    type: "incident",
    createdAt: MON("09:00"),
    events,
    ...fields,
  });
}

export const response = (hhmm: string) =>
  ({ at: MON(hhmm), type: "comment", visibleToCaller: true, automated: false }) as const;
