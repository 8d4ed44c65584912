import { parseConfigText } from "../../src/config/index.js";
import type { ContractConfig } from "../../src/config/schema/contract.js";
import {
  type Catalog,
  parseCatalogText,
  parseSupplierNormsText,
  type SupplierNorms,
} from "../../src/contract/index.js";

export const CATALOG_FILE = "/srv/contract/catalog.yaml";
export const NORMS_FILE = "/srv/contract/supplier-norms.yaml";

/** Lines joined with "\n", so a test's line numbers can be read off the array. */
export function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

/** A catalog that must parse without problems. */
export function catalogOf(text: string): Catalog {
  const { catalog, problems } = parseCatalogText(text, CATALOG_FILE);
  if (catalog === null || problems.length > 0)
    throw new Error(`catalog problems: ${JSON.stringify(problems)}`);
  return catalog;
}

export function normsOf(text: string): SupplierNorms {
  const { supplierNorms, problems } = parseSupplierNormsText(text, NORMS_FILE);
  if (supplierNorms === null || problems.length > 0)
    throw new Error(`norm problems: ${JSON.stringify(problems)}`);
  return supplierNorms;
}

/** The `contract` section of a config text, parsed by the real config loader. */
export function contractOf(...lines: string[]): ContractConfig {
  return parseConfigText(yaml(...lines), "/etc/sla-sentinel/config.yaml", {}).contract;
}

/** A small catalog: header lines, then KPI entries (each a list of lines), then `changes`. */
export function smallCatalog(options: { kpis?: string[][]; changes?: string[] } = {}): string {
  const kpis = options.kpis ?? [O33, O14];
  return yaml(
    "version: test-2026.1",
    'validFrom: "2026-01-01"',
    "kpis:",
    ...kpis.flat(),
    ...(options.changes === undefined ? [] : ["changes:", ...options.changes]),
  );
}

export const O33 = [
  "  - id: O3.3",
  "    goal: O3",
  "    name: {nl: Klanttevredenheid (CSAT), en: CSAT}",
  "    definition: score 7/10 of hoger",
  "    measure: {rule: csat}",
  "    norm: {min: 0.75}",
  "    normStatus: minimum+supplier",
  "    minimumRequirement: true",
  "    cadence: [monthly]",
  "    meeting: operational",
  "    agenda: on-deviation",
];

export const O14 = [
  "  - id: O1.4",
  "    goal: O1",
  "    name: {nl: First response P3, en: First response P3}",
  "    definition: Melding → eerste inhoudelijke reactie",
  "    measure: {rule: response, priority: P3}",
  "    clock: business",
  "    normStatus: supplier",
  "    minimumRequirement: false",
  "    cadence: [monthly]",
  "    meeting: operational",
  "    agenda: on-deviation",
];

/** A consent block for a change, both parties. */
export const CONSENT = [
  "    consent:",
  '      client: {by: "J. Jansen (SIB)", at: "2026-11-20"}',
  '      supplier: {by: "A. de Vries (supplier)", at: "2026-11-22"}',
];
