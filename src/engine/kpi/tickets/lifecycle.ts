/**
 * A ticket's open and resolved spans as known at `now`, for the KPIs that count "in the period of
 * resolution" whatever clocks the policy gives the ticket's type (O3.2–O3.4, T2.4).
 * Same reading of `resolved`/`reopened` as the resolution clock (M2): the final resolution is the
 * last `resolved` not followed by a `reopened`; a second `resolved` without a reopen in between,
 * or a `reopened` of a ticket that is not resolved, changes nothing. Read together with the
 * kinds of rare event the history holds (`HistoryFact`).
 */
import type { Instant } from "../../../model/instant.js";
import type { Ticket } from "../../../model/schema.js";
import { type Interval, withInterval } from "../../timeline/intervals.js";
import { type KnownHistory, toSecond } from "../../timeline/known-history.js";

export interface TicketLifecycle {
  createdAt: Instant;
  /** The final resolution known at now; null while the ticket is open. */
  resolvedAt: Instant | null;
  /** Spans in which the ticket was open (created or reopened, not resolved), up to `resolvedAt` or now. */
  openSpans: readonly Interval[];
  /** Moments the ticket was reopened after a resolution (reopens that undid one). */
  reopenedAt: readonly Instant[];
}

// Most tickets are never reopened: they share one empty list.
const NEVER: readonly Instant[] = Object.freeze([]);

/**
 * Kinds of event most tickets never have, which KPIs look for: a `major` set to true, a `target`,
 * an `assigned` naming an outside `party`, a `priority` change. Found while the lifecycle is read.
 */
export type HistoryFact = "major" | "target" | "party" | "priority";

const FACT_BITS: Readonly<Record<HistoryFact, number>> = { major: 1, target: 2, party: 4, priority: 8 };

/** Which HistoryFacts a history holds, as bits (see `holdsFact`). */
export type HistoryFacts = number;

export function holdsFact(facts: HistoryFacts, fact: HistoryFact): boolean {
  return (facts & FACT_BITS[fact]) !== 0;
}

export interface HistoryReading {
  lifecycle: TicketLifecycle;
  facts: HistoryFacts;
}

/**
 * The lifecycle as known at `now` (whole seconds), and which HistoryFacts the history holds, in
 * one pass over the events. Reading an event is mostly a cache miss (a 200,000-ticket report
 * holds two million events): the facts let the KPIs skip reading again every ticket that has
 * none of what they look for.
 */
export function readHistory(history: KnownHistory, now: Instant): HistoryReading {
  return read(history, now, false) as HistoryReading;
}

/**
 * `readHistory` of the ticket as stored, when `knownHistory` would keep it as it is (creation
 * and every event in whole seconds, none before creation, none after `now`): then the ticket
 * serves as its own known history. Null when it would not; then read its `knownHistory`.
 * Checking and reading in one pass rather than two spares a report another pass over every event.
 */
export function readTicketAsIs(ticket: Ticket, now: Instant): HistoryReading | null {
  const { createdAt } = ticket;
  // `toSecond` rather than `% 1000`: the remainder of a double is a call into C.
  if (toSecond(createdAt) !== createdAt || createdAt > now) return null;
  return read(ticket, now, true);
}

function read(history: KnownHistory, now: Instant, checkAsIs: boolean): HistoryReading | null {
  let openSpans: Interval[] = [];
  let reopenedAt: Instant[] | null = null;
  let openSince: Instant | null = history.createdAt;
  let resolvedAt: Instant | null = null;
  let facts = 0;
  for (const event of history.events) {
    if (checkAsIs) {
      const at = event.at;
      if (toSecond(at) !== at || at < history.createdAt || at > now) return null;
    }
    switch (event.type) {
      case "resolved":
        if (openSince === null) break;
        openSpans = withInterval(openSpans, openSince, event.at);
        openSince = null;
        resolvedAt = event.at;
        break;
      case "reopened":
        if (openSince !== null) break;
        openSince = event.at;
        resolvedAt = null;
        reopenedAt ??= [];
        reopenedAt.push(event.at);
        break;
      case "major":
        if (event.value) facts |= FACT_BITS.major;
        break;
      case "target":
        facts |= FACT_BITS.target;
        break;
      case "assigned":
        if (event.party !== null) facts |= FACT_BITS.party;
        break;
      case "priority":
        facts |= FACT_BITS.priority;
        break;
      default:
        break;
    }
  }
  if (openSince !== null) openSpans = withInterval(openSpans, openSince, Math.max(openSince, now));
  const lifecycle = { createdAt: history.createdAt, resolvedAt, openSpans, reopenedAt: reopenedAt ?? NEVER };
  return { lifecycle, facts };
}
