/**
 * Checks on one catalog entry that span fields: the norm must fit what its measure computes
 * (a response time needs a duration, T2.6 needs parts `share` and `count`, …), durations need a
 * clock, and supplier KPIs carry no norm of their own. The table is what the engine's scorers
 * read, so a user's catalog that passes here is one the engine can score.
 */

import type { PathSegment } from "../config/yaml-path.js";
import type { MeasureRule } from "../engine/kpi/types.js";
import type { KpiEntry } from "./catalog-schema.js";
import type { NormKind, NormSpec } from "./norm.js";

export type NormShape =
  | { single: NormKind }
  /** `required: false`: any non-empty subset of the parts (O1.10 by priority) */
  | { parts: Readonly<Record<string, NormKind>>; required: boolean };

const DURATION: NormShape = { single: "duration" };
const RATIO: NormShape = { single: "min" };
const BY_PRIORITY = { P1: "duration", P2: "duration", P3: "duration", P4: "duration" } as const;

export const NORM_SHAPES: Readonly<Record<MeasureRule, NormShape>> = {
  response: DURATION,
  resolution: DURATION,
  "p1-resolution": { parts: { stabilisation: "duration", definitive: "duration" }, required: true },
  containment: { parts: BY_PRIORITY, required: false },
  "major-updates": RATIO,
  "proactive-feedback": RATIO,
  ownership: RATIO,
  csat: RATIO,
  "first-time-fix": RATIO,
  "workplace-issuance": DURATION,
  "standard-change-lead-time": RATIO,
  "standard-change-first-time-right": RATIO,
  "change-success": RATIO,
  "change-lead-time": DURATION,
  "improvement-cycle": { parts: { count: "min", currency: "min" }, required: true },
  coordination: RATIO,
  "rca-timeliness": DURATION,
  "backlog-age": { parts: { share: "max", count: "maxCount" }, required: true },
  availability: RATIO,
  "patch-compliance": RATIO,
  "device-compliance": RATIO,
  "security-exceptions": { parts: { complete: "min", reviewed: "min" }, required: true },
  "critical-vulnerabilities": DURATION,
  "eol-signalling": RATIO,
  "docs-updated": DURATION,
  backups: { parts: { backups: "min", "restore-test": "min" }, required: true },
  evidence: RATIO,
};

const PRIORITY_RULES: readonly MeasureRule[] = ["response", "resolution", "p1-resolution", "containment"];

const KIND_TEXT: Record<NormKind, string> = {
  duration: "a duration norm ({maxMinutes}, {maxHours} or {maxWorkingDays})",
  min: "a {min} norm",
  max: "a {max} norm",
  maxCount: "a {maxCount} norm",
};

export interface Finding {
  path: PathSegment[];
  message: string;
}

/** Problems of one entry; `at` is the entry's path in the file (e.g. `["kpis", 3]`). */
export function checkKpiEntry(entry: KpiEntry, at: readonly PathSegment[]): Finding[] {
  const findings: Finding[] = [];
  const add = (path: PathSegment[], message: string) =>
    findings.push({ path: [...at, ...path], message: `${entry.id}: ${message}` });
  const shape = NORM_SHAPES[entry.measure.rule];
  const rule = entry.measure.rule;

  if (entry.normStatus === "supplier") {
    if (entry.norm !== undefined || entry.parts !== undefined) {
      add(
        [entry.norm ? "norm" : "parts"],
        "a supplier KPI has no norm in the catalog: the supplier's tender gives it (appendix 12b); a client floor makes it minimum+supplier",
      );
    }
    if ("parts" in shape)
      add(["measure"], `a supplier KPI needs a measure with one norm, and ${rule} has parts`);
  } else if (entry.norm !== undefined && entry.parts !== undefined) {
    add(["parts"], "has both norm and parts; give one of them");
  } else if (entry.norm === undefined && entry.parts === undefined) {
    add(
      ["norm"],
      `needs a norm${"parts" in shape ? ` (parts: ${Object.keys(shape.parts).join(", ")})` : ""}`,
    );
  }

  if ("single" in shape) {
    if (entry.parts !== undefined) add(["parts"], `measure ${rule} takes one norm, not parts`);
    if (entry.norm !== undefined && entry.norm.kind !== shape.single) {
      add(["norm"], `measure ${rule} needs ${KIND_TEXT[shape.single]}`);
    }
  } else {
    if (entry.norm !== undefined)
      add(["norm"], `measure ${rule} takes parts (${Object.keys(shape.parts).join(", ")}), not one norm`);
    if (entry.parts !== undefined) findings.push(...checkParts(entry, shape, at));
  }

  const norms: NormSpec[] = [...(entry.norm ? [entry.norm] : []), ...Object.values(entry.parts ?? {})];
  if (norms.some((n) => n.kind === "duration") && entry.clock === undefined) {
    add(["clock"], "a duration norm needs a clock: clock, business or by-priority");
  }
  if (entry.clock === "clock" && norms.some((n) => n.kind === "duration" && n.unit === "workingDays")) {
    add(["clock"], "working days are counted on the business clock; set clock: business");
  }
  if (entry.clock === "by-priority" && !PRIORITY_RULES.includes(rule)) {
    add(["clock"], `by-priority needs a measure by priority (${PRIORITY_RULES.join(", ")})`);
  }
  if (entry.normPer !== undefined && rule !== "availability")
    add(["normPer"], "normPer goes only with availability");
  if (entry.updateCadence !== undefined && rule !== "major-updates") {
    add(["updateCadence"], "updateCadence goes only with major-updates");
  }
  return findings;
}

function checkParts(
  entry: KpiEntry,
  shape: Extract<NormShape, { parts: unknown }>,
  at: readonly PathSegment[],
): Finding[] {
  const parts = entry.parts ?? {};
  const known = Object.keys(shape.parts);
  const findings: Finding[] = [];
  for (const [name, norm] of Object.entries(parts)) {
    const kind = shape.parts[name];
    const path = [...at, "parts", name];
    if (kind === undefined) {
      findings.push({
        path,
        message: `${entry.id}: unknown part '${name}'; ${entry.measure.rule} has parts ${known.join(", ")}`,
      });
    } else if (norm.kind !== kind) {
      findings.push({ path, message: `${entry.id}: part ${name} needs ${KIND_TEXT[kind]}` });
    }
  }
  const missing = known.filter((name) => parts[name] === undefined);
  if (shape.required && missing.length > 0) {
    findings.push({ path: [...at, "parts"], message: `${entry.id}: missing part(s) ${missing.join(", ")}` });
  }
  if (!shape.required && Object.keys(parts).length === 0) {
    findings.push({
      path: [...at, "parts"],
      message: `${entry.id}: needs at least one of the parts ${known.join(", ")}`,
    });
  }
  return findings;
}

/** Ids listed twice in one composition. */
export function duplicateIds(entries: readonly KpiEntry[], at: readonly PathSegment[]): Finding[] {
  const seen = new Set<string>();
  return entries.flatMap((entry, i) => {
    if (!seen.has(entry.id)) {
      seen.add(entry.id);
      return [];
    }
    return [{ path: [...at, i, "id"], message: `${entry.id}: listed twice` }];
  });
}
