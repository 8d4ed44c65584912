/**
 * A KPI's score from its counted cases (M6): one share, or one share per part. A KPI with parts
 * reports its weakest part as its score (the part that decides whether it is met), is met only
 * when every part is (`combineParts`), and has no data when no part has any.
 */
import { combineParts, shareOf, targetShare } from "../population.js";
import type { CaseResult, KpiDefinition, KpiScore, PartResult } from "../types.js";

export interface ScoreExtras {
  notes: string[];
  provisional?: boolean;
}

/** M6 over the cases; `target` is the share asked for. */
export function shareScore(cases: CaseResult[], target: number, extras: ScoreExtras): KpiScore {
  const result = shareOf(cases, target);
  return {
    score: result.score,
    target,
    met: result.met,
    n: result.n,
    parts: [],
    cases,
    ...withExtras(extras),
  };
}

/** M6 per part; each case carries its `part`. */
export function partsShareScore(
  cases: CaseResult[],
  targets: ReadonlyArray<{ part: string; target: number }>,
  extras: ScoreExtras,
): KpiScore {
  const parts = targets.map(({ part, target }) =>
    shareOf(
      cases.filter((c) => c.part === part),
      target,
      part,
    ),
  );
  const weakest = weakestPart(parts);
  return {
    score: weakest?.score ?? null,
    target: weakest?.target ?? null,
    met: combineParts(parts),
    n: parts.reduce((sum, p) => sum + p.n, 0),
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

/** The target share of a part (or of the KPI when `part` is omitted), with decision 1's fallback. */
export function targetOf(kpi: KpiDefinition, fallback: number, part?: string): number {
  const norm = part === undefined ? kpi.norm : kpi.partNorms[part];
  return targetShare(norm, fallback);
}

function withExtras(extras: ScoreExtras): Pick<KpiScore, "notes" | "provisional"> {
  return extras.provisional ? { notes: extras.notes, provisional: true } : { notes: extras.notes };
}
