/**
 * The signals section of a period report: what the KPIs miss ("green on paper, red in
 * reality", appendix 12a §1), each signal measured over the period and the trend periods,
 * compared with the organisation's own baseline, with the cases behind it. Pure data; instants
 * are epoch milliseconds.
 */
import type { Instant } from "../../model/instant.js";
import type { Priority } from "../../model/schema.js";

export const SIGNAL_IDS = [
  "downgrade-near-deadline",
  "upgrade-after-deadline",
  "pause-near-deadline",
  "recurring-pauses",
  "paused-share",
  "reopened",
  "re-registered",
  "satisfaction-gap",
  "silent-stretches",
  "repeated-contacts",
  "response-norm-edge",
  "resolution-norm-edge",
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

export type SignalGroup = "clock-management" | "experience" | "norm-edges";

/** One moment of a case, said in a word or two ("downgraded", "deadline"). */
export interface SignalInstant {
  what: string;
  at: Instant;
}

/** A ticket behind a signal's figure: what happened, in a few words, and when. */
export interface SignalCase {
  id: string;
  source: string;
  note: string;
  /** in time order */
  instants: SignalInstant[];
}

/** A signal's figure in one period. */
export interface SignalFigure {
  label: string;
  /** a share (0–1; the satisfaction gap −1–1); null when the period has no case */
  value: number | null;
  /** the population: cases the figure is a share of */
  n: number;
  /** cases that count against the measure */
  hits: number;
}

export type FlagReason = "baseline" | "ceiling";

export interface SignalReport {
  id: SignalId;
  group: SignalGroup;
  title: string;
  /** what is measured, with the configured windows filled in */
  definition: string;
  /** the figure of the report's period */
  value: number | null;
  n: number;
  hits: number;
  /** median of the trend periods with at least `minPopulation` cases; null with too little history */
  baseline: number | null;
  /** how many trend periods the baseline is the median of (0 without a baseline) */
  baselinePeriods: number;
  /** value − baseline; null without either */
  deviation: number | null;
  /** the configured rise above the baseline that is still no signal */
  maxRise: number;
  /** the configured level that is a signal whatever the history */
  ceiling: number;
  /** false also when the period has fewer than `minPopulation` cases (no verdict) */
  flagged: boolean;
  flaggedBy: FlagReason[];
  /** the trend periods' figures, oldest first */
  trend: SignalFigure[];
  cases: SignalCase[];
  /** a better measure to propose, in the spirit of appendix 12a §1 */
  suggestedMeasure: string;
}

/** CSAT beside the share within norm, over the same rated incidents. */
export interface ExperienceRow {
  /** a period label, a priority, or a resolver group ("no group" when none was assigned) */
  key: string;
  /** rated incidents with at least one clock with a norm */
  n: number;
  /** share of them with every clock within norm; null when n is 0 */
  withinNorm: number | null;
  /** share of them rated 7/10 or higher; null when n is 0 */
  satisfied: number | null;
}

export interface ExperienceTable {
  /** the trend periods, oldest first, then the report's period */
  byPeriod: ExperienceRow[];
  byPriority: ExperienceRow[];
  byGroup: ExperienceRow[];
}

export type NormEdgeClock = "response" | "resolution";

/** How a clock's stopped cases of one priority lie around its norm, in the report's period. */
export interface NormEdgeDistribution {
  clock: NormEdgeClock;
  priority: Priority;
  n: number;
  /** buckets of elapsed ÷ allowed: (from, to], the first from 0 included, the last open-ended (to null) */
  buckets: Array<{ from: number; to: number | null; count: number }>;
}

export interface SignalsSection {
  /** flagged first; within that, by deviation from baseline (see `rankSignals`) */
  signals: SignalReport[];
  /** fewer cases in a period: no verdict, and not part of a baseline */
  minPopulation: number;
  experience: ExperienceTable;
  normEdges: NormEdgeDistribution[];
}
