/**
 * Which tickets came back for the same subject (see subject-key.ts): a ticket registered while
 * an earlier one of its subject was still open is a further contact about that one; a ticket
 * registered shortly after the last one of its subject was resolved re-registers it. Found once
 * per report in one sweep per subject, tickets in order of registration. Resolutions are the
 * final ones known at now (`TicketLifecycle.resolvedAt`).
 */
import type { Instant } from "../../model/instant.js";
import type { Ticket } from "../../model/schema.js";
import type { SignalContext } from "./context.js";
import { subjectHash } from "./subject-key.js";

export interface SameSubjectLinks {
  /** per ticket position: the earlier ticket it re-registers, or -1 */
  reRegisters: Int32Array;
  /** per ticket position: tickets of its subject registered while it was the latest one open */
  duplicates: Uint32Array;
  /** per ticket position: the first of those, or -1 */
  firstDuplicate: Int32Array;
}

/**
 * What the sweep reads of each ticket, by position, gathered while the report's tickets are
 * walked anyway: its subject hash (-1: no key, or not recorded), registration and final
 * resolution (NaN: still open).
 */
export class SubjectTickets {
  readonly hashes: Float64Array;
  readonly createdAt: Float64Array;
  readonly resolvedAt: Float64Array;

  constructor(size: number) {
    this.hashes = new Float64Array(size).fill(-1);
    this.createdAt = new Float64Array(size);
    this.resolvedAt = new Float64Array(size);
  }

  record(index: number, ticket: Ticket, createdAt: Instant, resolvedAt: Instant | null): void {
    this.hashes[index] = subjectHash(ticket);
    this.createdAt[index] = createdAt;
    this.resolvedAt[index] = resolvedAt ?? Number.NaN;
  }
}

/**
 * Tickets share a subject when their 53-bit subject hashes are equal: two different subjects
 * share one with a chance of about 1 in 10^15 per pair (some 10^-6 for a report of 200,000
 * tickets), far below any other uncertainty of these signals.
 */
export function sameSubjectLinks(
  tickets: SubjectTickets,
  context: Pick<SignalContext, "calendar" | "settings">,
): SameSubjectLinks {
  const size = tickets.hashes.length;
  const links: SameSubjectLinks = {
    reRegisters: new Int32Array(size).fill(-1),
    duplicates: new Uint32Array(size),
    firstDuplicate: new Int32Array(size).fill(-1),
  };
  const { hashes, createdAt } = tickets;
  for (const members of sharedBuckets(hashes)) {
    // A bucket may hold more than one hash: sweep each hash's tickets in order of registration.
    members.sort(
      (a, b) =>
        (hashes[a] as number) - (hashes[b] as number) ||
        (createdAt[a] as number) - (createdAt[b] as number) ||
        a - b,
    );
    let from = 0;
    for (let i = 1; i <= members.length; i++) {
      if (i < members.length && hashes[members[i] as number] === hashes[members[from] as number]) continue;
      if (i - from > 1) sweep(members.slice(from, i), tickets, links, context);
      from = i;
    }
  }
  return links;
}

// Packing a ticket's bucket and position into one number lets a plain numeric sort of a typed
// array (no comparator, no map) bring each bucket's tickets together.
const POSITION_BITS = 2 ** 22;
const BUCKET_DIVISOR = 2 ** 23;

/**
 * Positions of the tickets that share a bucket with another, per bucket. A bucket is the top 30
 * bits of the subject hash; tickets without a key are left out.
 */
function sharedBuckets(hashes: Float64Array): number[][] {
  if (hashes.length >= POSITION_BITS) throw new RangeError(`too many tickets to group: ${hashes.length}`);
  let count = 0;
  for (let index = 0; index < hashes.length; index++) if ((hashes[index] as number) >= 0) count++;
  const packed = new Float64Array(count);
  let next = 0;
  for (let index = 0; index < hashes.length; index++) {
    const hash = hashes[index] as number;
    if (hash >= 0) packed[next++] = Math.floor(hash / BUCKET_DIVISOR) * POSITION_BITS + index;
  }
  packed.sort();
  const bucketOf = (k: number): number => Math.floor((packed[k] as number) / POSITION_BITS);
  const shared: number[][] = [];
  let from = 0;
  for (let i = 1; i <= packed.length; i++) {
    if (i < packed.length && bucketOf(i) === bucketOf(from)) continue;
    if (i - from > 1) {
      const members: number[] = [];
      for (let k = from; k < i; k++) members.push((packed[k] as number) % POSITION_BITS);
      shared.push(members);
    }
    from = i;
  }
  return shared;
}

/** One subject's tickets, in order of registration. */
function sweep(
  members: readonly number[],
  { createdAt, resolvedAt }: SubjectTickets,
  links: SameSubjectLinks,
  { calendar, settings }: Pick<SignalContext, "calendar" | "settings">,
): void {
  const windowMs = settings.reRegistered.windowServiceDays * calendar.serviceDayMs;
  const open: number[] = [];
  let lastResolved = -1;
  let lastResolvedAt = Number.NEGATIVE_INFINITY;
  for (const ticket of members) {
    const registeredAt = createdAt[ticket] as number;
    for (let k = open.length - 1; k >= 0; k--) {
      const resolved = resolvedAt[open[k] as number] as number;
      // NaN (still open) fails the comparison.
      if (!(resolved <= registeredAt)) continue;
      if (resolved > lastResolvedAt) {
        lastResolvedAt = resolved;
        lastResolved = open[k] as number;
      }
      open.splice(k, 1);
    }
    const latestOpen = open[open.length - 1];
    if (latestOpen !== undefined) {
      links.duplicates[latestOpen] = (links.duplicates[latestOpen] as number) + 1;
      if (links.firstDuplicate[latestOpen] === -1) links.firstDuplicate[latestOpen] = ticket;
    } else if (
      lastResolved >= 0 &&
      calendar.elapsedMs(lastResolvedAt, registeredAt, "business") <= windowMs
    ) {
      links.reRegisters[ticket] = lastResolved;
    }
    open.push(ticket);
  }
}
