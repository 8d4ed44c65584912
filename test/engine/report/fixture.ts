/**
 * A small hand-made contract for the report suites: a dozen KPIs across the goals, scored by
 * stub scorers that return preset figures per KPI and period label, so every expected value in
 * the report (deviations, agenda, trends) can be checked by eye.
 */
import { contractRulesSchema } from "../../../src/config/schema/contract.js";
import { businessCalendar } from "../../../src/engine/calendar/index.js";
import type {
  CaseResult,
  KpiDefinition,
  KpiInput,
  KpiScore,
  KpiScorer,
  MeasureRule,
  MeasureSpec,
  PartResult,
} from "../../../src/engine/kpi/types.js";
import { buildPeriodReport, type ScorerRegistry } from "../../../src/engine/report/build.js";
import type { PeriodReport } from "../../../src/engine/report/model.js";
import { parsePeriod, precedingPeriods } from "../../../src/engine/report/period.js";
import { DEFAULT_CLOCK_POLICY } from "../../../src/engine/timeline/policy.js";

export const ZONE = "Europe/Amsterdam";
export const calendar = businessCalendar({});
export const rules = contractRulesSchema.parse({});
export const policy = DEFAULT_CLOCK_POLICY;

export const EMPTY_INPUT: KpiInput = {
  tickets: [],
  devices: [],
  patches: [],
  vulnerabilities: [],
  outages: [],
  backupRuns: [],
  restoreTests: [],
  eolItems: [],
  securityExceptions: [],
  improvements: [],
  evidence: [],
};

type DefinitionFields = Partial<Omit<KpiDefinition, "id" | "name" | "measure">> & {
  measure?: MeasureSpec;
};

/** A KPI definition; unspecified fields are those of a monthly, operational, on-deviation share KPI. */
export function definition(id: string, en: string, nl: string, fields: DefinitionFields = {}): KpiDefinition {
  return {
    id,
    goal: (id.split(".")[0] ?? "O1") as KpiDefinition["goal"],
    name: { en, nl },
    measure: fields.measure ?? { rule: "csat" },
    norm: { kind: "min", value: 0.95 },
    partNorms: {},
    clock: null,
    normStatus: "client",
    minimumRequirement: true,
    cadence: ["monthly"],
    meeting: "operational",
    agenda: "on-deviation",
    ...fields,
  };
}

export const DEFINITIONS: KpiDefinition[] = [
  definition("S2.1", "Sustainability statement current", "Actuele duurzaamheidsverklaring", {
    measure: { rule: "evidence", window: "12-months" },
    norm: { kind: "min", value: 1 },
    minimumRequirement: false,
    cadence: ["yearly"],
    meeting: "strategic",
    agenda: "always",
  }),
  definition("T1.2", "End-of-support signalled in time", "Tijdige signalering end-of-support", {
    measure: { rule: "eol-signalling" },
    norm: { kind: "min", value: 0.9 },
    cadence: ["quarterly"],
    meeting: "tactical",
    agenda: "always",
  }),
  definition("T2.1", "Changes without rollback", "Wijzigingen zonder terugdraaien", {
    measure: { rule: "change-success" },
    cadence: ["quarterly"],
    meeting: "tactical",
  }),
  definition("T2.6", "Backlog older than 10 working days", "Werkvoorraad ouder dan 10 werkdagen", {
    measure: { rule: "backlog-age" },
    norm: null,
    partNorms: { share: { kind: "max", value: 0.05 }, count: { kind: "maxCount", value: 20 } },
  }),
  definition("O1.2", "First response P1", "Eerste inhoudelijke reactie P1", {
    measure: { rule: "response", priority: "P1" },
    norm: { kind: "duration", amount: 15, unit: "minutes", share: 0.95 },
    clock: "clock",
  }),
  definition("O1.3", "First response P2", "Eerste inhoudelijke reactie P2", {
    measure: { rule: "response", priority: "P2" },
    norm: { kind: "duration", amount: 1, unit: "hours", share: 0.95 },
    clock: "business",
  }),
  definition("O1.4", "First response P3", "Eerste inhoudelijke reactie P3", {
    measure: { rule: "response", priority: "P3" },
    norm: { kind: "duration", amount: 4, unit: "hours", share: 0.9 },
    clock: "business",
    normStatus: "supplier",
    minimumRequirement: false,
  }),
  definition("O1.11", "Major-incident updates", "Updates bij major incidents", {
    measure: { rule: "major-updates" },
    norm: { kind: "min", value: 1 },
    cadence: [],
    meeting: null,
    agenda: null,
    normStatus: "contract-requirement",
  }),
  definition("O3.3", "Customer satisfaction <7/10>", 'Klanttevredenheid & "CSAT"', {
    measure: { rule: "csat" },
    norm: { kind: "min", value: 0.75 },
    normStatus: "minimum+supplier",
  }),
  definition("O4.2", "Network availability per location", "Beschikbaarheid netwerk per locatie", {
    measure: { rule: "availability", service: "network" },
    norm: null,
    partNorms: { Utrecht: { kind: "min", value: 0.99 }, Zwolle: { kind: "min", value: 0.99 } },
  }),
  definition("O5.2", "Compliant devices", "Compliant apparaten", {
    measure: { rule: "device-compliance" },
  }),
];

