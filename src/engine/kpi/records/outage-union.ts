/**
 * M12: overlapping outages of one service key count once. The union of half-open spans, and
 * which spans overlapped another (so the report can say why the minutes of the cases add up to
 * more than the outage time).
 */
import type { Instant } from "../../../model/instant.js";
import type { Interval } from "../../timeline/intervals.js";

export interface TaggedSpan {
  start: Instant;
  end: Instant;
  /** Who the span belongs to (a case's index), returned in `overlapping`. */
  tag: number;
}

/**
 * The ascending, disjoint union of the spans, and the tags of the spans that share time with
 * another one. Spans that only touch ([9, 10) and [10, 11)) do not overlap but merge.
 * @example unionOf([{start: 9, end: 11, tag: 0}, {start: 10, end: 12, tag: 1}]) // union [[9, 12]], overlapping {0, 1}
 */
export function unionOf(spans: readonly TaggedSpan[]): { union: Interval[]; overlapping: Set<number> } {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const union: Array<[Instant, Instant]> = [];
  const overlapping = new Set<number>();
  // The span reaching furthest in the current merged run: a later span starting before its end overlaps it.
  let reach: TaggedSpan | null = null;
  for (const span of sorted) {
    const last = union[union.length - 1];
    if (last === undefined || span.start > last[1] || reach === null) {
      union.push([span.start, span.end]);
      reach = span;
      continue;
    }
    if (span.start < reach.end) {
      overlapping.add(span.tag);
      overlapping.add(reach.tag);
    }
    if (span.end > last[1]) last[1] = span.end;
    if (span.end > reach.end) reach = span;
  }
  return { union, overlapping };
}
