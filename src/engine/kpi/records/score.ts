/**
 * A KPI's score from its cases (M6): one share, or named parts. Same conventions as the ticket
 * KPIs: a KPI with parts reports its weakest part as its score (the part that decides whether it
 * is met), n is the sum of the parts' n, and it is met only when every part is (`combineParts`).
 * A target of null means "no norm configured": the score is reported, the verdict is null.
 */
import { combineParts, shareOf, targetShare } from "../population.js";
import type { CaseResult, KpiScore, Norm, PartResult } from "../types.js";
import { percentText } from "./common.js";

export interface ScoreExtras {
  notes: string[];
  provisional?: boolean;
}

/**
 * The target share a norm asks for (`share` of a duration norm, `min` of a ratio norm), or
 * `fallback` without a norm; null when there is neither.
 */
export function shareTarget(norm: Norm | null | undefined, fallback: number | null): number | null {
  if (norm === null || norm === undefined) return fallback;
  if (norm.kind !== "duration" && norm.kind !== "min") return fallback;
  return targetShare(norm, 0);
}

/** M6 for one part (or the whole KPI): within / counted, null with no counted cases. */
export function sharePart(cases: readonly CaseResult[], target: number | null, name = ""): PartResult {
  const part = shareOf(cases, target ?? 0, name);
  return target === null ? { ...part, target: null, met: null } : part;
}

/** A KPI without parts scored as one share. */
export function shareScore(cases: CaseResult[], target: number | null, extras: ScoreExtras): KpiScore {
  const part = sharePart(cases, target);
  return {
    score: part.score,
    target: part.target,
    met: part.met,
    n: part.n,
    parts: [],
    cases,
    ...withExtras(extras),
  };
}

/** A KPI with parts: weakest part as score, met when every part is. */
export function partsScore(
  parts: PartResult[],
  cases: CaseResult[],
  extras: ScoreExtras,
  n?: number,
): KpiScore {
  const weakest = weakestPart(parts);
  return {
    score: weakest?.score ?? null,
    target: weakest?.target ?? null,
    met: combineParts(parts),
    n: n ?? parts.reduce((sum, p) => sum + p.n, 0),
    parts,
    cases,
    ...withExtras(extras),
  };
}

/** The part with the lowest score, failing parts first; null when no part has data. */
export function weakestPart(parts: readonly PartResult[]): PartResult | null {
  let weakest: PartResult | null = null;
  for (const part of parts) {
    if (part.score === null) continue;
    if (weakest === null || rank(part) < rank(weakest)) weakest = part;
  }
  return weakest;
}

function rank(part: PartResult): number {
  // A failing part always ranks below a passing one; among equals the lower score is weaker.
  return (part.met === false ? 0 : 2) + (part.score ?? 0);
}

/** The note that says where a target came from, for the report. */
export function targetNote(target: number | null, source: string): string {
  return target === null
    ? "no norm configured: score without verdict"
    : `target ${percentText(target)} (${source})`;
}

function withExtras(extras: ScoreExtras): Pick<KpiScore, "notes" | "provisional"> {
  return extras.provisional ? { notes: extras.notes, provisional: true } : { notes: extras.notes };
}
