/**
 * The signals section of a period report. Pure: records, calendar, clock policy, rules and `now`
 * arrive as arguments. Reads the tickets through the report's per-ticket analysis (clocks,
 * lifecycle; computed once per report and shared with the KPIs) in one pass that serves the
 * report's period and every trend period at once (each case counts in one period), plus one
 * sweep per subject for the tickets that came back (same-subject.ts): linear in the tickets.
 */
import type { ContractRules } from "../../config/schema/contract.js";
import type { Instant } from "../../model/instant.js";
import type { BusinessCalendar } from "../calendar/types.js";
import type { TicketAnalyses } from "../kpi/tickets/analysis.js";
import { isIncident } from "../kpi/tickets/common.js";
import type { Period } from "../kpi/types.js";
import type { ClockPolicy } from "../timeline/index.js";
import { baselineOf, flagReasons, rankSignals } from "./baseline.js";
import { comebackObserver } from "./comebacks.js";
import { countedClock, type SignalContext, type TicketClocks } from "./context.js";
import { SIGNAL_DEFINITIONS } from "./definitions.js";
import type { Meter } from "./meter.js";
import { normEdgeObserver } from "./norm-edges.js";
import { pauseObserver } from "./pauses.js";
import { priorityChangeObserver } from "./priority-changes.js";
import { satisfactionObserver } from "./satisfaction.js";
import { silenceObserver } from "./silence.js";
import { periodSlots } from "./slots.js";
import type { SignalId, SignalReport, SignalsSection } from "./types.js";

export interface SignalsInput {
  /** the report's analyses of its ticket list (`createTicketAnalyses`) */
  analyses: TicketAnalyses;
  period: Period;
  /** the preceding periods the report shows trends over, oldest first: the baseline's history */
  trendPeriods: readonly Period[];
  calendar: BusinessCalendar;
  policy: ClockPolicy;
  rules: ContractRules;
  now: Instant;
}

export function computeSignals(input: SignalsInput): SignalsSection {
  const { analyses, calendar, policy, rules, now } = input;
  const slots = periodSlots(input.period, input.trendPeriods);
  const context: SignalContext = { calendar, policy, rules, settings: rules.signals, now, slots };

  const priority = priorityChangeObserver(context);
  const pauses = pauseObserver(context);
  const comebacks = comebackObserver(context, analyses);
  const satisfaction = satisfactionObserver(context);
  const silence = silenceObserver(context);
  const normEdges = normEdgeObserver(context);

  const clocks: TicketClocks = { response: null, resolution: null };
  for (let index = 0; index < analyses.tickets.length; index++) {
    const analysis = analyses.at(index);
    // Created after now: nothing of it is known yet.
    if (analysis.lifecycle === null) continue;
    const incident = isIncident(analysis.ticket);
    clocks.response = incident ? countedClock(analysis, "response", slots) : null;
    clocks.resolution = incident ? countedClock(analysis, "resolution", slots) : null;
    // One call site per observer rather than a loop over them: each stays monomorphic.
    priority.observe(analysis, index, clocks);
    pauses.observe(analysis, index, clocks);
    comebacks.observe(analysis, index, clocks);
    satisfaction.observe(analysis, index, clocks);
    silence.observe(analysis, index, clocks);
    normEdges.observe(analysis, index, clocks);
  }
  comebacks.finish();

  const meters: Record<SignalId, Meter> = {
    "downgrade-near-deadline": priority.downgrade,
    "upgrade-after-deadline": priority.upgrade,
    "pause-near-deadline": pauses.nearDeadline,
    "recurring-pauses": pauses.recurring,
    "paused-share": pauses.pausedShare,
    reopened: comebacks.reopened,
    "re-registered": comebacks.reRegistered,
    "satisfaction-gap": satisfaction.gap,
    "silent-stretches": silence.silent,
    "repeated-contacts": comebacks.repeatedContacts,
    "response-norm-edge": normEdges.edges.response,
    "resolution-norm-edge": normEdges.edges.resolution,
  };
  const signals = (Object.keys(meters) as SignalId[]).map((id) => signalReport(id, meters[id], context));
  return {
    signals: rankSignals(signals),
    minPopulation: context.settings.minPopulation,
    experience: satisfaction.table(),
    normEdges: normEdges.distributions(),
  };
}

function signalReport(id: SignalId, meter: Meter, context: SignalContext): SignalReport {
  const { settings, slots } = context;
  const definition = SIGNAL_DEFINITIONS[id];
  const { maxRise, ceiling } = settings[definition.settingsKey];
  const trend = slots.periods.slice(0, slots.report).map((_, slot) => meter.figure(slot));
  const current = meter.figure(slots.report);
  const { baseline, periods } = baselineOf(trend, settings);
  const flaggedBy = flagReasons(
    current.value,
    current.n,
    baseline,
    { maxRise, ceiling },
    settings.minPopulation,
  );
  return {
    id,
    group: definition.group,
    title: definition.title,
    definition: definition.definition(settings),
    value: current.value,
    n: current.n,
    hits: current.hits,
    baseline,
    baselinePeriods: periods,
    deviation: current.value === null || baseline === null ? null : current.value - baseline,
    maxRise,
    ceiling,
    flagged: flaggedBy.length > 0,
    flaggedBy,
    trend,
    cases: meter.cases,
    suggestedMeasure: definition.suggestedMeasure(settings),
  };
}
