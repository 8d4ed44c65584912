/**
 * Catalog versions (kpi-catalog.md "Change of KPI composition", appendix 12a §2.2): the base
 * composition plus recorded changes, each taking effect on a quarter boundary with both
 * parties' consent, the old and new norm, and a justification when a norm becomes lighter.
 * A report for a period uses the version in force at the period's start.
 */
import type { PathSegment } from "../config/yaml-path.js";
import type { Period } from "../engine/kpi/types.js";
import type { Instant } from "../model/instant.js";
import { checkKpiEntry, type Finding, NORM_SHAPES } from "./catalog-checks.js";
import type { CatalogFile, ChangeEntry, KpiEntry } from "./catalog-schema.js";
import { compareNorms, formatNorm, type NormKind, type NormSpec, sameNorm } from "./norm.js";
import { isQuarterStart, localDateOf, localDay, nextQuarterStart, versionLabel } from "./quarters.js";

export interface CatalogKpi extends KpiEntry {
  /** label of the version whose change last set this KPI's norm: it then wins over a supplier norm */
  normChangedIn?: string;
}

export interface CatalogVersion {
  version: string;
  /** local date (contract zone) from which this composition is in force */
  validFrom: string;
  kpis: CatalogKpi[];
}

export interface CatalogChange {
  /** position in the file's `changes`, for problem paths */
  index: number;
  effectiveFrom: string;
  version: string;
  entry: ChangeEntry;
}

export interface BuiltVersions {
  versions: CatalogVersion[];
  changes: CatalogChange[];
  findings: Finding[];
}

/** Applies the file's changes in date order; every rule of §2.2 that fails is a finding. */
export function buildVersions(file: CatalogFile): BuiltVersions {
  const findings: Finding[] = [];
  const base = localDay(file.validFrom, file.timezone);
  if (base === null || !base.midnight || !isQuarterStart(base.date)) {
    findings.push({
      path: ["validFrom"],
      message: `${file.validFrom} is not the start of a quarter (1 January, 1 April, 1 July or 1 October, 00:00 in ${file.timezone})`,
    });
  }
  const baseDate = base?.date ?? file.validFrom;
  const changes = datedChanges(file, baseDate, findings);
  const versions: CatalogVersion[] = [{ version: file.version, validFrom: baseDate, kpis: file.kpis }];
  for (const change of changes) {
    let current = versions[versions.length - 1] as CatalogVersion;
    if (current.validFrom !== change.effectiveFrom) {
      current = { version: change.version, validFrom: change.effectiveFrom, kpis: [...current.kpis] };
      versions.push(current);
    }
    applyChange(current, change, findings);
  }
  return { versions, changes, findings };
}

