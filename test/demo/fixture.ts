/**
 * One demo data set per test file (generation takes about a second), plus helpers to read it.
 * `NOW` is a Sunday in March 2026, so the window (six months back) spans the October DST change.
 */
import { DateTime } from "luxon";
import { generateDemoRecords } from "../../src/demo/index.js";
import type { CanonicalRecordInput } from "../../src/model/index.js";

export const NOW = "2026-03-15T12:00:00+01:00";
export const SEED = 42;
export const NOW_MS = Date.parse(NOW);
export const WINDOW_START_MS = DateTime.fromISO(NOW, { zone: "Europe/Amsterdam" })
  .minus({ months: 6 })
  .toMillis();

export type TicketInput = Extract<CanonicalRecordInput, { kind: "ticket" }>;
export type EventInput = NonNullable<TicketInput["events"]>[number];
export type Of<K extends CanonicalRecordInput["kind"]> = Extract<CanonicalRecordInput, { kind: K }>;

interface DemoData {
  records: CanonicalRecordInput[];
}
let cached: DemoData | undefined;

/** The default data set (seed 42, six months, 600 tickets a month), generated once per test file. */
export function demoData(): DemoData {
  if (cached === undefined) {
    cached = { records: generateDemoRecords({ seed: SEED, now: NOW }) };
  }
  return cached;
}

export function ofKind<K extends CanonicalRecordInput["kind"]>(
  records: readonly CanonicalRecordInput[],
  kind: K,
): Array<Of<K>> {
  return records.filter((r): r is Of<K> => r.kind === kind);
}

export const at = (text: string): number => Date.parse(text);

export function eventsOf(ticket: TicketInput): EventInput[] {
  return ticket.events ?? [];
}

/** Resolved and not reopened since, at the end of the data set. */
export function isResolved(ticket: TicketInput): boolean {
  let resolved = false;
  for (const e of eventsOf(ticket)) {
    if (e.type === "resolved") resolved = true;
    if (e.type === "reopened") resolved = false;
  }
  return resolved;
}
