/**
 * The KPIs as the engine scores them: the catalog version in force, with the supplier norms
 * merged in and decision 1's target share applied to durations written without a percentage.
 * Assumes a validated catalog and supplier norms (`validateContract`); it does not re-check them.
 */
import type { ContractRules } from "../config/schema/contract.js";
import type { KpiDefinition, Norm, Period } from "../engine/kpi/types.js";
import type { Instant } from "../model/instant.js";
import { type Catalog, catalogVersionAt } from "./catalog.js";
import { type NormSpec, toNorm } from "./norm.js";
import type { SupplierNorms } from "./supplier-norms.js";
import { type CatalogKpi, type CatalogVersion, isSupplierNormed } from "./versions.js";

/**
 * @example kpiDefinitionsFor(catalog, supplierNorms, config.contract.rules, period) // O1.4 carries the tendered norm
 */
export function kpiDefinitionsFor(
  catalog: Catalog,
  supplierNorms: SupplierNorms | null,
  rules: Pick<ContractRules, "targetShareWithoutPercentage">,
  at: Instant | Period,
): KpiDefinition[] {
  return definitionsOf(catalogVersionAt(catalog, at), supplierNorms, rules);
}

/** The same for a given version (every version is validated the same way). */
export function definitionsOf(
  version: CatalogVersion,
  supplierNorms: SupplierNorms | null,
  rules: Pick<ContractRules, "targetShareWithoutPercentage">,
): KpiDefinition[] {
  const share = rules.targetShareWithoutPercentage;
  return version.kpis.map((kpi) => {
    const { norm, parts } = normsInForce(kpi, supplierNorms);
    return {
      id: kpi.id,
      goal: kpi.goal,
      name: { ...kpi.name },
      measure: kpi.measure,
      norm: norm === null ? null : toNorm(norm, share),
      partNorms: Object.fromEntries(
        Object.entries(parts).map(([name, n]): [string, Norm] => [name, toNorm(n, share)]),
      ),
      // by-priority (O1.10): no single clock; the clock policy runs P1 on the clock, P2–P4 on business hours.
      clock: kpi.clock === "clock" || kpi.clock === "business" ? kpi.clock : null,
      normStatus: kpi.normStatus,
      minimumRequirement: kpi.minimumRequirement,
      cadence: [...kpi.cadence],
      meeting: kpi.meeting,
      agenda: kpi.agenda,
    };
  });
}

/**
 * The norm in force: a recorded change's norm wins; otherwise for `supplier` and
 * `minimum+supplier` KPIs the supplier's tendered norm (the floor where none was tendered);
 * otherwise the catalog's. A supplier KPI without any norm has `norm: null` ("no norm set").
 */
export function normsInForce(
  kpi: CatalogKpi,
  supplierNorms: SupplierNorms | null,
): { norm: NormSpec | null; parts: Record<string, NormSpec> } {
  const tendered = isSupplierNormed(kpi) ? supplierNorms?.norms[kpi.id] : undefined;
  if (tendered !== undefined && kpi.parts === undefined) return { norm: tendered, parts: {} };
  return { norm: kpi.norm ?? null, parts: { ...kpi.parts } };
}
