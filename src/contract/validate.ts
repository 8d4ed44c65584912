/**
 * Everything `sla-sentinel validate` checks beyond the config's own shape: the catalog file
 * (shape, entries, versions), the supplier norms (shape, and against every catalog version),
 * recorded changes of supplier-normed KPIs, and the minimum requirements. Every problem at once,
 * each naming its file, YAML path (with line where the file has one) and the values involved.
 */
import { readFile } from "node:fs/promises";
import { type ConfigProblem, sortProblems } from "../config/problems.js";
import type { ContractConfig } from "../config/schema/contract.js";
import { readCatalog } from "./catalog.js";
import { checkMinimumRequirements } from "./minimum-requirements.js";
import { type ProblemSite, parseYamlFile, plainSite } from "./problem-site.js";
import {
  checkChangesAgainstSupplierNorms,
  checkSupplierNorms,
  noSupplierNorms,
  readSupplierNorms,
  type SupplierNormsResult,
} from "./supplier-norms.js";

export interface ValidateContractInput {
  /** the parsed `contract` section (paths already resolved against the config file's folder) */
  contract: ContractConfig;
  /** the config file it came from; null for the built-in defaults */
  configFile: string | null;
  /** intake channels, once config has `contract.channels`; not checked when absent */
  channels?: readonly string[];
}

export async function validateContract(input: ValidateContractInput): Promise<ConfigProblem[]> {
  const { contract, configFile, channels } = input;
  const configSite = await siteOfConfig(configFile);
  const { catalog, problems: catalogProblems } = await readCatalog(contract.catalog);
  const norms: SupplierNormsResult =
    contract.supplierNorms === undefined
      ? { supplierNorms: noSupplierNorms(configSite.file), problems: [] }
      : await readSupplierNorms(contract.supplierNorms);

  const crossProblems: ConfigProblem[] = [];
  if (catalog !== null && norms.supplierNorms !== null) {
    const defaultShare = contract.rules.targetShareWithoutPercentage;
    crossProblems.push(
      ...checkSupplierNorms(catalog, norms.supplierNorms, { defaultShare }),
      ...checkChangesAgainstSupplierNorms(catalog, norms.supplierNorms),
    );
  }
  const minimum = checkMinimumRequirements(contract, {
    configSite,
    ...(channels !== undefined && { channels }),
    ...(catalog !== null && { catalog }),
  });
  return groupedByFile([...catalogProblems, ...norms.problems, ...crossProblems, ...minimum]);
}

/** Each file's problems together, in the order the files first appear, by line within a file. */
function groupedByFile(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const files = [...new Set(problems.map((p) => p.file))];
  return files.flatMap((file) => sortProblems(problems.filter((p) => p.file === file)));
}

// The config was parsed already; reading it again only serves to give problems a line number.
async function siteOfConfig(configFile: string | null): Promise<ProblemSite> {
  if (configFile === null) return plainSite("(built-in defaults)");
  try {
    return parseYamlFile(await readFile(configFile, "utf8"), configFile).site;
  } catch {
    return plainSite(configFile);
  }
}
