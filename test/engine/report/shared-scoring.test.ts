/**
 * A report computes much once and shares it: ticket analyses, counting moments, the cases of the
 * change KPIs, positions per period, and it asks trend periods for figures only. None of that may
 * change a figure: every KPI of a report on the demo data set (seed 42, six months up to Sunday
 * 15 March 2026) must equal the same KPI scored alone, for the period and for each trend period.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { contractRulesSchema } from "../../../src/config/schema/contract.js";
import {
  clockPolicyFor,
  kpiDefinitionsFor,
  loadCatalog,
  loadSupplierNorms,
} from "../../../src/contract/index.js";
import { generateDemoRecords, STANDARD_CHANGE_LEAD_TIMES } from "../../../src/demo/index.js";
import { businessCalendar } from "../../../src/engine/calendar/index.js";
import { kpiScorers } from "../../../src/engine/kpi/scorers.js";
import type { KpiDefinition, KpiInput, KpiScore, ScoringContext } from "../../../src/engine/kpi/types.js";
import { buildPeriodReport } from "../../../src/engine/report/build.js";
import type { PeriodReport } from "../../../src/engine/report/model.js";
import { parsePeriod, precedingPeriods } from "../../../src/engine/report/period.js";
import { type CanonicalRecord, schemaByKind } from "../../../src/model/schema.js";

const ZONE = "Europe/Amsterdam";
const NOW = Date.parse("2026-03-15T12:00:00+01:00");
const period = parsePeriod("2026-Q1", ZONE);
const trendPeriods = precedingPeriods(period, 2, ZONE);
const rules = contractRulesSchema.parse({ standardChangeLeadTimes: { ...STANDARD_CHANGE_LEAD_TIMES } });
const calendar = businessCalendar({
  serviceWindow: { timezone: ZONE, days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" },
  holidays: { country: "NL", goodFriday: false, liberationDay: "lustrum" },
});

let input: KpiInput;
let definitions: KpiDefinition[];
let report: PeriodReport;
let base: Omit<ScoringContext, "period">;

const KEYS: Record<CanonicalRecord["kind"], keyof KpiInput> = {
  ticket: "tickets",
  device: "devices",
  patch: "patches",
  vulnerability: "vulnerabilities",
  outage: "outages",
  "backup-run": "backupRuns",
  "restore-test": "restoreTests",
  "eol-item": "eolItems",
  "security-exception": "securityExceptions",
  improvement: "improvements",
  evidence: "evidence",
};

beforeAll(async () => {
  const lists: Record<string, CanonicalRecord[]> = {};
  for (const key of Object.values(KEYS)) lists[key] = [];
  for (const line of generateDemoRecords({ seed: 42, now: NOW })) {
    const record = (schemaByKind[line.kind] as { parse(v: unknown): CanonicalRecord }).parse(line);
    lists[KEYS[record.kind]]?.push(record);
  }
  input = lists as unknown as KpiInput;
  const catalog = await loadCatalog("builtin:sib");
  const supplierNorms = await loadSupplierNorms("config/supplier-norms.example.yaml");
  definitions = kpiDefinitionsFor(catalog, supplierNorms, rules, period);
  const policy = clockPolicyFor(definitions, rules, calendar.serviceDayMs);
  base = { calendar, policy, rules, now: NOW };
  report = buildPeriodReport({
    period,
    definitions,
    catalogVersion: "test",
    input,
    ...base,
    trendPeriods,
  });
}, 60_000);

/** The KPI scored on its own: a fresh copy of the ticket list, so nothing computed before is shared. */
function alone(id: string, context: ScoringContext): KpiScore {
  const kpi = definitions.find((d) => d.id === id) as KpiDefinition;
  const scorer = kpiScorers[kpi.measure.rule];
  if (scorer === undefined) throw new Error(`no scorer for ${kpi.measure.rule}`);
  return scorer({ ...input, tickets: [...input.tickets] }, kpi, context);
}

const figures = (s: Pick<KpiScore, "score" | "target" | "met" | "n">) => ({
  score: s.score,
  target: s.target,
  met: s.met,
  n: s.n,
});

describe("a report's shared computations", () => {
  it("score every KPI of the period as it scores alone, cases and notes included", () => {
    expect(report.kpis.length).toBeGreaterThan(20);
    for (const kpi of report.kpis) {
      const own = alone(kpi.id, { ...base, period });
      expect({ id: kpi.id, ...figures(kpi), parts: kpi.parts, cases: kpi.cases, notes: kpi.notes }).toEqual({
        id: kpi.id,
        ...figures(own),
        parts: own.parts,
        cases: own.cases,
        notes: own.notes ?? [],
      });
    }
  });

  it("give every trend point the figures of the KPI scored alone over that period", () => {
    for (const kpi of report.kpis) {
      const trend = trendPeriods.map((p) => ({
        label: p.label,
        ...figures(alone(kpi.id, { ...base, period: p })),
      }));
      expect({ id: kpi.id, trend: kpi.trend }).toEqual({ id: kpi.id, trend });
    }
  });

  it("lose no figure when a scorer is asked for figures only", () => {
    for (const kpi of report.kpis) {
      const all = alone(kpi.id, { ...base, period });
      const only = alone(kpi.id, { ...base, period, detail: "figures" });
      expect({ id: kpi.id, ...figures(only), parts: only.parts }).toEqual({
        id: kpi.id,
        ...figures(all),
        parts: all.parts,
      });
    }
  });
});
