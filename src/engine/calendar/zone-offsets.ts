/**
 * Wall-clock time → instant in an IANA zone, DST-correct and deterministic.
 *
 * Why not `DateTime.fromObject(..., {zone})`: for a wall time that occurs twice (the autumn
 * night) luxon picks the occurrence from a first offset guess taken at `Settings.now()`, so the
 * answer depends on the date the code runs; and for a wall time that never occurs (the spring
 * gap) it shifts forward by the gap (02:30 → 03:30). A service window needs one fixed rule:
 * a boundary "HH:MM" on a day is the **earliest instant whose wall clock reads HH:MM or later**.
 * That is the first occurrence of an ambiguous time, and the end of the gap (03:00) for a
 * missing one. Offsets still come from luxon's `IANAZone#offset` (Intl, tzdb).
 */
import { IANAZone } from "luxon";
import { DAY_MS } from "./local-date.js";

/** The zone's offsets over a stretch of time: offset `offsetsMs[k]` holds from `starts[k]`. */
export interface OffsetTimeline {
  readonly starts: readonly number[];
  readonly offsetsMs: readonly number[];
}

/**
 * Samples the zone once per day over [fromMs, toMs] and bisects every change to the second.
 * Assumes no zone changes its offset twice within 24 hours and ends up where it started, which
 * holds for every transition in tzdb that matters here (DST changes are months apart).
 * The first segment reaches back to -∞ and the last forward to +∞; callers query only inside.
 */
export function offsetTimeline(zone: string, fromMs: number, toMs: number): OffsetTimeline {
  const iana = IANAZone.create(zone);
  const offsetMs = (t: number): number => Math.round(iana.offset(t) * 60_000);
  const starts: number[] = [Number.NEGATIVE_INFINITY];
  const offsetsMs: number[] = [offsetMs(fromMs)];
  let previous = fromMs;
  let previousOffset = offsetsMs[0] as number;
  for (let t = fromMs + DAY_MS; previous < toMs; t += DAY_MS) {
    const offset = offsetMs(t);
    if (offset !== previousOffset) {
      // Transitions fall on whole seconds; luxon's offset() also works at second resolution.
      let lo = Math.floor(previous / 1000);
      let hi = Math.ceil(t / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMs(mid * 1000) === previousOffset) lo = mid;
        else hi = mid;
      }
      starts.push(hi * 1000);
      offsetsMs.push(offset);
      previousOffset = offset;
    }
    previous = t;
  }
  return { starts, offsetsMs };
}

/**
 * The earliest instant whose wall-clock time is at or after `wallMs`, where `wallMs` is the wall
 * time written as if it were UTC (e.g. `Date.UTC(2026, 2, 29, 2, 30)` for 29 March 02:30).
 * Per segment that is max(segment start, wall − offset) when it falls inside the segment; the
 * answer is the earliest over all segments.
 */
export function wallTimeToInstant(timeline: OffsetTimeline, wallMs: number): number {
  const { starts, offsetsMs } = timeline;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] as number;
    const end = starts[k + 1] ?? Number.POSITIVE_INFINITY;
    const candidate = Math.max(start, wallMs - (offsetsMs[k] as number));
    if (candidate < end && candidate < best) best = candidate;
  }
  return best;
}
