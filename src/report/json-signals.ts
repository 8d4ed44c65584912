/**
 * The `signals` key of the report JSON (docs/signals.md): the signals in rank order with their
 * figures, baseline, thresholds, trend and cases, CSAT beside the share within norm, and the
 * norm-edge distributions. Instants carry the contract zone's offset; ratios have 4 decimals.
 */
import type { PeriodReport } from "../engine/report/model.js";
import { instantFormatter } from "../engine/report/period.js";
import type {
  ExperienceRow,
  FlagReason,
  NormEdgeClock,
  SignalGroup,
  SignalId,
  SignalReport,
} from "../engine/signals/types.js";
import { round4 } from "./format.js";

export interface JsonSignal {
  id: SignalId;
  group: SignalGroup;
  title: string;
  definition: string;
  value: number | null;
  n: number;
  hits: number;
  baseline: number | null;
  baselinePeriods: number;
  deviation: number | null;
  maxRise: number;
  ceiling: number;
  flagged: boolean;
  flaggedBy: FlagReason[];
  trend: Array<{ label: string; value: number | null; n: number }>;
  suggestedMeasure: string;
  cases: Array<{ id: string; source: string; note: string; instants: Array<{ what: string; at: string }> }>;
}

export interface JsonSignals {
  ranked: JsonSignal[];
  minPopulation: number | null;
  experience: { byPeriod: ExperienceRow[]; byPriority: ExperienceRow[]; byGroup: ExperienceRow[] };
  normEdges: Array<{
    clock: NormEdgeClock;
    priority: string;
    n: number;
    buckets: Array<{ from: number; to: number | null; count: number }>;
  }>;
}

/** Empty lists for a report made without signals (read back from a store, say). */
export function signalsJson(report: PeriodReport): JsonSignals {
  const section = report.signals;
  if (section === undefined) {
    return {
      ranked: [],
      minPopulation: null,
      experience: { byPeriod: [], byPriority: [], byGroup: [] },
      normEdges: [],
    };
  }
  const format = instantFormatter(report.zone);
  const rows = (list: readonly ExperienceRow[]) =>
    list.map((r) => ({ ...r, withinNorm: round4(r.withinNorm), satisfied: round4(r.satisfied) }));
  return {
    ranked: section.signals.map((signal) => signalJson(signal, format)),
    minPopulation: section.minPopulation,
    experience: {
      byPeriod: rows(section.experience.byPeriod),
      byPriority: rows(section.experience.byPriority),
      byGroup: rows(section.experience.byGroup),
    },
    normEdges: section.normEdges.map((d) => ({
      clock: d.clock,
      priority: d.priority,
      n: d.n,
      buckets: d.buckets.map((b) => ({ ...b })),
    })),
  };
}

function signalJson(signal: SignalReport, format: (at: number) => string): JsonSignal {
  return {
    id: signal.id,
    group: signal.group,
    title: signal.title,
    definition: signal.definition,
    value: round4(signal.value),
    n: signal.n,
    hits: signal.hits,
    baseline: round4(signal.baseline),
    baselinePeriods: signal.baselinePeriods,
    deviation: round4(signal.deviation),
    maxRise: signal.maxRise,
    ceiling: signal.ceiling,
    flagged: signal.flagged,
    flaggedBy: [...signal.flaggedBy],
    trend: signal.trend.map((t) => ({ label: t.label, value: round4(t.value), n: t.n })),
    suggestedMeasure: signal.suggestedMeasure,
    cases: signal.cases.map((c) => ({
      id: c.id,
      source: c.source,
      note: c.note,
      instants: c.instants.map((i) => ({ what: i.what, at: format(i.at) })),
    })),
  };
}