type Figures = Omit<KpiScore, "cases" | "parts"> & { parts?: PartResult[]; cases?: CaseResult[] };

const part = (
  name: string,
  score: number | null,
  target: number,
  met: boolean | null,
  n: number,
): PartResult => ({
  name,
  score,
  target,
  met,
  n,
});

const breach = (id: string, value: number, note?: string): CaseResult => ({
  id,
  source: "topdesk",
  value,
  deadline: Date.parse("2026-03-10T09:15:00+01:00"),
  stoppedAt: Date.parse("2026-03-10T10:02:00+01:00"),
  verdict: "breached",
  ...(note === undefined ? {} : { note }),
});

/** Figures per KPI id and period label; a period not listed has no data. */
export const FIGURES: Record<string, Record<string, Figures>> = {
  "S2.1": { "2026-03": { score: 1, target: 1, met: true, n: 1 } },
  "T1.2": { "2026-03": { score: 0.8, target: 0.9, met: false, n: 10 } },
  "T2.1": { "2026-03": { score: 1, target: 0.95, met: true, n: 4, provisional: true } },
  "T2.6": {
    "2026-03": {
      score: 0.04,
      target: 0.05,
      met: false,
      n: 600,
      parts: [part("share", 0.04, 0.05, true, 600), part("count", 24, 20, false, 600)],
    },
    "2026-02": {
      score: 0.03,
      target: 0.05,
      met: true,
      n: 580,
      parts: [part("share", 0.03, 0.05, true, 580), part("count", 17, 20, true, 580)],
    },
  },
  "O1.2": {
    "2025-12": { score: 1, target: 0.95, met: true, n: 3 },
    "2026-01": { score: 0.9, target: 0.95, met: false, n: 10 },
    "2026-02": { score: 1, target: 0.95, met: true, n: 5 },
    "2026-03": {
      score: 29 / 30,
      target: 0.95,
      met: true,
      n: 30,
      cases: [breach("I-2603-001", 47, "first reply was an <auto> mail & a note")],
    },
  },
  "O1.3": {
    "2026-02": { score: 0.97, target: 0.95, met: true, n: 100 },
    "2026-03": {
      score: 0.91,
      target: 0.95,
      met: false,
      n: 100,
      cases: [breach('=HYPERLINK("x")', 75), breach("I-2603-<b>bold</b>", 180)],
    },
  },
  "O1.4": {},
  "O1.11": { "2026-03": { score: 1, target: 1, met: true, n: 2 } },
  "O3.3": {
    "2026-01": { score: 0.81, target: 0.75, met: true, n: 50 },
    "2026-03": {
      score: 0.8,
      target: 0.75,
      met: true,
      n: 60,
      notes: ["ratings on a 1–5 scale mapped to 0–10"],
    },
  },
  "O4.2": {
    "2026-03": {
      score: 0.985,
      target: 0.99,
      met: false,
      n: 2,
      parts: [part("Utrecht", 0.999, 0.99, true, 1), part("Zwolle", 0.985, 0.99, false, 1)],
    },
  },
  "O5.2": {
    "2026-03": { score: 0.97, target: 0.95, met: true, n: 400, notes: ["12 stale devices excluded"] },
  },
};

const stubScorer: KpiScorer = (_input, kpi, context) => {
  const figures = FIGURES[kpi.id]?.[context.period.label];
  if (figures === undefined) return { score: null, target: null, met: null, n: 0, parts: [], cases: [] };
  return { parts: [], cases: [], ...figures };
};

/** The same stub for every rule: figures are looked up by KPI id. */
export const STUB_SCORERS: ScorerRegistry = Object.fromEntries(
  [...new Set(DEFINITIONS.map((d) => d.measure.rule))].map((rule): [MeasureRule, KpiScorer] => [
    rule,
    stubScorer,
  ]),
);

export const NOW = Date.parse("2026-04-02T08:00:00+02:00");

/** The fixture report of a period ("2026-03" by default) with three trend periods. */
export function fixtureReport(label = "2026-03", trendCount = 3): PeriodReport {
  const period = parsePeriod(label, ZONE);
  return buildPeriodReport({
    period,
    definitions: DEFINITIONS,
    catalogVersion: "sib-2026.1",
    input: EMPTY_INPUT,
    calendar,
    policy,
    rules,
    now: NOW,
    trendPeriods: precedingPeriods(period, trendCount, ZONE),
    scorers: STUB_SCORERS,
    settings: [{ group: "contract", key: "catalog", value: "builtin:sib" }],
  });
}
