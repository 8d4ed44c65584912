/** The contract: the KPI catalog as data, supplier norms, catalog versions and their validation. */
export {
  builtinCatalogPath,
  type Catalog,
  type CatalogRef,
  type CatalogResult,
  catalogVersionAt,
  loadCatalog,
  parseCatalogText,
  readCatalog,
} from "./catalog.js";
export { NORM_SHAPES, type NormShape } from "./catalog-checks.js";
export type { CatalogFile, ChangeEntry, ClockChoice, KpiEntry } from "./catalog-schema.js";
export { clockPolicyFor, durationMs } from "./clock-policy.js";
export { definitionsOf, kpiDefinitionsFor, normsInForce } from "./definitions.js";
export {
  checkMinimumRequirements,
  MINIMUM_WINDOW,
  type MinimumRequirementOptions,
  REQUIRED_CHANNELS,
} from "./minimum-requirements.js";
export { compareNorms, formatNorm, type NormComparison, type NormSpec, toNorm } from "./norm.js";
export { type ProblemSite, parseYamlFile } from "./problem-site.js";
export { type ContractRuntime, loadContractRuntime } from "./runtime.js";
export {
  checkChangesAgainstSupplierNorms,
  checkSupplierNorms,
  loadSupplierNorms,
  noSupplierNorms,
  parseSupplierNormsText,
  readSupplierNorms,
  type SupplierNormOptions,
  type SupplierNorms,
  type SupplierNormsResult,
} from "./supplier-norms.js";
export { type ValidateContractInput, validateContract } from "./validate.js";
export type { CatalogChange, CatalogKpi, CatalogVersion } from "./versions.js";
