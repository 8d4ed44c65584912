/**
 * The `report --format json` object, exactly as interfaces.md documents it: these keys in this
 * order, since users script against it, plus `signals` at the end (added, docs/signals.md).
 * Ratios are rounded to 4 decimals.
 */
import type { PeriodReport } from "../engine/report/model.js";
import { formatInstant } from "../engine/report/period.js";
import { round4 } from "./format.js";
import { type JsonSignals, signalsJson } from "./json-signals.js";

export interface JsonPart {
  name: string;
  score: number | null;
  target: number | null;
  met: boolean | null;
  n: number;
}

export interface JsonKpi {
  id: string;
  name: string;
  score: number | null;
  target: number | null;
  met: boolean | null;
  n: number;
  minimumRequirement: boolean;
  onAgenda: boolean;
  parts: JsonPart[];
}

export interface JsonReport {
  period: { label: string; start: string; end: string };
  catalogVersion: string;
  kpis: JsonKpi[];
  deviations: string[];
  agenda: { operational: string[]; tactical: string[]; strategic: string[] };
  signals: JsonSignals;
}

/** The documented object; `name` is the KPI's English name (the Dutch one is in the other formats). */
export function reportJson(report: PeriodReport): JsonReport {
  const { period, zone } = report;
  return {
    period: {
      label: period.label,
      start: formatInstant(period.start, zone),
      end: formatInstant(period.end, zone),
    },
    catalogVersion: report.catalogVersion,
    kpis: report.kpis.map((kpi) => ({
      id: kpi.id,
      name: kpi.name.en,
      score: round4(kpi.score),
      target: round4(kpi.target),
      met: kpi.met,
      n: kpi.n,
      minimumRequirement: kpi.minimumRequirement,
      onAgenda: kpi.onAgenda,
      parts: kpi.parts.map((part) => ({
        name: part.name,
        score: round4(part.score),
        target: round4(part.target),
        met: part.met,
        n: part.n,
      })),
    })),
    deviations: [...report.deviations],
    agenda: {
      operational: [...report.agenda.operational],
      tactical: [...report.agenda.tactical],
      strategic: [...report.agenda.strategic],
    },
    signals: signalsJson(report),
  };
}

/** The JSON text, two-space indented, with a final newline. */
export function renderJson(report: PeriodReport): string {
  return `${JSON.stringify(reportJson(report), null, 2)}\n`;
}
