/**
 * Where a clock starts and stops (M2) and which of its time counts (M3), as spans. Nothing here
 * depends on priority, so the same spans serve every priority the ticket has held (M4).
 */
import type { Instant } from "../../model/instant.js";
import type { PauseReason, TicketEvent } from "../../model/schema.js";
import { type Interval, intersectIntervals, subtractIntervals, withInterval } from "./intervals.js";
import { isSubstantiveComment, type KnownHistory } from "./known-history.js";
import type { ClockName } from "./policy.js";

export interface ClockSpans {
  startAt: Instant;
  /** The stop as known at now, or null while the clock has not stopped. */
  stopAt: Instant | null;
  /** Where the known life of the clock ends: its stop, else now. */
  horizon: Instant;
  /** Time that counts, in [startAt, horizon): active spans minus pauses. */
  counting: Interval[];
  /** Paused time inside the active spans, in [startAt, horizon). */
  paused: readonly Interval[];
  /** Not stopped and inside a pause at now. */
  pausedNow: boolean;
}

/** Active spans [start, stop) of a clock that stops at the first event matching `isStop`. */
function untilFirst(history: KnownHistory, isStop: (e: TicketEvent) => boolean, now: Instant) {
  const stop = history.events.find(isStop)?.at ?? null;
  return { active: withInterval([], history.createdAt, stop ?? now), stopAt: stop };
}

/**
 * Resolution runs from creation to `resolved`; a `reopened` sets it running again until the next
 * `resolved`, and the resolved → reopened span does not count (M2). The stop is the last
 * `resolved` not followed by a `reopened`. A second `resolved` without a reopen in between, or a
 * `reopened` of a ticket that is not resolved, changes nothing.
 */
function resolutionActive(history: KnownHistory, now: Instant) {
  let active: Interval[] = [];
  let runningSince: Instant | null = history.createdAt;
  let stopAt: Instant | null = null;
  for (const event of history.events) {
    if (event.type === "resolved" && runningSince !== null) {
      active = withInterval(active, runningSince, event.at);
      runningSince = null;
      stopAt = event.at;
    } else if (event.type === "reopened" && runningSince === null) {
      runningSince = event.at;
      stopAt = null;
    }
  }
  if (runningSince !== null) active = withInterval(active, runningSince, now);
  return { active, stopAt };
}

/**
 * Pause spans for one clock (M3): from a `paused` with one of its reasons to the next `resumed`
 * or `resolved`. A `paused` with another reason neither starts nor ends this clock's pause, and
 * a second `paused` inside a running pause changes nothing. A pause still open ends at `openEnd`.
 */
function pauseSpans(events: readonly TicketEvent[], reasons: readonly PauseReason[], openEnd: Instant) {
  let spans: Interval[] = [];
  let since: Instant | null = null;
  for (const event of events) {
    if (event.type === "paused" && since === null && reasons.includes(event.reason)) since = event.at;
    else if ((event.type === "resumed" || event.type === "resolved") && since !== null) {
      spans = withInterval(spans, since, event.at);
      since = null;
    }
  }
  if (since !== null) spans = withInterval(spans, since, openEnd);
  return { spans, open: since !== null };
}

export function clockSpans(
  name: ClockName,
  history: KnownHistory,
  now: Instant,
  pauseReasons: readonly PauseReason[],
): ClockSpans {
  const { active, stopAt } =
    name === "resolution" ? resolutionActive(history, now) : untilFirst(history, stopRule(name), now);
  const horizon = stopAt ?? now;
  // Response clocks never pause (M3), whatever the policy lists.
  const pauses =
    name === "response" ? { spans: [], open: false } : pauseSpans(history.events, pauseReasons, horizon);
  // Most clocks never pause: then all of the active time counts, and `active` is ours to hand on.
  const unpaused = pauses.spans.length === 0;
  return {
    startAt: history.createdAt,
    stopAt,
    horizon,
    counting: unpaused ? active : subtractIntervals(active, pauses.spans),
    paused: unpaused ? NO_SPANS : intersectIntervals(active, pauses.spans),
    pausedNow: stopAt === null && pauses.open,
  };
}

const NO_SPANS: readonly Interval[] = Object.freeze([]);

const stabilises = (e: TicketEvent): boolean => e.type === "stabilized" || e.type === "resolved";
// Only `contained` stops containment: a resolved but never contained security incident stays
// open on this clock, as O1.10 measures containment, not resolution.
const contains = (e: TicketEvent): boolean => e.type === "contained";

function stopRule(name: Exclude<ClockName, "resolution">): (e: TicketEvent) => boolean {
  switch (name) {
    case "response":
      return isSubstantiveComment;
    case "stabilisation":
      return stabilises;
    case "containment":
      return contains;
  }
}
