/**
 * Norms and figures in words, as the reports print them: "≤ 15 min (clock) in 95 %", "≥ 80 %",
 * "at most 20". Shared by every renderer so the page, the Markdown and the CSV say the same.
 */
import type { ClockKind } from "../calendar/types.js";
import type { KpiDefinition, Norm } from "../kpi/types.js";

const UNIT_TEXT = { minutes: "min", hours: "h", workingDays: "working days" } as const;

/**
 * @example normText({ kind: "duration", amount: 15, unit: "minutes", share: 0.95 }, "clock") // → "≤ 15 min (clock) in 95 %"
 * @example normText({ kind: "min", value: 0.8 }, null) // → "≥ 80 %"
 * @example normText({ kind: "maxCount", value: 20 }, null) // → "at most 20"
 * @example normText({ kind: "min", value: 5 }, null) // → "at least 5"
 */
export function normText(norm: Norm | null, clock: ClockKind | null): string {
  if (norm === null) return "no norm set";
  switch (norm.kind) {
    case "duration": {
      // Working days are business days by definition; the clock suffix would only repeat it.
      const onClock = norm.unit === "workingDays" || clock === null ? "" : ` (${clockText(clock)})`;
      const share = norm.share >= 1 ? "" : ` in ${formatRatio(norm.share)}`;
      return `≤ ${formatNumber(norm.amount)} ${UNIT_TEXT[norm.unit]}${onClock}${share}`;
    }
    case "min":
      return isCountNorm(norm) ? `at least ${formatNumber(norm.value)}` : `≥ ${formatRatio(norm.value)}`;
    case "max":
      return `≤ ${formatRatio(norm.value)}`;
    case "maxCount":
      return `at most ${formatNumber(norm.value)}`;
  }
}

/** The KPI's norm, or its parts' norms joined: "stabilisation: ≤ 4 h (clock); definitive: ≤ 48 h (clock)". */
export function kpiNormText(kpi: Pick<KpiDefinition, "norm" | "partNorms" | "clock">): string {
  const parts = Object.entries(kpi.partNorms);
  if (kpi.norm !== null || parts.length === 0) return normText(kpi.norm, kpi.clock);
  return parts.map(([name, norm]) => `${name}: ${normText(norm, kpi.clock)}`).join("; ");
}

/**
 * A count norm's figures are counts; every other figure is a ratio 0–1. A `min` above 1 cannot be
 * a share, so it is a count too (T2.3: at least 5 improvement items).
 */
export function isCountNorm(norm: Norm | null | undefined): boolean {
  return norm?.kind === "maxCount" || (norm?.kind === "min" && norm.value > 1);
}

/**
 * A ratio as a percentage with at most two decimals.
 * @example formatRatio(0.96667) // → "96.67 %"
 * @example formatRatio(0.995) // → "99.5 %"
 */
export function formatRatio(value: number): string {
  return `${formatNumber(Math.round(value * 10_000) / 100)} %`;
}

/** A score as shown: a percentage for ratios, the number for counts, "no data" for null. */
export function formatScore(value: number | null, count: boolean): string {
  if (value === null) return "no data";
  return count ? formatNumber(value) : formatRatio(value);
}

/** Up to two decimals, no trailing zeros: 4 → "4", 2.5 → "2.5", 1/3 → "0.33". */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function clockText(clock: ClockKind): string {
  return clock === "clock" ? "clock" : "business hours";
}
