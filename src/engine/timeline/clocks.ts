/**
 * The SLA clocks of one ticket as known at `now`: response, resolution, stabilisation and
 * containment, each with its counting priority, deadline, elapsed time and status (M1–M4).
 */
import type { Instant } from "../../model/instant.js";
import type { Priority, Ticket } from "../../model/schema.js";
import type { BusinessCalendar, ClockKind } from "../calendar/types.js";
import { clockSpans } from "./clock-spans.js";
import { clockKindOf, countingNorm } from "./counting-priority.js";
import { measureIntervals } from "./intervals.js";
import { type KnownHistory, knownHistory, toSecond } from "./known-history.js";
import { CLOCK_NAMES, type ClockName, type ClockPolicy } from "./policy.js";
import { type PrioritySegment, prioritySegments } from "./priority-segments.js";

export interface ClockContext {
  calendar: BusinessCalendar;
  policy: ClockPolicy;
  /** The moment the ticket is known at; events after it are ignored. */
  now: Instant;
}

export type ClockStatus = "met" | "breached" | "running" | "paused" | "no-norm";

export interface ClockOutcome {
  name: ClockName;
  /** The priority that counts (M4); null when the ticket has none. */
  priority: Priority | null;
  clockKind: ClockKind;
  startAt: Instant;
  stopAt: Instant | null;
  /** While paused at now: the deadline as if the pause ended at now. Null without a norm. */
  deadline: Instant | null;
  allowedMs: number | null;
  /** On `clockKind`, pauses and excluded spans removed, up to the stop or now. */
  elapsedMs: number;
  /** On `clockKind`, paused time inside the clock's running spans, up to the stop or now. */
  pausedMs: number;
  status: ClockStatus;
  /**
   * When the norm of the priority then in force was overrun: the deadline, or the moment the clock
   * ran again when the deadline fell at a window's end or a pause's start, or the moment of an
   * upgrade to a priority whose norm was already used up. Null when not breached.
   */
  breachedAt: Instant | null;
}

/**
 * One outcome per clock the policy gives the ticket's type, in CLOCK_NAMES order. A clock whose
 * counting priority has no norm is reported with status "no-norm" and its elapsed time. A ticket
 * created after `now` has no clocks yet.
 * @example computeClocks(ticket, { calendar, policy: DEFAULT_CLOCK_POLICY, now: Date.parse("2026-03-02T12:00:00Z") })
 */
export function computeClocks(ticket: Ticket, context: ClockContext): ClockOutcome[] {
  const history = knownHistory(ticket, toSecond(context.now));
  if (history === null) return [];
  const segments = prioritySegments(ticket.priority, history);
  const outcomes: ClockOutcome[] = [];
  for (const name of CLOCK_NAMES) {
    const outcome = clockOfHistory(ticket, history, segments, name, context);
    if (outcome !== null) outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * One clock of `computeClocks`, or null when the policy gives the ticket's type no such clock,
 * from the ticket's history as known at `context.now` (`knownHistory`) and its
 * `prioritySegments` over that history. For a caller that holds those already and needs only
 * some clocks: a report's per-ticket analysis, which needs the stabilisation clock of P1
 * incidents only.
 */
export function clockOfHistory(
  ticket: Ticket,
  history: KnownHistory,
  segments: readonly PrioritySegment[],
  name: ClockName,
  context: ClockContext,
): ClockOutcome | null {
  const { calendar, policy } = context;
  if (!policy.ticketTypes[name].includes(ticket.type)) return null;
  const now = toSecond(context.now);
  const spans = clockSpans(name, history, now, policy.pauseReasons[name]);
  const counted = countingNorm(calendar, spans, segments, policy.clocks[name], now);
  const clockKind = clockKindOf(counted.norm, counted.priority, policy.clockOfPriority);
  return {
    name,
    priority: counted.priority,
    clockKind,
    startAt: spans.startAt,
    stopAt: spans.stopAt,
    deadline: counted.deadline,
    allowedMs: counted.norm?.ms ?? null,
    elapsedMs: measureIntervals(calendar, spans.counting, clockKind),
    pausedMs: measureIntervals(calendar, spans.paused, clockKind),
    status: statusOf(counted.norm !== null, spans.stopAt !== null, counted.breachedAt, spans.pausedNow),
    breachedAt: counted.breachedAt,
  };
}

function statusOf(
  hasNorm: boolean,
  stopped: boolean,
  breachedAt: Instant | null,
  pausedNow: boolean,
): ClockStatus {
  if (!hasNorm) return "no-norm";
  if (breachedAt !== null) return "breached";
  if (stopped) return "met";
  return pausedNow ? "paused" : "running";
}
