/**
 * Builders for the record- and change-KPI suites: records of any kind written as canonical JSON
 * and parsed with the model's own schemas, and cases read back as Amsterdam wall-clock text. The
 * calendar, periods, contexts and KPI builders are those of all KPI suites (../helpers.ts).
 */
import type { CaseResult, KpiInput, KpiScore } from "../../../../src/engine/kpi/types.js";
import { type CanonicalRecordInput, schemaByKind } from "../../../../src/model/schema.js";
import { ams, emptyInput, period } from "../helpers.js";

export { APRIL_2026, context, headline, kpi, MARCH_2026 } from "../helpers.js";

export const Q1_2026 = period("2026-Q1", "quarter", "2026-01-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00");
export const YEAR_2025 = period("2025", "year", "2025-01-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00");

/** Canonical JSON lines of any kind, each parsed with its own schema, sorted into a KpiInput. */
export function input(lines: readonly CanonicalRecordInput[]): KpiInput {
  const out = emptyInput();
  for (const line of lines) {
    const record = schemaByKind[line.kind].parse(line);
    switch (record.kind) {
      case "ticket":
        out.tickets.push(record);
        break;
      case "device":
        out.devices.push(record);
        break;
      case "patch":
        out.patches.push(record);
        break;
      case "vulnerability":
        out.vulnerabilities.push(record);
        break;
      case "outage":
        out.outages.push(record);
        break;
      case "backup-run":
        out.backupRuns.push(record);
        break;
      case "restore-test":
        out.restoreTests.push(record);
        break;
      case "eol-item":
        out.eolItems.push(record);
        break;
      case "security-exception":
        out.securityExceptions.push(record);
        break;
      case "improvement":
        out.improvements.push(record);
        break;
      case "evidence":
        out.evidence.push(record);
        break;
    }
  }
  return out;
}

/** A case as Amsterdam text, with only the fields a table checks. */
export interface CaseRow {
  id: string;
  part?: string;
  value: number | null;
  deadline: string | null;
  stoppedAt: string | null;
  verdict: CaseResult["verdict"];
}

export function caseRows(score: KpiScore): CaseRow[] {
  return score.cases.map((c) => {
    const row: CaseRow = {
      id: c.id,
      value: c.value,
      deadline: ams(c.deadline),
      stoppedAt: ams(c.stoppedAt),
      verdict: c.verdict,
    };
    if (c.part !== undefined) row.part = c.part;
    return row;
  });
}

/** The case with this id (and part); fails the test when there is none. */
export function caseOf(score: KpiScore, id: string, part?: string): CaseResult {
  const found = score.cases.find((c) => c.id === id && (part === undefined || c.part === part));
  if (found === undefined) throw new Error(`no case ${id}${part === undefined ? "" : ` in part ${part}`}`);
  return found;
}

export type Line = CanonicalRecordInput;
