/**
 * The demo's "green on paper, red in reality" story (src/demo/signal-patterns.ts): the running
 * month's report flags the seeded patterns against the months before, and the patterns sit in
 * the running month whenever it leaves room for them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { contractRulesSchema } from "../../src/config/schema/contract.js";
import {
  clockPolicyFor,
  kpiDefinitionsFor,
  loadCatalog,
  loadSupplierNorms,
} from "../../src/contract/index.js";
import { STANDARD_CHANGE_LEAD_TIMES } from "../../src/demo/index.js";
import { createRng } from "../../src/demo/rng.js";
import { signalPatternSpecs } from "../../src/demo/signal-patterns.js";
import { demoWindow } from "../../src/demo/window.js";
import { businessCalendar } from "../../src/engine/calendar/index.js";
import type { KpiInput } from "../../src/engine/kpi/types.js";
import { buildPeriodReport } from "../../src/engine/report/build.js";
import type { PeriodReport } from "../../src/engine/report/model.js";
import { parsePeriod, precedingPeriods } from "../../src/engine/report/period.js";
import type { SignalId } from "../../src/engine/signals/types.js";
import { ticketRecord } from "../../src/model/schema.js";
import { demoData, NOW_MS, ofKind } from "./fixture.js";

const ZONE = "Europe/Amsterdam";
let report: PeriodReport;

beforeAll(async () => {
  const tickets = ofKind(demoData().records, "ticket").map((t) => ticketRecord.parse(t));
  const input: KpiInput = {
    tickets,
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
  const period = parsePeriod("2026-03", ZONE);
  const rules = contractRulesSchema.parse({ standardChangeLeadTimes: { ...STANDARD_CHANGE_LEAD_TIMES } });
  const calendar = businessCalendar({ holidays: { country: "NL" } });
  const definitions = kpiDefinitionsFor(
    await loadCatalog("builtin:sib"),
    await loadSupplierNorms("config/supplier-norms.example.yaml"),
    rules,
    period,
  );
  report = buildPeriodReport({
    period,
    definitions,
    catalogVersion: "demo",
    input,
    calendar,
    policy: clockPolicyFor(definitions, rules, calendar.serviceDayMs),
    rules,
    now: NOW_MS,
    trendPeriods: precedingPeriods(period, 6, ZONE),
  });
}, 60_000);

const signal = (id: SignalId) => report.signals?.signals.find((s) => s.id === id);

describe("the demo month's signals (seed 42, up to Sunday 15 March 2026)", () => {
  it.each([
    ["downgrade-near-deadline", 6],
    ["pause-near-deadline", 5],
    ["re-registered", 6],
    ["repeated-contacts", 4],
    ["recurring-pauses", 5],
    ["resolution-norm-edge", 10],
  ] as const)("flags %s against its baseline, with at least the %i seeded cases", (id, seeded) => {
    const found = signal(id);
    expect(found?.flaggedBy).toContain("baseline");
    expect(found?.hits).toBeGreaterThanOrEqual(seeded);
    expect(found?.cases).toHaveLength(found?.hits ?? -1);
    expect(found?.baselinePeriods).toBeGreaterThanOrEqual(5);
  });

  it("ranks the flagged signals first", () => {
    const flags = report.signals?.signals.map((s) => s.flagged) ?? [];
    expect(flags.indexOf(false)).toBeGreaterThanOrEqual(6);
    expect(flags.slice(flags.indexOf(false))).not.toContain(true);
  });

  it("leaves the seeded patterns out of the months before (their baselines stay low)", () => {
    for (const id of [
      "pause-near-deadline",
      "re-registered",
      "repeated-contacts",
      "recurring-pauses",
    ] as const) {
      expect(signal(id)?.baseline).toBeLessThan(0.005);
    }
  });
});

describe("signalPatternSpecs", () => {
  const datesFor = (now: string) => {
    const w = demoWindow(Date.parse(now), 6);
    return signalPatternSpecs(w, createRng(1)).map((s) => new Date(s.createdAt).toISOString().slice(0, 10));
  };

  it("creates the patterns in the running month, five working days before now at the latest", () => {
    const dates = datesFor("2026-03-15T12:00:00+01:00");
    expect(dates.length).toBeGreaterThan(40);
    expect(dates.every((d) => d >= "2026-03-02" && d <= "2026-03-09")).toBe(true);
  });

  it("early in a month, when there is no room, in the working days before", () => {
    const dates = datesFor("2026-03-04T10:00:00+01:00");
    expect(dates.every((d) => d >= "2026-02-09" && d <= "2026-02-25")).toBe(true);
  });
});

describe("titles", () => {
  const tickets = ofKind(demoData().records, "ticket");
  const ROOM = / \((UTR|AMF|ZWL|DHG) \d\.\d{2}\)$/;

  it("name the caller's room, so that unrelated tickets do not look like one caller coming back", () => {
    const incidents = tickets.filter((t) => t.type === "incident" && t.priority !== "P1");
    const withRoom = incidents.filter((t) => ROOM.test(t.title ?? ""));
    expect(withRoom.length / incidents.length).toBeGreaterThan(0.95);
  });

  it("leave broad-impact P1s and changes as they were", () => {
    const plain = tickets.filter(
      (t) => t.priority === "P1" || t.type === "change" || t.type === "standard-change",
    );
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.filter((t) => ROOM.test(t.title ?? ""))).toEqual([]);
  });
});
