/**
 * T3.1 (M20), two parts.
 * - `complete`: share of exceptions with a reason, a compensating control and a review date.
 *   Population: the exceptions in force at some moment of the period (no `expiresAt`, or expiring
 *   after the period's start); records carry no creation date, so every such record counts.
 * - `reviewed`: share of exceptions whose `reviewBy` falls in the period that were reviewed no
 *   later than `reviewBy`. One not reviewed yet whose `reviewBy` is still ahead of now is not
 *   counted yet.
 */
import type { SecurityException } from "../../../model/schema.js";
import { inPeriod } from "../population.js";
import type { CaseResult, KpiScorer, ScoringContext } from "../types.js";
import { knownAt, localTime, measureOf, toSecond } from "./common.js";
import { partsScore, sharePart, shareTarget, targetNote } from "./score.js";

const FIELDS = ["reason", "compensatingControl", "reviewBy"] as const;

export const scoreSecurityExceptions: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "security-exceptions");
  const now = toSecond(context.now);
  const complete: CaseResult[] = [];
  const reviewed: CaseResult[] = [];
  let notDueYet = 0;
  for (const exception of input.securityExceptions) {
    if (exception.expiresAt === null || exception.expiresAt > context.period.start) {
      complete.push(completeCase(exception));
    }
    const reviewBy = exception.reviewBy === null ? null : toSecond(exception.reviewBy);
    if (reviewBy === null || !inPeriod(reviewBy, context.period)) continue;
    const review = reviewCase(exception, reviewBy, { ...context, now });
    if (review === null) notDueYet++;
    else reviewed.push(review);
  }
  const targets = {
    complete: shareTarget(kpi.partNorms.complete, null),
    reviewed: shareTarget(kpi.partNorms.reviewed, null),
  };
  const notes = [
    "complete: reason, compensating control and review date present, over the exceptions in force in the period",
    "reviewed: reviewedAt ≤ reviewBy, over the exceptions whose reviewBy falls in the period",
    `complete ${targetNote(targets.complete, "part norm")}`,
    `reviewed ${targetNote(targets.reviewed, "part norm")}`,
  ];
  if (notDueYet > 0)
    notes.push(`${notDueYet} review${notDueYet === 1 ? "" : "s"} not due yet at the report time`);
  const parts = [
    sharePart(complete, targets.complete, "complete"),
    sharePart(reviewed, targets.reviewed, "reviewed"),
  ];
  return partsScore(parts, [...complete, ...reviewed], { notes });
};

function completeCase(exception: SecurityException): CaseResult {
  const missing = FIELDS.filter((field) => {
    const value = exception[field];
    return value === null || (typeof value === "string" && value.trim() === "");
  });
  const result: CaseResult = {
    id: exception.id,
    part: "complete",
    value: null,
    deadline: null,
    stoppedAt: null,
    verdict: missing.length === 0 ? "within" : "breached",
  };
  if (exception.source !== undefined) result.source = exception.source;
  if (missing.length > 0) result.note = `missing: ${missing.join(", ")}`;
  return result;
}

function reviewCase(
  exception: SecurityException,
  reviewBy: number,
  context: ScoringContext,
): CaseResult | null {
  const reviewedAt = knownAt(exception.reviewedAt, context.now);
  if (reviewedAt === null && reviewBy >= context.now) return null;
  const within = reviewedAt !== null && reviewedAt <= reviewBy;
  const result: CaseResult = {
    id: exception.id,
    part: "reviewed",
    value: null,
    deadline: reviewBy,
    stoppedAt: reviewedAt,
    verdict: within ? "within" : "breached",
  };
  if (exception.source !== undefined) result.source = exception.source;
  if (!within) {
    result.note =
      reviewedAt === null
        ? `not reviewed; review was due ${localTime(reviewBy, context.calendar)}`
        : `reviewed ${localTime(reviewedAt, context.calendar)}, after ${localTime(reviewBy, context.calendar)}`;
  }
  return result;
}
