/** Live SLA timers: the shapes shared by the timers view, the write-back and the alerts. */
import type { Instant } from "../../model/instant.js";
import type { Priority, Ticket } from "../../model/schema.js";
import type { ClockKind } from "../calendar/types.js";
import type { ClockContext, ClockName, TicketState } from "../timeline/index.js";

/** The SLA clocks, and the cadence of a major incident's caller updates (M7). */
export type TimerClock = ClockName | "major-update";

/**
 * `at-risk`: running and `atRiskAt` of the allowed time used (for a major-incident update: the
 * update is coming due). `breached`: more than the allowed time used (the update is overdue).
 * `met`: stopped in time.
 */
export type TimerState = "running" | "paused" | "at-risk" | "breached" | "met";

export interface TimerContext extends ClockContext {
  /** notify.atRiskAt: share of the allowed time used from which a running clock is at risk */
  atRiskAt: number;
}

export interface Timer {
  clock: TimerClock;
  /** the kind of time the clock counts: business hours or the 24/7 clock */
  clockKind: ClockKind;
  /** the priority whose norm counts (M4); for major-incident updates the priority at now */
  priority: Priority | null;
  /** the clock's deadline; while paused, as if the pause ended at now */
  deadline: Instant;
  allowedMs: number;
  /** on `clockKind`, pauses removed, up to the stop or now */
  elapsedMs: number;
  /** allowed − elapsed on `clockKind`; negative once breached */
  remainingMs: number;
  /** elapsed ÷ allowed: 0.75 at a P2 response's 45th business minute */
  usedShare: number;
  state: TimerState;
  /** the clock has stopped (a response given, a ticket stabilised); stopped clocks are met or breached */
  stopped: boolean;
  /** while paused at now: when this pause began (wall-clock instant); null otherwise */
  pausedSince: Instant | null;
}

/** An open ticket with its timers as at one instant. */
export interface TicketTimers {
  ticket: Ticket;
  /** priority, owner, group and pause as at the instant */
  state: TicketState;
  /** clocks with a norm, in CLOCK_NAMES order, then the major-incident update when one is expected */
  timers: Timer[];
}
