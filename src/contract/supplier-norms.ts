/**
 * Supplier norms (appendix 12b): the norms the supplier tendered for the KPIs whose status is
 * `supplier` or `minimum+supplier`, in a file mapping KPI ids to norms. Appendix 12a §2: a
 * supplier norm must equal or beat the client's threshold; anything else is rejected, naming
 * the KPI and both values.
 */
import { z } from "zod";
import { ConfigError, type ConfigProblem } from "../config/problems.js";
import type { PathSegment } from "../config/yaml-path.js";
import type { Catalog } from "./catalog.js";
import { NORM_SHAPES } from "./catalog-checks.js";
import { compareNorms, formatNorm, type NormSpec, normSchema, sameNorm } from "./norm.js";
import {
  fixedSite,
  type ParsedYamlFile,
  type ProblemSite,
  parseWith,
  parseYamlFile,
  readYamlFile,
  schemaProblems,
} from "./problem-site.js";
import type { CatalogKpi } from "./versions.js";

export interface SupplierNorms {
  site: ProblemSite;
  norms: Readonly<Record<string, NormSpec>>;
}

export interface SupplierNormsResult {
  supplierNorms: SupplierNorms | null;
  problems: ConfigProblem[];
}

const supplierNormsSchema = z.record(
  z.string().regex(/^\S+$/, { message: "must be a KPI id, e.g. O1.4" }),
  normSchema,
);

export function parseSupplierNormsText(text: string, file: string): SupplierNormsResult {
  return fromParsed(parseYamlFile(text, file));
}

export async function readSupplierNorms(file: string): Promise<SupplierNormsResult> {
  return fromParsed(await readYamlFile(file));
}

/** Reads a supplier-norms file; throws a ConfigError listing every problem of its shape. */
export async function loadSupplierNorms(file: string): Promise<SupplierNorms> {
  const { supplierNorms, problems } = await readSupplierNorms(file);
  if (supplierNorms === null || problems.length > 0) throw new ConfigError(problems);
  return supplierNorms;
}

/** No file configured: an empty set whose problems point at the config key that should name one. */
export function noSupplierNorms(
  configFile: string,
  path: readonly PathSegment[] = ["contract", "supplierNorms"],
): SupplierNorms {
  return { site: fixedSite(configFile, path), norms: {} };
}

function fromParsed({ site, data, problems }: ParsedYamlFile): SupplierNormsResult {
  if (problems.length > 0) return { supplierNorms: null, problems };
  const parsed = parseWith(supplierNormsSchema, data ?? {});
  if (!parsed.success) return { supplierNorms: null, problems: schemaProblems(site, parsed.error) };
  return { supplierNorms: { site, norms: parsed.data }, problems: [] };
}

export interface SupplierNormOptions {
  /** share of a duration written without one (contract.rules.targetShareWithoutPercentage) */
  defaultShare?: number;
}

/**
 * The supplier norms against every version of the catalog: a norm for a `client` KPI, a norm
 * weaker than the client's floor, a missing norm for a `supplier` KPI and an unknown KPI id are
 * rejected. A KPI whose norm a recorded change has set is governed by that change instead.
 */
export function checkSupplierNorms(
  catalog: Catalog,
  supplierNorms: SupplierNorms,
  options: SupplierNormOptions = {},
): ConfigProblem[] {
  const defaultShare = options.defaultShare ?? 1;
  const { site, norms } = supplierNorms;
  const problems = new Map<string, ConfigProblem>();
  const add = (id: string, message: string, at: "key" | "value" = "value") =>
    problems.set(`${id}\u0000${message}`, site.problem([id], message, at));

  const known = new Set(catalog.versions.flatMap((v) => v.kpis.map((kpi) => kpi.id)));
  for (const [id, norm] of Object.entries(norms)) {
    if (!known.has(id))
      add(
        id,
        `${id}: unknown KPI (not in catalog ${catalog.version} or its changes); supplier norm ${formatNorm(norm)}`,
        "key",
      );
  }
  for (const version of catalog.versions) {
    for (const kpi of version.kpis) {
      const message = checkOne(kpi, norms[kpi.id], defaultShare);
      if (message !== null) add(kpi.id, message, norms[kpi.id] === undefined ? "value" : "key");
    }
  }
  return [...problems.values()];
}

