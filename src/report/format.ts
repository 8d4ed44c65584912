/**
 * Words and numbers every renderer shares, so the page, the Markdown and the CSV agree: status
 * names, goal titles, case values and instants in the contract's zone.
 */
import { DateTime } from "luxon";
import type { CaseResult, Goal, Norm } from "../engine/kpi/types.js";
import type { KpiReport } from "../engine/report/model.js";
import { formatNumber, formatScore, isCountNorm, normText } from "../engine/report/norm-text.js";

export type Status = "met" | "not-met" | "no-data";

export function statusOf(met: boolean | null): Status {
  if (met === null) return "no-data";
  return met ? "met" : "not-met";
}

export const STATUS_TEXT: Record<Status, string> = { met: "Met", "not-met": "Not met", "no-data": "No data" };

/** The goals of appendix 12a §2, in English and Dutch, and the layer each belongs to. */
export const GOALS: Record<Goal, { en: string; nl: string }> = {
  S1: { en: "Future-proof, independent ICT", nl: "Toekomstbestendige en onafhankelijke ICT" },
  S2: { en: "Sustainable and responsible service", nl: "Duurzame en verantwoorde dienstverlening" },
  T1: { en: "Controlled life cycle and direction", nl: "Beheerste levenscyclus en regie" },
  T2: { en: "Controlled and improving service", nl: "Beheerste en verbeterende dienstverlening" },
  T3: { en: "Demonstrable security compliance", nl: "Aantoonbare beveiligingsnaleving" },
  O1: { en: "Fast and controlled incident handling", nl: "Snelle en gecontroleerde incidentafhandeling" },
  O2: { en: "Predictable standard changes", nl: "Voorspelbare wijzigingsuitvoering" },
  O3: {
    en: "Accessible, predictable user support",
    nl: "Toegankelijke en voorspelbare gebruikersondersteuning",
  },
  O4: { en: "Reliable user environment", nl: "Betrouwbare gebruikersomgeving" },
  O5: { en: "Continuous security operations", nl: "Doorlopende beveiligingsuitvoering" },
};

export const LAYERS = [
  { key: "S", en: "Strategic goals", nl: "Strategische doelen" },
  { key: "T", en: "Tactical goals", nl: "Tactische doelen" },
  { key: "O", en: "Operational goals", nl: "Operationele doelen" },
] as const;

/** KPIs grouped by goal, goals in S1…O5 order, KPIs in report order; goals without KPIs left out. */
export function kpisByGoal(kpis: readonly KpiReport[]): Array<{ goal: Goal; kpis: KpiReport[] }> {
  const order = Object.keys(GOALS) as Goal[];
  return order
    .map((goal) => ({ goal, kpis: kpis.filter((kpi) => kpi.goal === goal) }))
    .filter((group) => group.kpis.length > 0);
}

/** Whether a KPI's own score is a count (its norm is a count norm). */
export function kpiIsCount(kpi: KpiReport): boolean {
  return isCountNorm(kpi.norm);
}

/**
 * A part's norm: its own, or the KPI's where the parts are instances of one norm (O4.2's
 * locations, O4.3's services); undefined when neither exists.
 */
export function partNorm(kpi: KpiReport, part: string): Norm | undefined {
  return kpi.partNorms[part] ?? kpi.norm ?? undefined;
}

/** A part's norm in words, or "" without one. */
export function partNormText(kpi: KpiReport, part: string): string {
  const norm = partNorm(kpi, part);
  return norm === undefined ? "" : normText(norm, kpi.clock);
}

/** Whether a part's score is a count. */
export function partIsCount(kpi: KpiReport, part: string): boolean {
  return isCountNorm(partNorm(kpi, part));
}

/** A KPI's score as shown ("96.67 %", "12", "no data"). */
export function kpiScoreText(kpi: KpiReport): string {
  return formatScore(kpi.score, kpiIsCount(kpi));
}

/**
 * How a KPI misses (or meets) its norm in a few words: the score against the norm, or for a KPI
 * with parts the parts that miss theirs.
 * @example shortfallText(O1.3) // → "91 % (norm ≤ 1 h (business hours) in 95 %)"
 * @example shortfallText(T2.6) // → "count 24 (norm at most 20)"
 */
export function shortfallText(kpi: KpiReport): string {
  const missed = kpi.parts.filter((p) => p.met === false);
  if (missed.length === 0) return `${kpiScoreText(kpi)} (norm ${kpi.normText})`;
  return missed
    .map((p) => {
      const norm = partNormText(kpi, p.name);
      return `${p.name} ${formatScore(p.score, partIsCount(kpi, p.name))}${norm === "" ? "" : ` (norm ${norm})`}`;
    })
    .join("; ");
}

/** A case's measured value: a duration for duration norms (minutes on the KPI's clock), else the number. */
export function caseValueText(kpi: KpiReport, c: CaseResult): string {
  if (c.value === null) return "";
  const norm = c.part === undefined ? (kpi.norm ?? undefined) : partNorm(kpi, c.part);
  if (norm?.kind === "duration") return durationText(c.value);
  return formatNumber(c.value);
}

/** Minutes as a reader takes them in: "42 min", "3.5 h"; never days, as a business day is not 24 h. */
export function durationText(minutes: number): string {
  if (Math.abs(minutes) < 120) return `${formatNumber(minutes)} min`;
  return `${formatNumber(Math.round((minutes / 60) * 10) / 10)} h`;
}

/** An instant as the reader's local time in the contract's zone: "2026-03-02 09:15". */
export function localTime(at: number | null, zone: string): string {
  if (at === null) return "";
  return DateTime.fromMillis(at, { zone }).toFormat("yyyy-MM-dd HH:mm");
}

/** The cases a reader must look at: breached ones. */
export function breachedCases(kpi: KpiReport): CaseResult[] {
  return kpi.cases.filter((c) => c.verdict === "breached");
}

/** A ratio for machine output: 4 decimals, null kept. */
export function round4(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}
