/**
 * Counts for the CLI's summary of a demo data set: records per kind, tickets per type and per
 * priority at creation, and the tickets still open at the end (resolved and not reopened since
 * counts as done).
 */
import {
  type CanonicalRecordInput,
  PRIORITIES,
  type Priority,
  RECORD_KINDS,
  type RecordKind,
  TICKET_TYPES,
  type TicketType,
} from "../model/index.js";

export interface DemoSummary {
  records: number;
  byKind: Record<RecordKind, number>;
  ticketsByType: Record<TicketType, number>;
  /** priority at creation; `none` for changes without one */
  ticketsByPriority: Record<Priority | "none", number>;
  openTickets: number;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function demoSummary(records: readonly CanonicalRecordInput[]): DemoSummary {
  const byKind = zeros(RECORD_KINDS);
  const ticketsByType = zeros(TICKET_TYPES);
  const ticketsByPriority = zeros([...PRIORITIES, "none"] as const);
  let openTickets = 0;
  for (const record of records) {
    byKind[record.kind] += 1;
    if (record.kind !== "ticket") continue;
    ticketsByType[record.type] += 1;
    ticketsByPriority[record.priority ?? "none"] += 1;
    let resolved = false;
    for (const event of record.events ?? []) {
      if (event.type === "resolved") resolved = true;
      else if (event.type === "reopened") resolved = false;
    }
    if (!resolved) openTickets += 1;
  }
  return { records: records.length, byKind, ticketsByType, ticketsByPriority, openTickets };
}
