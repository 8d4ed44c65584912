/**
 * The period report as the renderers (src/report/) receive it: every figure of the period with
 * the cases behind it, its trend, the contract deviations, the governance agenda and the
 * settings it was computed with. Pure data; instants are epoch milliseconds, the zone says how
 * to show them.
 */
import type { Instant } from "../../model/instant.js";
import type { ClockKind } from "../calendar/types.js";
import type {
  AgendaType,
  Cadence,
  CaseResult,
  Goal,
  MeetingLevel,
  Norm,
  NormStatus,
  PartResult,
  Period,
} from "../kpi/types.js";
import type { SignalsSection } from "../signals/types.js";

export const MEETING_LEVELS = [
  "operational",
  "tactical",
  "strategic",
] as const satisfies readonly MeetingLevel[];

/** One KPI's figure in one preceding period, for the trend chart. */
export interface TrendPoint {
  label: string;
  score: number | null;
  target: number | null;
  met: boolean | null;
  n: number;
}

export interface KpiReport {
  id: string;
  goal: Goal;
  name: { nl: string; en: string };
  /** the norm in words, e.g. "≤ 15 min (clock) in 95 %"; parts listed "stabilisation: ≤ 4 h (clock)" */
  normText: string;
  /** the norm as data (null when the KPI has parts or no norm yet) and its parts' norms */
  norm: Norm | null;
  partNorms: Record<string, Norm>;
  /** the clock duration norms and case values are counted on */
  clock: ClockKind | null;
  normStatus: NormStatus;
  cadence: readonly Cadence[];
  meeting: MeetingLevel | null;
  agendaType: AgendaType | null;
  score: number | null;
  target: number | null;
  /** null: no data (never green) */
  met: boolean | null;
  n: number;
  minimumRequirement: boolean;
  /** a minimum requirement that is not met: a deviation from the contract */
  deviation: boolean;
  onAgenda: boolean;
  parts: PartResult[];
  /** every case of the period's population, in the scorer's order */
  cases: CaseResult[];
  notes: string[];
  /** the scorer says the figure may still change (e.g. T2.1 while its 5-day window is open) */
  provisional: boolean;
  /** the same KPI over the preceding periods, oldest first */
  trend: TrendPoint[];
}

/** One setting the figures depend on, stated in the report ("ownership.mode" = "continuous"). */
export interface ReportSetting {
  group: string;
  key: string;
  value: string;
}

export interface PeriodReport {
  period: Period;
  /** the contract's zone: how the report shows instants */
  zone: string;
  catalogVersion: string;
  /** the moment the report was made; later events are unknown to it */
  generatedAt: Instant;
  /** false while `generatedAt` is before the period's end: every figure may still change */
  periodComplete: boolean;
  /** the preceding periods of the trends, oldest first */
  trendPeriods: Period[];
  kpis: KpiReport[];
  /** ids of minimum requirements not met, in catalog order */
  deviations: string[];
  /** ids per meeting level: agenda `always`, or `on-deviation` and not met */
  agenda: Record<MeetingLevel, string[]>;
  settings: ReportSetting[];
  /**
   * What the KPIs miss ("green on paper, red in reality"), ranked. Always set by
   * `buildPeriodReport`; optional so that reports made elsewhere (read back from a store, made by
   * hand) need not invent one.
   */
  signals?: SignalsSection;
}
