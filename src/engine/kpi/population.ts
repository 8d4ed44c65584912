/**
 * M5 and M6, shared by every scorer: which period a case counts in, and a share KPI's score.
 */
import type { Instant } from "../../model/instant.js";
import type { CaseResult, Norm, PartResult, Period, ScoringContext, Verdict } from "./types.js";

/** Is the instant inside the half-open period [start, end)? */
export function inPeriod(at: Instant, period: Period): boolean {
  return at >= period.start && at < period.end;
}

/**
 * M5: a case counts once, in the period holding the earlier of its stop and its deadline. A case
 * in time counts where it stopped; a breached one where its deadline passed, even when still open;
 * a case that has neither stopped nor passed its deadline (as of `now`) is not counted yet (null).
 * The caller decides `breached` as of `now` (a deadline that passed unmet); a case with no norm
 * (deadline null) counts where it stopped.
 */
export function countingMoment(
  stopAt: Instant | null,
  deadline: Instant | null,
  breached: boolean,
): Instant | null {
  if (breached && deadline !== null) return deadline;
  return stopAt;
}

/** M6: share of `within` cases among counted (non-excluded) ones; null score and met with no cases. */
export function shareOf(cases: readonly CaseResult[], target: number, name = ""): PartResult {
  let n = 0;
  let within = 0;
  for (const c of cases) {
    if (c.verdict === "excluded") continue;
    n++;
    if (c.verdict === "within") within++;
  }
  if (n === 0) return { name, score: null, target, met: null, n: 0 };
  const score = within / n;
  return { name, score, target, met: score >= target - 1e-12, n };
}

/** The target share a norm asks for: `share` of a duration norm, `min` of a ratio norm. */
export function targetShare(norm: Norm | null | undefined, fallback: number): number {
  if (norm === null || norm === undefined) return fallback;
  if (norm.kind === "duration") return norm.share;
  if (norm.kind === "min") return norm.value;
  return fallback;
}

/** Is a ratio or count within a norm? min: ≥, max: ≤, maxCount: ≤ (inclusive, as every norm). */
export function meetsNorm(value: number, norm: Norm): boolean {
  switch (norm.kind) {
    case "min":
      return value >= norm.value - 1e-12;
    case "max":
    case "maxCount":
      return value <= norm.value + 1e-12;
    case "duration":
      return value >= norm.share - 1e-12;
  }
}

/**
 * A KPI is met only when every part is. A part that misses its norm fails the KPI even when
 * another part has no data; otherwise any part without data leaves it without verdict.
 */
export function combineParts(parts: readonly PartResult[]): boolean | null {
  if (parts.length === 0) return null;
  if (parts.some((p) => p.met === false)) return false;
  if (parts.some((p) => p.met === null)) return null;
  return true;
}

/** Whether the context asks for figures only (see `ScoringContext.detail`). */
export function figuresOnly(context: Pick<ScoringContext, "detail">): boolean {
  return context.detail === "figures";
}

const standIns = new Map<string, CaseResult>();

/**
 * The stand-in of a case when the context asks for figures only: its verdict and part, which is
 * all the figures are computed from. The trend of a 200,000-ticket report counts half a million
 * cases; writing each out (notes with local times) only to drop it cost a tenth of the report's
 * time. Stand-ins are shared and frozen.
 */
export function verdictOnly(verdict: Verdict, part?: string): CaseResult {
  const key = part === undefined ? verdict : `${verdict}:${part}`;
  let standIn = standIns.get(key);
  if (standIn === undefined) {
    const c: CaseResult = { id: "", value: null, deadline: null, stoppedAt: null, verdict };
    if (part !== undefined) c.part = part;
    standIn = Object.freeze(c);
    standIns.set(key, standIn);
  }
  return standIn;
}
