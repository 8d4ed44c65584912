/**
 * Hand-made period reports for the BI-table suites: four KPIs that cover a duration KPI with
 * cases, a KPI with parts (one a count), a count KPI and a KPI without data, and a signals section
 * with a flagged, a quiet and a verdict-less signal, so every column of the tables gets a value
 * that can be checked by eye.
 */
import type { CaseResult } from "../../src/engine/kpi/types.js";
import type { KpiReport, PeriodReport } from "../../src/engine/report/model.js";
import type { SignalsSection } from "../../src/engine/signals/types.js";
import { signal } from "../engine/signals/helpers.js";

export { signal };

export const AMS_MARCH = {
  label: "2026-03",
  kind: "month",
  start: Date.parse("2026-03-01T00:00:00+01:00"),
  end: Date.parse("2026-04-01T00:00:00+02:00"),
} as const;

export const GENERATED_AT = Date.parse("2026-04-02T06:00:00Z");

export function kpi(fields: Partial<KpiReport> & Pick<KpiReport, "id">): KpiReport {
  return {
    goal: "O1",
    name: { en: `${fields.id} en`, nl: `${fields.id} nl` },
    normText: "≥ 95 %",
    norm: { kind: "min", value: 0.95 },
    partNorms: {},
    clock: null,
    normStatus: "client",
    cadence: ["monthly"],
    meeting: "operational",
    agendaType: "on-deviation",
    score: null,
    target: null,
    met: null,
    n: 0,
    minimumRequirement: false,
    deviation: false,
    onAgenda: false,
    parts: [],
    cases: [],
    notes: [],
    provisional: false,
    trend: [],
    ...fields,
  };
}

const within: CaseResult = {
  id: "I-1",
  source: "topdesk",
  value: 30,
  deadline: Date.parse("2026-03-03T10:00:00Z"),
  stoppedAt: Date.parse("2026-03-03T09:30:00Z"),
  verdict: "within",
};

const breached: CaseResult = {
  id: "I-2",
  source: "topdesk",
  value: 180.5,
  deadline: Date.parse("2026-03-04T10:00:00Z"),
  stoppedAt: Date.parse("2026-03-04T12:00:00.250Z"),
  verdict: "breached",
  note: "first reply was an 'auto' mail",
};

/**
 * Ranked as the engine ranks (flagged first), which is not the ids' text order; the norm edges
 * list response before resolution, which text order would not either.
 */
export function smallSignals(): SignalsSection {
  return {
    signals: [
      signal({
        id: "reopened",
        title: "Resolved, then reopened",
        definition: "tickets finally resolved in the period that were reopened",
        value: 0.125,
        n: 40,
        hits: 5,
        baseline: 0.03,
        baselinePeriods: 6,
        deviation: 0.095,
        maxRise: 0.02,
        ceiling: 0.08,
        flagged: true,
        flaggedBy: ["baseline", "ceiling"],
        trend: [{ label: "2026-02", value: 0.03, n: 33, hits: 1 }],
        cases: [
          {
            id: "I-7",
            source: "topdesk",
            note: "reopened once, resolved again on 6 March",
            instants: [
              { what: "resolved", at: Date.parse("2026-03-03T10:00:00Z") },
              { what: "reopened", at: Date.parse("2026-03-04T08:15:00Z") },
              { what: "resolved", at: Date.parse("2026-03-06T16:00:00.500Z") },
            ],
          },
          { id: "I-8", source: "jsm", note: "reopened, 'no' instants", instants: [] },
        ],
        suggestedMeasure: "resolution time up to the final resolution",
      }),
      signal({
        id: "downgrade-near-deadline",
        value: 0.01,
        n: 100,
        hits: 1,
        baseline: 0.0125,
        baselinePeriods: 3,
        deviation: -0.0025,
        cases: [
          {
            id: "I-3",
            source: "topdesk",
            note: "P2 → P3 10 min before the P2 deadline",
            instants: [
              { what: "lowered", at: Date.parse("2026-03-10T15:50:00Z") },
              { what: "P2 deadline", at: Date.parse("2026-03-10T16:00:00Z") },
            ],
          },
        ],
      }),
      // 4 cases, fewer than minPopulation: a value without a verdict
      signal({
        id: "satisfaction-gap",
        group: "experience",
        value: -0.25,
        n: 4,
        hits: 1,
        maxRise: 0.1,
        ceiling: 0.2,
      }),
    ],
    minPopulation: 20,
    experience: {
      byPeriod: [{ key: "2026-03", n: 4, withinNorm: 0.75, satisfied: 1 }],
      byPriority: [{ key: "P2", n: 4, withinNorm: 0.75, satisfied: 1 }],
      byGroup: [{ key: "servicedesk", n: 4, withinNorm: 0.75, satisfied: 1 }],
    },
    normEdges: [
      {
        clock: "response",
        priority: "P2",
        n: 4,
        buckets: [
          { from: 0, to: 0.9, count: 1 },
          { from: 0.9, to: 1, count: 3 },
          { from: 1, to: null, count: 0 },
        ],
      },
      {
        clock: "resolution",
        priority: "P1",
        n: 2,
        buckets: [
          { from: 0, to: 0.9, count: 0 },
          { from: 0.9, to: 1, count: 1 },
          { from: 1, to: null, count: 1 },
        ],
      },
    ],
  };
}

