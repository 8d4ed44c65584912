/**
 * Interval algebra on half-open spans [start, end): the clocks are built as "active spans minus
 * pauses" and measured on a calendar, instead of stepping minute by minute.
 * Every list here is ascending, disjoint and free of empty spans.
 */
import type { Instant } from "../../model/instant.js";
import type { BusinessCalendar, ClockKind } from "../calendar/types.js";

export type Interval = readonly [start: Instant, end: Instant];

// The loops below read spans by index, not with `for (const [start, end] of …)`: that form
// iterates (an iterator and a result object per step, and per destructured span) wherever it
// is not yet optimised, and these run for every clock of every ticket of a report.

/** Adds [start, end) to the end of an ascending list, dropping it when empty. */
export function pushInterval(list: Interval[], start: Instant, end: Instant): void {
  if (end > start) list.push([start, end]);
}

/**
 * `pushInterval` for lists that mostly hold a single span: an empty list is replaced by one of
 * exactly that span, as a `push` onto `[]` reserves room for sixteen. A report computes clocks
 * and lifecycles for hundreds of thousands of tickets, most with one span each, and that room
 * was over a tenth of all it allocated. Returns the list to use from then on.
 */
export function withInterval(list: Interval[], start: Instant, end: Instant): Interval[] {
  if (!(end > start)) return list;
  if (list.length === 0) return [[start, end]];
  list.push([start, end]);
  return list;
}

/** The parts of `from` not covered by `remove`. */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  let out: Interval[] = [];
  let j = 0;
  for (let i = 0; i < from.length; i++) {
    const span = from[i] as Interval;
    const end = span[1];
    let cursor = span[0];
    while (j < remove.length && (remove[j] as Interval)[1] <= cursor) j++;
    for (let k = j; k < remove.length; k++) {
      const removed = remove[k] as Interval;
      const rStart = removed[0];
      const rEnd = removed[1];
      if (rStart >= end) break;
      out = withInterval(out, cursor, Math.min(rStart, end));
      cursor = Math.max(cursor, rEnd);
      if (cursor >= end) break;
    }
    out = withInterval(out, cursor, end);
  }
  return out;
}

/** The parts covered by both lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  let out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const aSpan = a[i] as Interval;
    const bSpan = b[j] as Interval;
    const aEnd = aSpan[1];
    const bEnd = bSpan[1];
    out = withInterval(out, Math.max(aSpan[0], bSpan[0]), Math.min(aEnd, bEnd));
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
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Interval;
    total += calendar.elapsedMs(span[0], span[1], clock);
  }
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
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Interval;
    const start = span[0];
    const length = calendar.elapsedMs(start, span[1], clock);
    // `>=`: a norm reached exactly at a span's end is due at that end (addMs picks the earliest
    // instant, e.g. 18:00 rather than the next morning's 08:00).
    if (length >= remaining) return calendar.addMs(start, remaining, clock);
    remaining -= length;
  }
  return calendar.addMs(tailFrom, remaining, clock);
}
