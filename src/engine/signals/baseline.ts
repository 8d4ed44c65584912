/**
 * A signal against the organisation's own history. The baseline is the median of the trend
 * periods that have at least `minPopulation` cases: the median, as one odd month (a migration,
 * a major outage) must not move the reference. With fewer than `minBaselinePeriods` such
 * periods there is no baseline and only the ceiling can flag.
 *
 * A signal is flagged when its period has at least `minPopulation` cases and its value rises
 * more than `maxRise` above the baseline, or lies above the `ceiling` (a chronic level is a
 * signal too: a baseline learnt from it would hide it).
 */
import type { FlagReason, SignalFigure, SignalReport } from "./types.js";

export interface BaselineRules {
  minPopulation: number;
  minBaselinePeriods: number;
}

/**
 * @example baselineOf([{ value: 0.02, n: 40 }, { value: 0.01, n: 50 }, { value: 0.9, n: 3 }, { value: 0.04, n: 45 }], { minPopulation: 20, minBaselinePeriods: 3 })
 * // → { baseline: 0.02, periods: 3 } (the period with 3 cases is left out)
 */
export function baselineOf(
  trend: readonly Pick<SignalFigure, "value" | "n">[],
  rules: BaselineRules,
): { baseline: number | null; periods: number } {
  const values = trend
    .filter((f) => f.value !== null && f.n >= rules.minPopulation)
    .map((f) => f.value as number)
    .sort((a, b) => a - b);
  if (values.length < rules.minBaselinePeriods || values.length === 0) return { baseline: null, periods: 0 };
  const mid = values.length >> 1;
  const median =
    values.length % 2 === 1
      ? (values[mid] as number)
      : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
  return { baseline: median, periods: values.length };
}

/** Why a value is flagged; empty when it is not (or the period has too few cases for a verdict). */
export function flagReasons(
  value: number | null,
  n: number,
  baseline: number | null,
  thresholds: { maxRise: number; ceiling: number },
  minPopulation: number,
): FlagReason[] {
  if (value === null || n < minPopulation) return [];
  const reasons: FlagReason[] = [];
  // A hair's breadth of float noise must not decide a flag: 0.03 − 0.01 is 0.019999….
  if (baseline !== null && value - baseline > thresholds.maxRise + 1e-12) reasons.push("baseline");
  if (value > thresholds.ceiling + 1e-12) reasons.push("ceiling");
  return reasons;
}

type Ranked = Pick<SignalReport, "id" | "value" | "deviation" | "maxRise" | "ceiling" | "flagged">;

/**
 * Flagged signals first, then the others with a value, then those without. Within each group:
 * by deviation from the baseline in multiples of the signal's own `maxRise` (each signal's
 * tolerance, so a rise of 2 points weighs more where 1 is allowed than where 5 are), signals
 * without a baseline after those with one, by value in multiples of their ceiling; ties by id.
 */
export function rankSignals<T extends Ranked>(signals: readonly T[]): T[] {
  return [...signals].sort(
    (a, b) =>
      tier(a) - tier(b) ||
      compareDesc(riseRatio(a), riseRatio(b)) ||
      compareDesc(levelRatio(a), levelRatio(b)) ||
      a.id.localeCompare(b.id),
  );
}

function tier(s: Ranked): number {
  if (s.flagged) return 0;
  return s.value === null ? 2 : 1;
}

/** Deviation in multiples of maxRise; a zero tolerance makes any rise infinite. */
function riseRatio(s: Ranked): number | null {
  if (s.deviation === null) return null;
  if (s.maxRise > 0) return s.deviation / s.maxRise;
  return s.deviation > 0 ? Number.POSITIVE_INFINITY : s.deviation < 0 ? Number.NEGATIVE_INFINITY : 0;
}

function levelRatio(s: Ranked): number | null {
  if (s.value === null) return null;
  if (s.ceiling > 0) return s.value / s.ceiling;
  return s.value > 0 ? Number.POSITIVE_INFINITY : 0;
}

/** Descending, nulls last. */
function compareDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}