/** The March 2026 report (Europe/Amsterdam) with `smallSignals()`; `overrides` replace top-level fields. */
export function smallReport(overrides: Partial<PeriodReport> = {}): PeriodReport {
  return {
    period: { ...AMS_MARCH },
    zone: "Europe/Amsterdam",
    catalogVersion: "sib-2026.1",
    generatedAt: GENERATED_AT,
    periodComplete: true,
    trendPeriods: [],
    kpis: [
      kpi({
        id: "O1.3",
        name: { en: "First response P2", nl: "Eerste inhoudelijke reactie P2" },
        normText: "≤ 1 h (business hours) in 95 %",
        norm: { kind: "duration", amount: 1, unit: "hours", share: 0.95 },
        clock: "business",
        score: 0.5,
        target: 0.95,
        met: false,
        n: 2,
        minimumRequirement: true,
        deviation: true,
        onAgenda: true,
        cases: [within, breached],
      }),
      kpi({
        id: "T2.6",
        goal: "T2",
        normText: "share: ≤ 5 %; count: at most 20",
        norm: null,
        partNorms: { share: { kind: "max", value: 0.05 }, count: { kind: "maxCount", value: 20 } },
        meeting: "tactical",
        score: 0.04,
        target: 0.05,
        met: false,
        n: 600,
        provisional: true,
        parts: [
          { name: "share", score: 0.04, target: 0.05, met: true, n: 600 },
          { name: "count", score: 24, target: 20, met: false, n: 600 },
        ],
        cases: [
          { id: "I-9", part: "count", value: null, deadline: null, stoppedAt: null, verdict: "breached" },
        ],
      }),
      kpi({
        id: "T2.3",
        goal: "T2",
        normText: "at least 5",
        norm: { kind: "min", value: 5 },
        meeting: null,
        agendaType: null,
        score: 6,
        target: 5,
        met: true,
        n: 6,
      }),
      kpi({ id: "O1.5" }),
    ],
    deviations: ["O1.3"],
    agenda: { operational: ["O1.3"], tactical: ["T2.6"], strategic: [] },
    settings: [],
    signals: smallSignals(),
    ...overrides,
  };
}

/** A report with one KPI of `count` cases (every tenth breached), for bulk writes. */
export function manyCasesReport(count: number, overrides: Partial<PeriodReport> = {}): PeriodReport {
  const base = Date.parse("2026-03-02T08:00:00Z");
  const cases = Array.from(
    { length: count },
    (_, i): CaseResult => ({
      id: `I-${i}`,
      source: i % 2 === 0 ? "topdesk" : "jsm",
      value: i % 7,
      deadline: base + i * 60_000,
      stoppedAt: i % 3 === 0 ? null : base + i * 60_000 + 1,
      verdict: i % 10 === 0 ? "breached" : "within",
      ...(i % 5 === 0 && { note: `note "${i}", with \\ and {braces}` }),
    }),
  );
  return smallReport({
    kpis: [kpi({ id: "O1.4", score: 0.9, target: 0.9, met: true, n: count, cases })],
    ...overrides,
  });
}
