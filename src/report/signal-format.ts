/**
 * The signals section in words, shared by the Markdown and the HTML page so both say the same:
 * values as percentages, deviations in percentage points, the baseline and the verdict.
 */
import { formatNumber, formatRatio } from "../engine/report/norm-text.js";
import type { SignalCase, SignalGroup, SignalReport } from "../engine/signals/types.js";
import { localTime } from "./format.js";

export const SIGNAL_GROUP_TITLES: Record<SignalGroup, string> = {
  "clock-management": "Clock management",
  experience: "Experience versus SLA",
  "norm-edges": "Norm edges",
};

/** "2.04 %", or "no data". */
export function signalValueText(value: number | null): string {
  return value === null ? "no data" : formatRatio(value);
}

/** A difference of shares in percentage points: "+1.29 pts", "−0.4 pts", "+1 pt". */
export function pointsText(difference: number): string {
  const points = Math.round(difference * 10_000) / 100;
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";
  const size = Math.abs(points);
  return `${sign}${formatNumber(size)} ${size === 1 ? "pt" : "pts"}`;
}

/** "0.37 % (median of 6 periods)", or why there is none. */
export function baselineText(signal: Pick<SignalReport, "baseline" | "baselinePeriods">): string {
  if (signal.baseline === null) return "too little history";
  const periods = signal.baselinePeriods;
  return `${formatRatio(signal.baseline)} (median of ${periods} period${periods === 1 ? "" : "s"})`;
}

export function deviationText(signal: Pick<SignalReport, "deviation">): string {
  return signal.deviation === null ? "–" : pointsText(signal.deviation);
}

/** "rise ≤ 1 pt, ceiling 2 %". */
export function thresholdsText(signal: Pick<SignalReport, "maxRise" | "ceiling">): string {
  return `rise ≤ ${pointsText(signal.maxRise).replace(/^[+±]/, "")}, ceiling ${formatRatio(signal.ceiling)}`;
}

/** Why a signal is (or is not) flagged, in a few words. */
export function verdictText(signal: SignalReport, minPopulation: number): string {
  if (signal.flagged) {
    const why = signal.flaggedBy.map((reason) =>
      reason === "baseline" ? "risen above its baseline" : "above its ceiling",
    );
    return `Flagged: ${why.join(" and ")}`;
  }
  if (signal.value === null) return "No cases";
  if (signal.n < minPopulation) return `Too few cases for a verdict (n < ${minPopulation})`;
  return "Not flagged";
}

/** "lowered 2026-03-03 17:44 · P2 deadline 2026-03-04 08:02". */
export function instantsText(c: SignalCase, zone: string): string {
  return c.instants.map((i) => `${i.what} ${localTime(i.at, zone)}`).join(" · ");
}

/** A norm-edge bucket as a share of the norm: "90–100 %", "> 150 %". */
export function bucketText(bucket: { from: number; to: number | null }): string {
  const percent = (ratio: number) => formatNumber(Math.round(ratio * 100));
  return bucket.to === null
    ? `> ${percent(bucket.from)} %`
    : `${percent(bucket.from)}–${percent(bucket.to)} %`;
}
