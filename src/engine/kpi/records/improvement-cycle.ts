/**
 * T2.3 (M20) at the period's end (or now while the period runs), two parts.
 * - `count`: the number of improvement items (norm `min`, else the rule's 5).
 * - `currency`: share of items that have an owner, a status and a decision moment and were updated
 *   in the 90 calendar days up to the reference moment (norm, else the rule's 0.95).
 * Improvement records are the register as it is now (no history): every record counts, and one
 * updated after the reference moment counts as current, since its state at that moment is unknown.
 * With no items at all both parts have no data (M6): an empty feed is not reported as a verdict.
 */
import type { Improvement } from "../../../model/schema.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import { meetsNorm } from "../population.js";
import type { CaseResult, KpiDefinition, KpiScorer, PartResult } from "../types.js";
import { localTime, measureOf, minusCalendar, toSecond } from "./common.js";
import { partsScore, sharePart, shareTarget, targetNote } from "./score.js";

/** M20: at least a top 5, currency ≥ 0.95, "current" = updated within 90 days. */
export const MIN_ITEMS = 5;
export const MIN_CURRENCY = 0.95;
export const CURRENT_WITHIN_DAYS = 90;

export const scoreImprovementCycle: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "improvement-cycle");
  const { calendar } = context;
  const referenceAt = Math.min(context.period.end, toSecond(context.now));
  const currentFrom = minusCalendar(referenceAt, { days: CURRENT_WITHIN_DAYS }, calendar.zone);
  const cases = input.improvements.map((item) => currencyCase(item, currentFrom, calendar));
  const currencyTarget = shareTarget(kpi.partNorms.currency, MIN_CURRENCY);
  const parts = [countPart(cases.length, kpi), sharePart(cases, currencyTarget, "currency")];
  const notes = [
    `count: improvement items in the register (${countNormText(kpi)})`,
    `currency: owner, status and decision moment present and updated since ${localTime(currentFrom, calendar)} (${CURRENT_WITHIN_DAYS} days before ${localTime(referenceAt, calendar)})`,
    `currency ${targetNote(currencyTarget, kpi.partNorms.currency === undefined ? "M20" : "part norm")}`,
  ];
  return partsScore(parts, cases, { notes });
};

function countPart(count: number, kpi: KpiDefinition): PartResult {
  const norm = kpi.partNorms.count ?? { kind: "min", value: MIN_ITEMS };
  const target = norm.kind === "duration" ? null : norm.value;
  if (count === 0) return { name: "count", score: null, target, met: null, n: 0 };
  return {
    name: "count",
    score: count,
    target,
    met: norm.kind === "duration" ? null : meetsNorm(count, norm),
    n: count,
  };
}

function countNormText(kpi: KpiDefinition): string {
  const norm = kpi.partNorms.count;
  if (norm === undefined) return `at least ${MIN_ITEMS}, M20`;
  return norm.kind === "duration" ? "no usable norm" : `${norm.kind} ${norm.value}, part norm`;
}

function currencyCase(item: Improvement, currentFrom: number, calendar: BusinessCalendar): CaseResult {
  const missing = [
    item.owner === null || item.owner.trim() === "" ? "owner" : "",
    item.status === null || item.status.trim() === "" ? "status" : "",
    item.decisionAt === null ? "decision moment" : "",
  ].filter((w) => w !== "");
  const updatedAt = toSecond(item.updatedAt);
  const stale = updatedAt < currentFrom;
  const words = [
    item.title ?? "",
    missing.length > 0 ? `missing: ${missing.join(", ")}` : "",
    stale ? `last updated ${localTime(updatedAt, calendar)}: not current` : "",
  ].filter((w) => w !== "");
  const result: CaseResult = {
    id: item.id,
    part: "currency",
    value: null,
    deadline: null,
    stoppedAt: updatedAt,
    verdict: missing.length === 0 && !stale ? "within" : "breached",
  };
  if (item.source !== undefined) result.source = item.source;
  if (words.length > 0) result.note = words.join("; ");
  return result;
}
