/**
 * M4 and decision 13: which priority counts, and so which norm and deadline.
 *
 * Two instants per norm. The deadline D is the earliest instant at which the clock has used up
 * the allowed time (what the calendar's addMs returns: 17:00 + 60 business minutes = 18:00).
 * The overrun point L is the last instant at which it still has not used more than that: equal
 * to D, except when D falls at the end of a service window or at the start of a pause, where the
 * clock stands still at exactly the allowed time until it runs again (Tue 08:00). Norms are
 * inclusive (M1), so a stop at any instant up to L is in time, and a clock is breached only
 * after L: a P2 answered at 08:00 the morning after a 17:00 call used exactly 60 business minutes.
 *
 * The rule is circular for a clock that has not stopped ("the priority in force at the deadline",
 * but the deadline depends on the priority). It is resolved like this:
 * - For each priority segment [s_i, e_i) with priority p_i (the last one has e = ∞), compute D_i
 *   and L_i for p_i's norm, from createdAt, on p_i's clock kind, with the clock's pauses and
 *   excluded spans removed. Spans and pauses do not depend on priority, so every segment is
 *   measured over the same counting spans.
 * - The counting priority is that of the first segment with L_i < e_i: the first one whose norm
 *   was overrun while it was in force. A segment without a norm never qualifies.
 * - If also L_i < s_i (an upgrade after that priority's deadline had already passed), the clock is
 *   breached from s_i, with deadline D_i: the breach begins when the stricter priority is set.
 * - If no segment qualifies, the last segment has no norm: the clock has no norm.
 * For a stopped clock there is no circularity: the priority in force at the stop counts.
 * In both cases `breachedAt` = max(L, s_j) for the first segment j of the counting priority with
 * e_j > L: the moment the ticket was first past the norm of the priority then in force.
 */
import type { Instant } from "../../model/instant.js";
import type { Priority } from "../../model/schema.js";
import type { BusinessCalendar, ClockKind } from "../calendar/types.js";
import type { ClockSpans } from "./clock-spans.js";
import { deadlineAcross } from "./intervals.js";
import type { Norm, NormsByPriority } from "./policy.js";
import { type PrioritySegment, segmentAt } from "./priority-segments.js";

export interface CountingNorm {
  priority: Priority | null;
  norm: Norm | null;
  deadline: Instant | null;
  /** Set when the norm was overrun before the stop (or, not stopped, before now). */
  breachedAt: Instant | null;
}

const SECOND = 1000;
const endOf = (segment: PrioritySegment): number => segment.until ?? Number.POSITIVE_INFINITY;

export function countingNorm(
  calendar: BusinessCalendar,
  spans: ClockSpans,
  segments: readonly PrioritySegment[],
  norms: NormsByPriority,
  now: Instant,
): CountingNorm {
  if (spans.stopAt !== null) {
    const stopAt = spans.stopAt;
    const { priority } = segmentAt(segments, stopAt);
    const norm = priority === null ? null : norms[priority];
    if (norm === null) return { priority, norm: null, deadline: null, breachedAt: null };
    const deadline = reach(calendar, spans, norm.ms, norm.clock);
    const overrun = overrunAfter(calendar, spans, norm);
    if (stopAt <= overrun) return { priority, norm, deadline, breachedAt: null };
    const first = segments.find((s) => s.priority === priority && endOf(s) > overrun);
    // The segment holding the stop always qualifies, so `first` exists; the fallback is for the type checker.
    return { priority, norm, deadline, breachedAt: Math.max(overrun, first?.from ?? overrun) };
  }

  for (const segment of segments) {
    const norm = segment.priority === null ? null : norms[segment.priority];
    if (norm === null) continue;
    const overrun = overrunAfter(calendar, spans, norm);
    if (overrun < endOf(segment)) {
      const breachedAt = now > overrun ? Math.max(overrun, segment.from) : null;
      const deadline = reach(calendar, spans, norm.ms, norm.clock);
      return { priority: segment.priority, norm, deadline, breachedAt };
    }
  }
  const last = segments[segments.length - 1] as PrioritySegment;
  return { priority: last.priority, norm: null, deadline: null, breachedAt: null };
}

// Plain functions rather than closures over the spans: this runs for every clock of every ticket
// of a report, and the closures were a good part of what it allocated.

/** The earliest instant at which the clock has used `ms` on `clock` (the deadline D for a norm of `ms`). */
function reach(calendar: BusinessCalendar, spans: ClockSpans, ms: number, clock: ClockKind): Instant {
  return deadlineAcross(calendar, spans.counting, spans.horizon, ms, clock);
}

/**
 * The overrun point L of a norm. Everything counted lies on whole seconds (instants are floored,
 * windows start on minutes), so the second after L is counted whole: L is one second before
 * allowed + 1 s is reached.
 */
function overrunAfter(calendar: BusinessCalendar, spans: ClockSpans, norm: Norm): Instant {
  return reach(calendar, spans, norm.ms + SECOND, norm.clock) - SECOND;
}

/** The clock kind of a priority: its norm's, else the contract's default for that priority. */
export function clockKindOf(
  norm: Norm | null,
  priority: Priority | null,
  clockOfPriority: Readonly<Record<Priority, ClockKind>>,
): ClockKind {
  if (norm !== null) return norm.clock;
  // A ticket without priority (allowed for changes) is measured like P2–P4: business hours.
  return priority === null ? "business" : clockOfPriority[priority];
}
