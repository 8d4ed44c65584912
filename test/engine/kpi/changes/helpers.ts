/**
 * Change tickets written as canonical JSON (parsed by `input`), for the change-KPI suites. The
 * calendar, periods, contexts and KPI builders are those of all KPI suites (../helpers.ts), the
 * input and case readers those of the record suites.
 */
import type { EventInput, TicketInput } from "../helpers.js";

export { context, type EventInput, headline, kpi, MARCH_2026 } from "../helpers.js";
export { caseOf, caseRows, input } from "../records/helpers.js";

export function ticket(
  id: string,
  fields: {
    type?: TicketInput["type"];
    createdAt: string;
    catalogItem?: string | null;
    leadTimeDays?: number | null;
  },
  events: EventInput[] = [],
): TicketInput {
  return {
    kind: "ticket",
    id,
    source: "test",
    type: fields.type ?? "change",
    priority: null,
    createdAt: fields.createdAt,
    catalogItem: fields.catalogItem ?? null,
    leadTimeDays: fields.leadTimeDays ?? null,
    events,
  };
}

/** Event builders, in canonical JSON. */
export const ev = {
  go: (at: string) => ({ at, type: "go-no-go", decision: "go" }) as const,
  noGo: (at: string) => ({ at, type: "go-no-go", decision: "no-go" }) as const,
  executed: (at: string) => ({ at, type: "executed" }) as const,
  rolledBack: (at: string) => ({ at, type: "rolled-back" }) as const,
  causedIncident: (at: string, ticketId: string) =>
    ({ at, type: "caused-incident", ticket: ticketId }) as const,
  docsUpdated: (at: string) => ({ at, type: "docs-updated" }) as const,
  rework: (at: string) => ({ at, type: "rework" }) as const,
  major: (at: string, value = true) => ({ at, type: "major", value }) as const,
  resolved: (at: string) => ({ at, type: "resolved" }) as const,
  reopened: (at: string) => ({ at, type: "reopened" }) as const,
  closed: (at: string) => ({ at, type: "closed" }) as const,
  rcaShared: (at: string) => ({ at, type: "rca-shared" }) as const,
  paused: (at: string, reason: "customer" | "third-party" | "other") =>
    ({ at, type: "paused", reason }) as const,
  resumed: (at: string) => ({ at, type: "resumed" }) as const,
};
