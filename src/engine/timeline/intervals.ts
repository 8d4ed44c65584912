/**
 * Interval algebra on half-open spans [start, end): the clocks are built as "active spans minus
 * pauses" and measured on a calendar, instead of stepping minute by minute.
 * Every list here is ascending, disjoint and free of empty spans.
 */
import type { Instant } from "../../model/instant.js";
import type { BusinessCalendar, ClockKind } from "../calendar/types.js";

export type Interval = readonly [start: Instant, end: Instant];

/** Adds [start, end) to the end of an ascending list, dropping it when empty. */
export function pushInterval(list: Interval[], start: Instant, end: Instant): void {
  if (end > start) list.push([start, end]);
}

/** The parts of `from` not covered by `remove`. */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [start, end] of from) {
    let cursor = start;
    while (j < remove.length && (remove[j] as Interval)[1] <= cursor) j++;
    for (let k = j; k < remove.length; k++) {
      const [rStart, rEnd] = remove[k] as Interval;
      if (rStart >= end) break;
      pushInterval(out, cursor, Math.min(rStart, end));
      cursor = Math.max(cursor, rEnd);
      if (cursor >= end) break;
    }
    pushInterval(out, cursor, end);
  }
  return out;
}

/** The parts covered by both lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aStart, aEnd] = a[i] as Interval;
    const [bStart, bEnd] = b[j] as Interval;
    pushInterval(out, Math.max(aStart, bStart), Math.min(aEnd, bEnd));
    if (aEnd < bEnd) i++;
    else j++;
  }
  return out;
}

/** Total length of the spans on `clock`. */
export function measureIntervals(
  calendar: BusinessCalendar,
  spans: readonly Interval[],
  clock: ClockKind,
): number {
  let total = 0;
  for (const [start, end] of spans) total += calendar.elapsedMs(start, end, clock);
  return total;
}

/**
 * The earliest instant at which `allowedMs` have elapsed on `clock`, counting only `spans` and,
 * after them, everything from `tailFrom` on (the clock assumed to run on from there).
 * `tailFrom` must not lie before the end of the last span.
 * @example spans [[09:00, 10:00)], tailFrom 12:00, 90 min on the clock → 12:30
 */
export function deadlineAcross(
  calendar: BusinessCalendar,
  spans: readonly Interval[],
  tailFrom: Instant,
  allowedMs: number,
  clock: ClockKind,
): Instant {
  let remaining = allowedMs;
  for (const [start, end] of spans) {
    const length = calendar.elapsedMs(start, end, clock);
    // `>=`: a norm reached exactly at a span's end is due at that end (addMs picks the earliest
    // instant, e.g. 18:00 rather than the next morning's 08:00).
    if (length >= remaining) return calendar.addMs(start, remaining, clock);
    remaining -= length;
  }
  return calendar.addMs(tailFrom, remaining, clock);
}
