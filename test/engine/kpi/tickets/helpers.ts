/**
 * Builders for the ticket-KPI suites: tickets written as canonical JSON and parsed with the
 * model's own schema, and results read back as Amsterdam wall-clock text. The calendar, periods,
 * contexts and KPI builders are those of all KPI suites (../helpers.ts).
 */
import type { KpiInput, KpiScore } from "../../../../src/engine/kpi/types.js";
import { type Ticket, ticketRecord } from "../../../../src/model/schema.js";
import { ams, type EventInput, emptyInput, type TicketInput } from "../helpers.js";

export {
  APRIL_2026,
  ams,
  at,
  calendar,
  context,
  type EventInput,
  headline as summary,
  kpi,
  MARCH_2026,
} from "../helpers.js";

/** A canonical ticket line, parsed. */
export function ticket(
  id: string,
  fields: {
    type?: TicketInput["type"];
    priority?: TicketInput["priority"];
    createdAt: string;
    csat?: TicketInput["csat"];
  },
  events: EventInput[] = [],
): Ticket {
  return ticketRecord.parse({
    kind: "ticket",
    id,
    source: "test",
    type: fields.type ?? "incident",
    priority: fields.priority === undefined ? "P3" : fields.priority,
    createdAt: fields.createdAt,
    csat: fields.csat ?? null,
    events,
  });
}

/** Event builders, in canonical JSON. */
export const ev = {
  reply: (at: string) => ({ at, type: "comment", visibleToCaller: true, automated: false }) as const,
  autoReply: (at: string) => ({ at, type: "comment", visibleToCaller: true, automated: true }) as const,
  note: (at: string) => ({ at, type: "comment", visibleToCaller: false, automated: false }) as const,
  assigned: (
    at: string,
    owner: string | null,
    group: string | null = "servicedesk",
    party: string | null = null,
  ) => ({ at, type: "assigned", owner, group, party }) as const,
  priority: (at: string, priority: "P1" | "P2" | "P3" | "P4") =>
    ({ at, type: "priority", priority }) as const,
  major: (at: string, value = true) => ({ at, type: "major", value }) as const,
  target: (at: string, due: string) => ({ at, type: "target", due }) as const,
  paused: (at: string, reason: "customer" | "third-party" | "other") =>
    ({ at, type: "paused", reason }) as const,
  resumed: (at: string) => ({ at, type: "resumed" }) as const,
  stabilized: (at: string) => ({ at, type: "stabilized" }) as const,
  contained: (at: string) => ({ at, type: "contained" }) as const,
  resolved: (at: string) => ({ at, type: "resolved" }) as const,
  reopened: (at: string) => ({ at, type: "reopened" }) as const,
  closed: (at: string) => ({ at, type: "closed" }) as const,
  ready: (at: string) => ({ at, type: "ready" }) as const,
};

/** Parsed tickets as a KpiInput, every other list empty. */
export function input(tickets: Ticket[]): KpiInput {
  return { ...emptyInput(), tickets };
}

/** The cases of a score by id, instants as Amsterdam text. */
export function casesById(score: KpiScore) {
  return Object.fromEntries(
    score.cases.map((c) => [
      c.id,
      {
        verdict: c.verdict,
        value: c.value,
        deadline: ams(c.deadline),
        stoppedAt: ams(c.stoppedAt),
        ...(c.part === undefined ? {} : { part: c.part }),
      },
    ]),
  );
}

export function noteOf(score: KpiScore, id: string): string | undefined {
  return score.cases.find((c) => c.id === id)?.note;
}