function checkOne(kpi: CatalogKpi, given: NormSpec | undefined, defaultShare: number): string | null {
  const { id, normStatus } = kpi;
  const catalogNorm =
    kpi.parts === undefined
      ? formatNorm(kpi.norm ?? null)
      : Object.entries(kpi.parts)
          .map(([n, v]) => `${n} ${formatNorm(v)}`)
          .join(", ");
  if (normStatus === "client" || normStatus === "contract-requirement") {
    if (given === undefined) return null;
    return `${id}: norm status is '${normStatus}', so the client's norm ${catalogNorm} holds; a supplier norm (${formatNorm(given)}) is not allowed`;
  }
  // After a recorded change the agreed norm is the catalog's; the tendered one no longer applies.
  if (kpi.normChangedIn !== undefined) return null;
  if (normStatus === "supplier") {
    if (given === undefined)
      return `${id}: no supplier norm (norm status 'supplier': appendix 12b must give one); catalog norm: none`;
    return kindProblem(kpi, given);
  }
  if (given === undefined) return null;
  if (kpi.parts !== undefined || kpi.norm === undefined)
    return `${id}: a supplier norm (${formatNorm(given)}) cannot replace the parts ${catalogNorm}`;
  const kind = kindProblem(kpi, given);
  if (kind !== null) return kind;
  const comparison = compareNorms(given, kpi.norm, defaultShare);
  if (comparison.verdict === "weaker") {
    return `${id}: supplier norm ${formatNorm(given)} is weaker than the client's floor ${formatNorm(kpi.norm)} (${comparison.reason})`;
  }
  if (comparison.verdict === "incomparable") {
    return `${id}: supplier norm ${formatNorm(given)} cannot be compared with the client's floor ${formatNorm(kpi.norm)}: ${comparison.reason}`;
  }
  return null;
}

function kindProblem(kpi: CatalogKpi, given: NormSpec): string | null {
  const shape = NORM_SHAPES[kpi.measure.rule];
  if ("single" in shape && given.kind !== shape.single) {
    return `${kpi.id}: supplier norm ${formatNorm(given)} is not the kind ${kpi.measure.rule} measures (${shape.single})`;
  }
  if (given.kind === "duration" && given.unit === "workingDays" && kpi.clock === "clock") {
    return `${kpi.id}: supplier norm ${formatNorm(given)} is in working days, but ${kpi.id} runs on the clock`;
  }
  return null;
}

/**
 * A recorded change of a supplier-normed KPI names as `old` the norm in force before it: the
 * supplier's norm, or the client's floor where the supplier gave none. Only checkable with the
 * supplier norms at hand, so not part of loading the catalog.
 */
export function checkChangesAgainstSupplierNorms(
  catalog: Catalog,
  supplierNorms: SupplierNorms,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const change of catalog.changes) {
    const { kpi: id, old, part } = change.entry;
    if (id === undefined || old === undefined || part !== undefined) continue;
    const before = [...catalog.versions].reverse().find((v) => v.validFrom < change.effectiveFrom);
    const kpi = before?.kpis.find((k) => k.id === id);
    if (kpi === undefined || kpi.normChangedIn !== undefined) continue;
    if (kpi.normStatus !== "supplier" && kpi.normStatus !== "minimum+supplier") continue;
    const inForce = supplierNorms.norms[id] ?? kpi.norm ?? null;
    if (inForce !== null && sameNorm(inForce, old)) continue;
    const source =
      supplierNorms.norms[id] !== undefined
        ? "the supplier's norm"
        : inForce !== null
          ? "the client's floor; no supplier norm given"
          : "no supplier norm given";
    problems.push(
      catalog.site.problem(
        ["changes", change.index, "old"],
        `${id}: old norm ${formatNorm(old)} does not match the norm in force before ${change.effectiveFrom} (${formatNorm(inForce)}: ${source})`,
      ),
    );
  }
  return problems;
}
