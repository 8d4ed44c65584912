/**
 * A ticket's open and resolved spans as known at `now`, for the KPIs that count "in the period of
 * resolution" whatever clocks the policy gives the ticket's type (O3.2–O3.4, T2.4).
 * Same reading of `resolved`/`reopened` as the resolution clock (M2): the final resolution is the
 * last `resolved` not followed by a `reopened`; a second `resolved` without a reopen in between,
 * or a `reopened` of a ticket that is not resolved, changes nothing.
 */
import type { Instant } from "../../../model/instant.js";
import { type Interval, pushInterval } from "../../timeline/intervals.js";
import type { KnownHistory } from "../../timeline/known-history.js";

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

export function lifecycleOf(history: KnownHistory, now: Instant): TicketLifecycle {
  const openSpans: Interval[] = [];
  let reopenedAt: Instant[] | null = null;
  let openSince: Instant | null = history.createdAt;
  let resolvedAt: Instant | null = null;
  for (const event of history.events) {
    if (event.type === "resolved" && openSince !== null) {
      pushInterval(openSpans, openSince, event.at);
      openSince = null;
      resolvedAt = event.at;
    } else if (event.type === "reopened" && openSince === null) {
      openSince = event.at;
      resolvedAt = null;
      reopenedAt ??= [];
      reopenedAt.push(event.at);
    }
  }
  if (openSince !== null) pushInterval(openSpans, openSince, Math.max(openSince, now));
  return { createdAt: history.createdAt, resolvedAt, openSpans, reopenedAt: reopenedAt ?? NEVER };
}
