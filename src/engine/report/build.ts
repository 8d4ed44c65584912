/**
 * The period report: every KPI the period's report holds (M15) scored over the period and over
 * the preceding periods (trend), with the contract deviations, the governance agenda and the
 * settings used. Pure: records, calendar, clock policy, rules and `now` all arrive as arguments.
 */
import type { ContractRules } from "../../config/schema/contract.js";
import type { Instant } from "../../model/instant.js";
import type { BusinessCalendar } from "../calendar/types.js";
import { kpiScorers } from "../kpi/scorers.js";
import { createTicketAnalyses, type TicketScoringContext } from "../kpi/tickets/index.js";
import type {
  KpiDefinition,
  KpiInput,
  KpiScore,
  KpiScorer,
  MeasureRule,
  Period,
  ScoringContext,
} from "../kpi/types.js";
import { computeSignals } from "../signals/compute.js";
import type { ClockPolicy } from "../timeline/policy.js";
import { agendaByLevel, isDeviation, isOnAgenda, kpisForPeriod } from "./agenda.js";
import type { KpiReport, PeriodReport, ReportSetting, TrendPoint } from "./model.js";
import { kpiNormText } from "./norm-text.js";
import { reportSettings } from "./settings.js";

export type ScorerRegistry = Readonly<Partial<Record<MeasureRule, KpiScorer>>>;

export interface BuildReportOptions {
  period: Period;
  /** the catalog version in force in the period, supplier norms merged */
  definitions: readonly KpiDefinition[];
  catalogVersion: string;
  input: KpiInput;
  calendar: BusinessCalendar;
  policy: ClockPolicy;
  rules: ContractRules;
  /** the moment the report is made */
  now: Instant;
  /** the preceding periods to show trends over, oldest first (see `precedingPeriods`) */
  trendPeriods: readonly Period[];
  /** which computation scores each measure rule; default: every scorer of the engine (`kpiScorers`) */
  scorers?: ScorerRegistry;
  /** settings only the caller knows (service window, catalog and supplier-norms files) */
  settings?: readonly ReportSetting[];
}

/**
 * Builds the report model. One set of ticket analyses (clocks, lifecycle, major-incident
 * schedule per ticket, and what scorers derive from the whole list such as counting moments)
 * is made for the report and handed to every scorer through the context with the same ticket
 * list, so each ticket is analysed once whatever the number of KPIs and trend periods; the
 * signals read the same analyses. Throws
 * when a KPI's measure rule has no scorer, or when a scorer fails (the message names the KPI
 * and period).
 */
export function buildPeriodReport(options: BuildReportOptions): PeriodReport {
  const { period, definitions, catalogVersion, input, calendar, policy, rules, now, trendPeriods } = options;
  const scorers = options.scorers ?? kpiScorers;
  // The analyses depend on calendar, policy and now only: the same for every period and KPI.
  const ticketAnalyses = createTicketAnalyses(input.tickets, { calendar, policy, now });
  const contextFor = (p: Period, detail: "all" | "figures" = "all"): TicketScoringContext => ({
    period: p,
    calendar,
    policy,
    rules,
    now,
    ticketAnalyses,
    detail,
  });
  const kpis = kpisForPeriod(definitions, period.kind).map((definition) => {
    const scorer = scorerFor(scorers, definition);
    const score = runScorer(scorer, input, definition, contextFor(period));
    // A trend point keeps the figures only: scorers need not write out the cases (see `detail`).
    const trend = trendPeriods.map((p) =>
      trendPoint(p, runScorer(scorer, input, definition, contextFor(p, "figures"))),
    );
    return kpiReport(definition, score, trend);
  });
  return {
    period,
    zone: calendar.zone,
    catalogVersion,
    generatedAt: now,
    periodComplete: now >= period.end,
    trendPeriods: [...trendPeriods],
    kpis,
    deviations: kpis.filter((kpi) => kpi.deviation).map((kpi) => kpi.id),
    agenda: agendaByLevel(kpis),
    settings: reportSettings({
      period,
      calendar,
      policy,
      rules,
      catalogVersion,
      extra: options.settings ?? [],
    }),
    // After the KPIs, which have computed the clocks the signals read from the same analyses.
    signals: computeSignals({ analyses: ticketAnalyses, period, trendPeriods, calendar, policy, rules, now }),
  };
}

function kpiReport(definition: KpiDefinition, score: KpiScore, trend: TrendPoint[]): KpiReport {
  return {
    id: definition.id,
    goal: definition.goal,
    name: definition.name,
    normText: kpiNormText(definition),
    norm: definition.norm,
    partNorms: definition.partNorms,
    clock: definition.clock,
    normStatus: definition.normStatus,
    cadence: definition.cadence,
    meeting: definition.meeting,
    agendaType: definition.agenda,
    score: score.score,
    target: score.target,
    met: score.met,
    n: score.n,
    minimumRequirement: definition.minimumRequirement,
    deviation: isDeviation(definition.minimumRequirement, score.met),
    onAgenda: isOnAgenda(definition.agenda, definition.meeting, score.met),
    parts: score.parts,
    cases: score.cases,
    notes: score.notes ?? [],
    provisional: score.provisional === true,
    trend,
  };
}

function trendPoint(period: Period, score: KpiScore): TrendPoint {
  // Only the figures are kept: the cases of earlier periods would only cost memory.
  return { label: period.label, score: score.score, target: score.target, met: score.met, n: score.n };
}

function scorerFor(scorers: ScorerRegistry, definition: KpiDefinition): KpiScorer {
  const scorer = scorers[definition.measure.rule];
  if (scorer === undefined) {
    throw new Error(`KPI ${definition.id}: no scorer for measure rule "${definition.measure.rule}"`);
  }
  return scorer;
}

function runScorer(
  scorer: KpiScorer,
  input: KpiInput,
  definition: KpiDefinition,
  context: ScoringContext,
): KpiScore {
  try {
    return scorer(input, definition, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`KPI ${definition.id}, period ${context.period.label}: ${message}`, { cause: error });
  }
}
