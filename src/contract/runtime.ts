/**
 * The contract as the running tool uses it: the calendar, and the KPI definitions and clock
 * policy in force at a moment (catalog version + supplier norms + rules). Loaded once per command
 * or daemon start; every problem of the catalog or supplier norms fails the load.
 */
import type { ContractConfig } from "../config/index.js";
import { ConfigError } from "../config/index.js";
import { businessCalendar } from "../engine/calendar/index.js";
import type { BusinessCalendar } from "../engine/calendar/types.js";
import type { KpiDefinition, Period } from "../engine/kpi/types.js";
import type { ClockPolicy } from "../engine/timeline/policy.js";
import type { Instant } from "../model/instant.js";
import { type Catalog, catalogVersionAt, loadCatalog } from "./catalog.js";
import { clockPolicyFor } from "./clock-policy.js";
import { kpiDefinitionsFor } from "./definitions.js";
import { loadSupplierNorms, type SupplierNorms } from "./supplier-norms.js";
import { validateContract } from "./validate.js";

export interface ContractRuntime {
  contract: ContractConfig;
  calendar: BusinessCalendar;
  catalog: Catalog;
  supplierNorms: SupplierNorms | null;
  versionAt(at: Instant | Period): string;
  definitionsAt(at: Instant | Period): KpiDefinition[];
  /** the SLA clock norms in force at `at` (the catalog version of that moment) */
  policyAt(at: Instant | Period): ClockPolicy;
}

export async function loadContractRuntime(
  contract: ContractConfig,
  configFile: string | null,
): Promise<ContractRuntime> {
  const problems = await validateContract({
    contract,
    configFile,
    ...(contract.channels !== undefined ? { channels: contract.channels } : {}),
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const catalog = await loadCatalog(contract.catalog);
  const supplierNorms =
    contract.supplierNorms === undefined ? null : await loadSupplierNorms(contract.supplierNorms);
  const calendar = businessCalendar({ serviceWindow: contract.serviceWindow, holidays: contract.holidays });
  const definitionsAt = (at: Instant | Period) =>
    kpiDefinitionsFor(catalog, supplierNorms, contract.rules, at);
  return {
    contract,
    calendar,
    catalog,
    supplierNorms,
    versionAt: (at) => catalogVersionAt(catalog, at).version,
    definitionsAt,
    policyAt: (at) => clockPolicyFor(definitionsAt(at), contract.rules, calendar.serviceDayMs),
  };
}
