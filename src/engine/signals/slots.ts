/**
 * The periods a report's signals are measured over (the trend periods and the report's own),
 * as slots: each case is placed once, in the slot whose period holds its counting moment, so
 * one pass over the tickets serves every period.
 */
import type { Instant } from "../../model/instant.js";
import type { Period } from "../kpi/types.js";

export interface PeriodSlots {
  /** the trend periods, oldest first, then the report's period */
  readonly periods: readonly Period[];
  /** the slot of the report's period (the last) */
  readonly report: number;
  /** the start of the earliest period */
  readonly start: Instant;
  /** the slot whose period holds `at`, or -1 when none does */
  slotOf(at: Instant): number;
}

export function periodSlots(period: Period, trendPeriods: readonly Period[]): PeriodSlots {
  const periods = [...trendPeriods, period];
  // By start, for a binary search; report periods do not overlap.
  const order = Int32Array.from(periods.map((_, slot) => slot)).sort(
    (a, b) => (periods[a] as Period).start - (periods[b] as Period).start,
  );
  const starts = Float64Array.from(order, (slot) => (periods[slot] as Period).start);
  const ends = Float64Array.from(order, (slot) => (periods[slot] as Period).end);
  const first = starts[0] as number;
  const last = Math.max(...ends);
  return {
    periods,
    report: periods.length - 1,
    start: first,
    slotOf(at) {
      // Most moments of a report's tickets lie outside its periods or in one of a handful.
      if (!(at >= first && at < last)) return -1;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= at) lo = mid;
        else hi = mid - 1;
      }
      return at < (ends[lo] as number) ? (order[lo] as number) : -1;
    },
  };
}
