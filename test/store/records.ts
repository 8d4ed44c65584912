/** Canonical records for store and sync tests, parsed through the real schemas. */

import type { Ticket } from "../../src/model/schema.js";
import { type CanonicalRecord, schemaByKind } from "../../src/model/schema.js";

type Input = Record<string, unknown>;

export function ticket(id: string, events: Input[] = [], fields: Input = {}): Ticket {
  return schemaByKind.ticket.parse({
    kind: "ticket",
    id,
    source: "topdesk",
    type: "incident",
    priority: "P2",
    createdAt: "2026-03-02T09:15:00+01:00",
    events,
    ...fields,
  });
}

/** A ticket resolved and closed on the given days of March 2026. */
export function closedTicket(id: string, resolvedDay = 3, closedDay = 5): Ticket {
  return ticket(id, [
    { at: `2026-03-0${resolvedDay}T10:00:00+01:00`, type: "resolved" },
    { at: `2026-03-0${closedDay}T10:00:00+01:00`, type: "closed" },
  ]);
}

export function record(input: Input): CanonicalRecord {
  const schema = schemaByKind[input.kind as keyof typeof schemaByKind];
  return schema.parse(input) as CanonicalRecord;
}

/** Epoch ms of an ISO time, to compare with parsed records. */
export const ms = (iso: string): number => Date.parse(iso);
