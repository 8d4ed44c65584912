/**
 * Loading a KPI catalog: the built-in `builtin:sib` (config/catalog/sib.yaml, shipped with the
 * package) or a user's own file in the same shape. Every problem is collected with its file,
 * YAML path and line; `loadCatalog` throws them as one ConfigError, `readCatalog` returns them
 * so `validate` can go on to check supplier norms against a catalog with version problems.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, type ConfigProblem } from "../config/problems.js";
import type { Period } from "../engine/kpi/types.js";
import type { Instant } from "../model/instant.js";
import { checkKpiEntry, duplicateIds } from "./catalog-checks.js";
import { catalogFileSchema } from "./catalog-schema.js";
import {
  type ParsedYamlFile,
  type ProblemSite,
  parseWith,
  parseYamlFile,
  readYamlFile,
  schemaProblems,
} from "./problem-site.js";
import { buildVersions, type CatalogChange, type CatalogVersion, versionAt } from "./versions.js";

export interface Catalog {
  /** the file it came from; problems found later (supplier norms, changes) are reported here */
  site: ProblemSite;
  /** label of the base composition, e.g. `sib-2026.1` */
  version: string;
  /** local date from which the base composition is in force */
  validFrom: string;
  /** the contract's zone, in which quarter boundaries and dates are local */
  timezone: string;
  /** the base composition first, then one per change date, ascending */
  versions: CatalogVersion[];
  changes: CatalogChange[];
}

export interface CatalogResult {
  /** null when the file could not be read or does not have the catalog's shape */
  catalog: Catalog | null;
  problems: ConfigProblem[];
}

export type CatalogRef = `builtin:${string}` | (string & {});

/** Parses catalog text; `file` names it in problems. */
export function parseCatalogText(text: string, file: string): CatalogResult {
  return fromParsed(parseYamlFile(text, file));
}

/** Reads `builtin:sib` or a catalog file (a relative path is relative to the working folder). */
export async function readCatalog(ref: CatalogRef): Promise<CatalogResult> {
  const file = catalogFile(ref);
  if (file === null) {
    return {
      catalog: null,
      problems: [{ file: ref, path: "", message: "unknown built-in catalog (built in: builtin:sib)" }],
    };
  }
  return fromParsed(await readYamlFile(file));
}

/** Like `readCatalog`, but throws a ConfigError listing every problem. */
export async function loadCatalog(ref: CatalogRef): Promise<Catalog> {
  const { catalog, problems } = await readCatalog(ref);
  if (catalog === null || problems.length > 0) throw new ConfigError(problems);
  return catalog;
}

/** The composition in force at an instant, or at a period's start, in the contract's zone. */
export function catalogVersionAt(catalog: Catalog, at: Instant | Period): CatalogVersion {
  return versionAt(catalog.versions, at, catalog.timezone);
}

/** The file behind `builtin:NAME`, or null when no such catalog ships with the package. */
export function builtinCatalogPath(name: string): string | null {
  const file = join(packageRoot(), "config", "catalog", `${name}.yaml`);
  return /^[a-z0-9-]+$/.test(name) && existsSync(file) ? file : null;
}

function catalogFile(ref: CatalogRef): string | null {
  return ref.startsWith("builtin:") ? builtinCatalogPath(ref.slice("builtin:".length)) : ref;
}

function fromParsed({ site, data, problems }: ParsedYamlFile): CatalogResult {
  if (problems.length > 0) return { catalog: null, problems };
  const parsed = parseWith(catalogFileSchema, data ?? {});
  if (!parsed.success) return { catalog: null, problems: schemaProblems(site, parsed.error) };
  const file = parsed.data;
  const built = buildVersions(file);
  const findings = [
    ...duplicateIds(file.kpis, ["kpis"]),
    ...file.kpis.flatMap((entry, i) => checkKpiEntry(entry, ["kpis", i])),
    ...built.findings,
  ];
  const catalog: Catalog = {
    site,
    version: file.version,
    validFrom: built.versions[0]?.validFrom ?? file.validFrom,
    timezone: file.timezone,
    versions: built.versions,
    changes: built.changes,
  };
  return { catalog, problems: findings.map((f) => site.problem(f.path, f.message)) };
}

let root: string | undefined;

/**
 * The folder holding package.json, found from this module's own location, so the built-in
 * catalog is found from `src/contract/` (vitest, tsx) and from `dist/src/contract/` alike.
 */
function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  root = dir;
  return dir;
}
