/**
 * A small March 2026 report written by hand, with the awkward text chat must escape: four KPIs,
 * one met, one missed minimum requirement (a contract deviation, on the agenda), one missed norm
 * that is not a minimum requirement, one without data; a standing agenda item.
 */
import type { KpiReport, PeriodReport } from "../../../src/engine/report/model.js";

export const MARCH = {
  label: "2026-03",
  kind: "month" as const,
  start: Date.parse("2026-03-01T00:00:00+01:00"),
  end: Date.parse("2026-04-01T00:00:00+02:00"),
};

function kpi(id: string, fields: Partial<KpiReport>): KpiReport {
  return {
    id,
    goal: "O1",
    name: { nl: id, en: id },
    normText: "≥ 95 %",
    norm: { kind: "min", value: 0.95 },
    partNorms: {},
    clock: null,
    normStatus: "client",
    cadence: ["monthly"],
    meeting: "operational",
    agendaType: "on-deviation",
    score: 0.97,
    target: 0.95,
    met: true,
    n: 40,
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

export function marchReport(overrides: Partial<PeriodReport> = {}): PeriodReport {
  return {
    period: MARCH,
    zone: "Europe/Amsterdam",
    catalogVersion: "sib-2026.1",
    generatedAt: Date.parse("2026-04-01T06:00:00+02:00"),
    periodComplete: true,
    trendPeriods: [],
    kpis: [
      kpi("O1.1", { name: { nl: "Reactietijd", en: "Response time" } }),
      kpi("O1.3", {
        name: { nl: "Oplossen <P2> & <P3>", en: "Resolution <P2> & <P3>" },
        score: 0.9,
        met: false,
        minimumRequirement: true,
        deviation: true,
        onAgenda: true,
        notes: ["3 tickets <reopened> & counted once", "second note", "third note, not shown"],
      }),
      kpi("O2.1", {
        name: { nl: "Wijzigingen", en: "Standard changes" },
        score: 0.8,
        met: false,
        meeting: "tactical",
      }),
      kpi("T2.3", {
        name: { nl: "Verbeteracties", en: "Improvement items" },
        normText: "at least 5",
        norm: { kind: "min", value: 5 },
        score: null,
        met: null,
        n: 0,
        meeting: "tactical",
        agendaType: "always",
        onAgenda: true,
      }),
    ],
    deviations: ["O1.3"],
    agenda: { operational: ["O1.3"], tactical: ["T2.3"], strategic: [] },
    settings: [],
    ...overrides,
  };
}
