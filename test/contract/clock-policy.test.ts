import { describe, expect, it } from "vitest";
import { clockPolicyFor, kpiDefinitionsFor, loadCatalog } from "../../src/contract/index.js";
import type { ClockKind } from "../../src/engine/calendar/types.js";
import type { KpiDefinition } from "../../src/engine/kpi/types.js";
import type { ClockName } from "../../src/engine/timeline/policy.js";
import type { Priority } from "../../src/model/schema.js";
import { catalogOf, contractOf, normsOf, yaml } from "./helpers.js";

const catalog = await loadCatalog("builtin:sib");
const AT = Date.parse("2026-03-01T00:00:00+01:00");
const SERVICE_DAY_MS = 10 * 3_600_000; // 08:00–18:00
const NORMS = normsOf(
  yaml(
    "O1.4: {maxMinutes: 240, share: 0.95}",
    "O1.5: {maxMinutes: 480}",
    "O1.8: {maxHours: 24, share: 0.9}",
    "O1.9: {maxHours: 40}",
  ),
);
const defaults = contractOf("contract: {}");

function policyWith(
  rules = defaults.rules,
  norms: typeof NORMS | null = NORMS,
  definitions?: KpiDefinition[],
) {
  const defs = definitions ?? kpiDefinitionsFor(catalog, norms, rules, AT);
  return clockPolicyFor(defs, rules, SERVICE_DAY_MS);
}

const MIN = 60_000;
const HOUR = 60 * MIN;

describe("clockPolicyFor the built-in catalog with supplier norms", () => {
  const policy = policyWith();
  it.each<[ClockName, Priority, number | null, ClockKind | null]>([
    ["response", "P1", 15 * MIN, "clock"], // O1.2
    ["response", "P2", 60 * MIN, "business"], // O1.3
    ["response", "P3", 240 * MIN, "business"], // O1.4, supplier
    ["response", "P4", 480 * MIN, "business"], // O1.5, supplier
    ["resolution", "P1", 48 * HOUR, "clock"], // O1.6 definitive
    ["resolution", "P2", 8 * HOUR, "business"], // O1.7
    ["resolution", "P3", 24 * HOUR, "business"], // O1.8, supplier
    ["resolution", "P4", 40 * HOUR, "business"], // O1.9, supplier
    ["stabilisation", "P1", 4 * HOUR, "clock"], // O1.6 stabilisation
    ["stabilisation", "P2", null, null],
    ["containment", "P1", 4 * HOUR, "clock"], // O1.10 P1
    ["containment", "P2", 24 * HOUR, "business"], // O1.10 P2, decision 2
    ["containment", "P3", null, null],
  ])("%s %s: %s ms on %s", (clock, priority, ms, kind) => {
    const norm = policy.clocks[clock][priority];
    expect(norm === null ? [null, null] : [norm.ms, norm.clock]).toEqual([ms, kind]);
  });

  it("has no P3/P4 norms without supplier norms", () => {
    const bare = policyWith(defaults.rules, null);
    expect([bare.clocks.response.P3, bare.clocks.resolution.P4]).toEqual([null, null]);
  });

  it("takes pause reasons and the major-update cadence from the rules", () => {
    const rules = contractOf(
      "contract:",
      "  rules:",
      "    pauseReasons: {resolution: [customer, third-party], containment: []}",
      "    majorUpdates: {firstMinutes: 20, intervalMinutes: 45}",
    ).rules;
    const policy = policyWith(rules);
    expect(policy.pauseReasons).toEqual({
      response: [],
      resolution: ["customer", "third-party"],
      stabilisation: ["customer", "third-party"],
      containment: [],
    });
    expect(policy.majorUpdates).toEqual({ firstMs: 20 * MIN, intervalMs: 45 * MIN, clock: "clock" });
  });
});

describe("clockPolicyFor a user catalog", () => {
  it("turns working days into service days", () => {
    const own = catalogOf(
      yaml(
        "version: own-2026.1",
        'validFrom: "2026-01-01"',
        "kpis:",
        "  - {id: R4, goal: O1, name: {nl: Oplostijd P4, en: Resolution P4}, definition: x, measure: {rule: resolution, priority: P4},",
        "     norm: {maxWorkingDays: 2.5, share: 0.9}, clock: business, normStatus: client, minimumRequirement: false,",
        "     cadence: [monthly], meeting: operational, agenda: on-deviation}",
      ),
    );
    const definitions = kpiDefinitionsFor(own, null, defaults.rules, AT);
    const policy = policyWith(defaults.rules, null, definitions);
    expect(policy.clocks.resolution.P4).toEqual({ ms: 25 * HOUR, clock: "business" });
    // The catalog decides: no response KPI, no response norm, whatever the engine's defaults say.
    expect(policy.clocks.response.P1).toBeNull();
  });
});
