/**
 * The KPI engine's shared shapes: periods, norms, the catalog entry as the engine sees it, the
 * inputs, and results that carry their population (every case with its value, deadline and
 * verdict) so each figure can be explained. Pure types: no I/O.
 */
import type { ContractRules } from "../../config/schema/contract.js";
import type { Instant } from "../../model/instant.js";
import type {
  BackupRun,
  Device,
  EolItem,
  Evidence,
  Improvement,
  Outage,
  Patch,
  Priority,
  RestoreTest,
  SecurityException,
  Ticket,
  Vulnerability,
} from "../../model/schema.js";
import type { BusinessCalendar, ClockKind } from "../calendar/types.js";
import type { ClockPolicy } from "../timeline/policy.js";

export type PeriodKind = "month" | "quarter" | "year";

/** A reporting period [start, end) in the contract's zone; label "2026-03", "2026-Q1" or "2026". */
export interface Period {
  label: string;
  kind: PeriodKind;
  start: Instant;
  end: Instant;
}

/**
 * A norm as written in the catalog and the supplier-norms file (interfaces.md "Norms"), parsed.
 * Durations keep their unit: working days become milliseconds only with the calendar's service day.
 */
export type Norm =
  | { kind: "duration"; amount: number; unit: "minutes" | "hours" | "workingDays"; share: number }
  | { kind: "min"; value: number }
  | { kind: "max"; value: number }
  | { kind: "maxCount"; value: number };

export type NormStatus = "client" | "supplier" | "minimum+supplier" | "contract-requirement";
export type MeetingLevel = "strategic" | "tactical" | "operational";
export type AgendaType = "always" | "on-deviation";
export type Cadence = "monthly" | "quarterly" | "yearly" | "per-incident";
export type Goal = "S1" | "S2" | "T1" | "T2" | "T3" | "O1" | "O2" | "O3" | "O4" | "O5";

/**
 * Which computation scores a KPI, with its parameters. The catalog names it per KPI, so another
 * contract's catalog can reuse the same measurements under its own ids and norms.
 */
export type MeasureSpec =
  | { rule: "response"; priority: Priority } // O1.2–O1.5 (M2, M16)
  | { rule: "resolution"; priority: Priority } // O1.7–O1.9
  | { rule: "p1-resolution" } // O1.6, parts stabilisation / definitive
  | { rule: "containment" } // O1.10, parts P1 / P2
  | { rule: "major-updates" } // O1.11 (M7)
  | { rule: "proactive-feedback" } // O3.1 (M17)
  | { rule: "ownership" } // O3.2 (M8)
  | { rule: "csat" } // O3.3 (M10)
  | { rule: "first-time-fix" } // O3.4 (M9)
  | { rule: "workplace-issuance" } // O4.1 (M16)
  | { rule: "standard-change-lead-time" } // O2.1 (M19)
  | { rule: "standard-change-first-time-right" } // O2.2 (M19)
  | { rule: "change-success" } // T2.1 (M19)
  | { rule: "change-lead-time" } // T2.2 (M19)
  | { rule: "improvement-cycle" } // T2.3 (M20), parts count / currency
  | { rule: "coordination" } // T2.4 (M18)
  | { rule: "rca-timeliness" } // T2.5 (M19)
  | { rule: "backlog-age" } // T2.6 (M11), parts share / count
  | { rule: "availability"; service: "servicedesk" | "network" | "m365" } // O1.1, O4.2, O4.3 (M12)
  | { rule: "patch-compliance" } // O5.1 (M20)
  | { rule: "device-compliance" } // O5.2 (M13)
  | { rule: "security-exceptions" } // T3.1 (M20), parts complete / reviewed
  | { rule: "critical-vulnerabilities" } // T3.2 (M14)
  | { rule: "eol-signalling" } // T1.2 (M20)
  | { rule: "docs-updated" } // T1.3 (M19)
  | { rule: "backups" } // T1.4 (M20), parts backups / restore-test
  | { rule: "evidence"; window: "each-quarter" | "12-months" }; // T1.1, S2.1, S2.2 (M20)

export type MeasureRule = MeasureSpec["rule"];

/** One KPI of a catalog version, as the engine uses it (norms already merged with supplier norms). */
export interface KpiDefinition {
  id: string;
  goal: Goal;
  name: { nl: string; en: string };
  measure: MeasureSpec;
  /** the single norm, or null when the KPI has parts (then see `partNorms`) or no norm yet */
  norm: Norm | null;
  /** norms of named parts (O1.6 stabilisation/definitive, O1.10 P1/P2, T2.6 share/count, …) */
  partNorms: Record<string, Norm>;
  /** the clock on which duration norms are counted */
  clock: ClockKind | null;
  normStatus: NormStatus;
  /** true: failing it is a deviation from the contract */
  minimumRequirement: boolean;
  cadence: Cadence[];
  meeting: MeetingLevel | null;
  agenda: AgendaType | null;
}

/** Everything a KPI can be computed from: the canonical records (see canonical-model.md). */
export interface KpiInput {
  tickets: readonly Ticket[];
  devices: readonly Device[];
  patches: readonly Patch[];
  vulnerabilities: readonly Vulnerability[];
  outages: readonly Outage[];
  backupRuns: readonly BackupRun[];
  restoreTests: readonly RestoreTest[];
  eolItems: readonly EolItem[];
  securityExceptions: readonly SecurityException[];
  improvements: readonly Improvement[];
  evidence: readonly Evidence[];
}

export interface ScoringContext {
  period: Period;
  calendar: BusinessCalendar;
  /** clocks with the norms of this catalog version and supplier norms applied */
  policy: ClockPolicy;
  rules: ContractRules;
  /** the moment the report is made: what happens after it is unknown (open cases, provisional figures) */
  now: Instant;
  /**
   * "figures": the caller keeps only score, target, met, n and parts (a report's trend points),
   * so a scorer may stand each case in by its verdict and part alone (`figuresOnly` in
   * population.ts) instead of writing it out. Default "all".
   */
  detail?: "all" | "figures";
}

export type Verdict = "within" | "breached" | "excluded";

/** One member of a KPI's population, so "why is O1.3 at 91 %?" can be answered case by case. */
export interface CaseResult {
  /** ticket id, record id or natural key */
  id: string;
  source?: string;
  /** the part this case belongs to, when the KPI has parts */
  part?: string;
  /** measured value: minutes on the KPI's clock, or a score (CSAT 0–10), or null for yes/no cases */
  value: number | null;
  /** the case's deadline, when it has one */
  deadline: Instant | null;
  /** the moment its clock stopped (or the measured moment), null while still open */
  stoppedAt: Instant | null;
  verdict: Verdict;
  /** a few words when the verdict needs them ("owner gap 10:12–10:40", "exception approved in time") */
  note?: string;
}

export interface PartResult {
  name: string;
  score: number | null;
  target: number | null;
  met: boolean | null;
  n: number;
}

export interface KpiScore {
  /** ratio 0–1 for share KPIs, a count for count parts; null with no data */
  score: number | null;
  target: number | null;
  met: boolean | null;
  n: number;
  parts: PartResult[];
  cases: CaseResult[];
  /** e.g. T2.1 while its 5-working-day window is still open at `now` */
  provisional?: boolean;
  /** settings used and exclusions made, said in the report ("12 stale devices excluded") */
  notes?: string[];
}

export type KpiScorer = (input: KpiInput, kpi: KpiDefinition, context: ScoringContext) => KpiScore;
