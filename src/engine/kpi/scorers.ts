/**
 * The one registry of KPI computations: measure rule → scorer, merged from the ticket, record and
 * change scorers. A catalog names a rule per KPI; the report looks its scorer up here. A test
 * checks that every rule has exactly one scorer.
 */
import { changeScorers } from "./changes/index.js";
import { recordScorers } from "./records/index.js";
import { ticketScorers } from "./tickets/index.js";
import type { KpiScorer, MeasureRule } from "./types.js";

type ScorerMap = Readonly<Partial<Record<MeasureRule, KpiScorer>>>;

// A Record over the union: adding a rule to MeasureSpec without listing it here fails to compile.
const RULES: Record<MeasureRule, true> = {
  response: true,
  resolution: true,
  "p1-resolution": true,
  containment: true,
  "major-updates": true,
  "proactive-feedback": true,
  ownership: true,
  csat: true,
  "first-time-fix": true,
  "workplace-issuance": true,
  "standard-change-lead-time": true,
  "standard-change-first-time-right": true,
  "change-success": true,
  "change-lead-time": true,
  "improvement-cycle": true,
  coordination: true,
  "rca-timeliness": true,
  "backlog-age": true,
  availability: true,
  "patch-compliance": true,
  "device-compliance": true,
  "security-exceptions": true,
  "critical-vulnerabilities": true,
  "eol-signalling": true,
  "docs-updated": true,
  backups: true,
  evidence: true,
};

/** Every measure rule of `MeasureSpec`. */
export const MEASURE_RULES = Object.keys(RULES) as MeasureRule[];

/** The scorer maps by origin, for the registry test and for error messages. */
export const SCORER_SOURCES: Readonly<Record<string, ScorerMap>> = {
  tickets: ticketScorers,
  records: recordScorers,
  changes: changeScorers,
};

/**
 * Merges scorer maps; a rule scored by two maps is a programming error and throws, naming both.
 * @example mergeScorers({ tickets: ticketScorers, records: recordScorers })
 */
export function mergeScorers(
  sources: Readonly<Record<string, ScorerMap>>,
): Partial<Record<MeasureRule, KpiScorer>> {
  const merged: Partial<Record<MeasureRule, KpiScorer>> = {};
  const owner: Partial<Record<MeasureRule, string>> = {};
  for (const [name, map] of Object.entries(sources)) {
    for (const [rule, scorer] of Object.entries(map) as Array<[MeasureRule, KpiScorer | undefined]>) {
      if (scorer === undefined) continue;
      if (owner[rule] !== undefined)
        throw new Error(`measure rule "${rule}" is scored by both ${owner[rule]} and ${name}`);
      owner[rule] = name;
      merged[rule] = scorer;
    }
  }
  return merged;
}

/** Measure rule → scorer, for every rule. */
export const kpiScorers: Readonly<Partial<Record<MeasureRule, KpiScorer>>> = mergeScorers(SCORER_SOURCES);