/** Changes with a valid quarter-boundary date and consent, sorted by date (stable). */
function datedChanges(file: CatalogFile, baseDate: string, findings: Finding[]): CatalogChange[] {
  const dated: CatalogChange[] = [];
  file.changes.forEach((entry, index) => {
    const at = (...path: PathSegment[]) => ["changes", index, ...path];
    const day = localDay(entry.effectiveFrom, file.timezone);
    checkConsent(entry, day?.date ?? null, file.timezone, at, findings);
    if (day === null) {
      findings.push({ path: at("effectiveFrom"), message: `${entry.effectiveFrom} is not a calendar date` });
    } else if (!day.midnight || !isQuarterStart(day.date)) {
      findings.push({
        path: at("effectiveFrom"),
        message: `${entry.effectiveFrom} starts mid-quarter: a change takes effect on a quarter boundary (1 January, 1 April, 1 July or 1 October, 00:00 in ${file.timezone}; the next is ${nextQuarterStart(day.date)}), appendix 12a §2.2`,
      });
    } else if (day.date <= baseDate) {
      findings.push({
        path: at("effectiveFrom"),
        message: `${day.date} is not after the catalog's validFrom ${baseDate}`,
      });
    } else {
      dated.push({ index, effectiveFrom: day.date, version: versionLabel(file.version, day.date), entry });
    }
  });
  return dated.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

function checkConsent(
  entry: ChangeEntry,
  date: string | null,
  zone: string,
  at: (...p: PathSegment[]) => PathSegment[],
  findings: Finding[],
): void {
  for (const party of ["client", "supplier"] as const) {
    const consent = entry.consent?.[party];
    if (consent === undefined) {
      findings.push({
        path: at("consent", party),
        message: `no consent of the ${party} recorded ({by, at}); a change needs both parties' written consent (appendix 12a §2.2)`,
      });
      continue;
    }
    const given = localDay(consent.at, zone)?.date;
    if (date !== null && given !== undefined && given > date) {
      findings.push({
        path: at("consent", party, "at"),
        message: `the ${party}'s consent (${given}) is dated after the change took effect (${date})`,
      });
    }
  }
}

function applyChange(version: CatalogVersion, change: CatalogChange, findings: Finding[]): void {
  const { entry, index } = change;
  const at = (...path: PathSegment[]) => ["changes", index, ...path];
  const forms = [
    entry.kpi !== undefined || entry.old !== undefined || entry.new !== undefined || entry.part !== undefined,
    entry.add !== undefined,
    entry.remove !== undefined,
  ].filter(Boolean).length;
  if (forms !== 1) {
    findings.push({
      path: at(),
      message:
        "a change is exactly one of: a norm change (kpi, old, new), add (a KPI entry) or remove (a KPI id)",
    });
    return;
  }
  const position = (id: string) => version.kpis.findIndex((kpi) => kpi.id === id);
  if (entry.add !== undefined) {
    if (position(entry.add.id) >= 0) {
      findings.push({
        path: at("add", "id"),
        message: `${entry.add.id} is already in version ${version.version}`,
      });
      return;
    }
    findings.push(...checkKpiEntry(entry.add, at("add")));
    version.kpis.push(entry.add);
    return;
  }
  if (entry.remove !== undefined) {
    const i = position(entry.remove);
    if (i >= 0) version.kpis.splice(i, 1);
    else {
      const message = `${entry.remove} is not in the composition before ${change.effectiveFrom}`;
      findings.push({ path: at("remove"), message });
    }
    if (entry.justification === undefined) {
      findings.push({
        path: at("justification"),
        message: `removing ${entry.remove} drops its norm, which makes the SLA lighter: record a justification (appendix 12a §2.2)`,
      });
    }
    return;
  }
  changeNorm(version, change, findings);
}

function changeNorm(version: CatalogVersion, change: CatalogChange, findings: Finding[]): void {
  const { entry, index } = change;
  const at = (...path: PathSegment[]) => ["changes", index, ...path];
  const i = version.kpis.findIndex((kpi) => kpi.id === entry.kpi);
  const kpi = version.kpis[i];
  if (entry.kpi === undefined || entry.old === undefined || entry.new === undefined) {
    findings.push({ path: at(), message: "a norm change needs kpi, old and new" });
    return;
  }
  if (kpi === undefined) {
    findings.push({
      path: at("kpi"),
      message: `${entry.kpi} is not in the composition before ${change.effectiveFrom}`,
    });
    return;
  }
  const name = entry.part === undefined ? kpi.id : `${kpi.id} part ${entry.part}`;
  const shape = NORM_SHAPES[kpi.measure.rule];
  let expected: NormKind | undefined;
  if ("single" in shape) expected = entry.part === undefined ? shape.single : undefined;
  else expected = entry.part === undefined ? undefined : shape.parts[entry.part];
  if (expected === undefined) {
    const parts = "parts" in shape ? Object.keys(shape.parts).join(", ") : "";
    const message =
      "single" in shape ? `${kpi.id} has one norm, no parts` : `${kpi.id}: name one of its parts (${parts})`;
    findings.push({ path: at(entry.part === undefined ? "kpi" : "part"), message });
    return;
  }
  if (entry.new.kind !== expected) {
    findings.push({
      path: at("new"),
      message: `${name}: the new norm ${formatNorm(entry.new)} is not the kind ${kpi.measure.rule} measures (${expected})`,
    });
  }
  // A supplier-normed KPI's norm in force comes from the supplier norms; checked against them later.
  if (!isSupplierNormed(kpi)) {
    const inForce = entry.part === undefined ? (kpi.norm ?? null) : (kpi.parts?.[entry.part] ?? null);
    if (inForce === null || !sameNorm(entry.old, inForce)) {
      findings.push({
        path: at("old"),
        message: oldMismatch(name, entry.old, inForce, change.effectiveFrom),
      });
    }
  }
  const lighter = compareNorms(entry.new, entry.old, 1);
  if (lighter.verdict !== "as-strict" && entry.justification === undefined) {
    findings.push({
      path: at("justification"),
      message: `${name}: the new norm ${formatNorm(entry.new)} is lighter than the old ${formatNorm(entry.old)} (${lighter.reason}): record a justification (appendix 12a §2.2)`,
    });
  }
  const changed: CatalogKpi = { ...kpi, normChangedIn: version.version };
  if (entry.part === undefined) changed.norm = entry.new;
  else changed.parts = { ...kpi.parts, [entry.part]: entry.new };
  version.kpis[i] = changed;
}

/** A KPI whose norm in force is the supplier's (or the client floor where the supplier gave none). */
export function isSupplierNormed(kpi: CatalogKpi): boolean {
  return (
    kpi.normChangedIn === undefined &&
    (kpi.normStatus === "supplier" || kpi.normStatus === "minimum+supplier")
  );
}

function oldMismatch(name: string, old: NormSpec, inForce: NormSpec | null, date: string): string {
  return `${name}: old norm ${formatNorm(old)} does not match the norm in force before ${date} (${formatNorm(inForce)})`;
}

/**
 * The composition in force at an instant or at a period's start (local date in `zone`). Before
 * the first version's validFrom the first version is returned: there is nothing earlier.
 */
export function versionAt(
  versions: readonly CatalogVersion[],
  at: Instant | Period,
  zone: string,
): CatalogVersion {
  const date = localDateOf(typeof at === "number" ? at : at.start, zone);
  let found = versions[0] as CatalogVersion;
  for (const version of versions) if (version.validFrom <= date) found = version;
  return found;
}
