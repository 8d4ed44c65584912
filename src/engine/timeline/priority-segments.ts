/**
 * The ticket's priority over time, as segments [from, until). Kept apart from the clocks because
 * M4 needs the whole history: the deadline depends on the priority, and the priority that counts
 * depends on the deadline.
 */
import type { Instant } from "../../model/instant.js";
import type { Priority } from "../../model/schema.js";
import type { KnownHistory } from "./known-history.js";

export interface PrioritySegment {
  priority: Priority | null;
  from: Instant;
  /** null: still in force (at now). */
  until: Instant | null;
}

/**
 * Segments from creation, ascending. A change to the priority already in force is no change; a
 * change at creation replaces the initial priority (no empty segment is kept).
 */
export function prioritySegments(initial: Priority | null, history: KnownHistory): PrioritySegment[] {
  const segments: PrioritySegment[] = [{ priority: initial, from: history.createdAt, until: null }];
  for (const event of history.events) {
    if (event.type !== "priority") continue;
    const last = segments[segments.length - 1] as PrioritySegment;
    if (event.priority === last.priority) continue;
    if (event.at === last.from) {
      segments.pop();
      const previous = segments[segments.length - 1];
      // Changing back within the same instant merges with the segment before.
      if (previous !== undefined && previous.priority === event.priority) {
        previous.until = null;
        continue;
      }
    } else {
      last.until = event.at;
    }
    segments.push({ priority: event.priority, from: event.at, until: null });
  }
  return segments;
}

/** The segment in force at `t` (a change at t is in force from t). */
export function segmentAt(segments: readonly PrioritySegment[], t: Instant): PrioritySegment {
  let found = segments[0] as PrioritySegment;
  for (const segment of segments) {
    if (segment.from <= t) found = segment;
    else break;
  }
  return found;
}
