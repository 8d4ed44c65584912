/**
 * Builders for the record- and change-KPI suites: records written as canonical JSON and parsed
 * with the model's own schemas, the contract's calendar (Amsterdam, Mon–Fri 08:00–18:00, Dutch
 * holidays), KPI definitions as a catalog would give them, and cases read back as Amsterdam
 * wall-clock text so expected values can be checked by eye.
 */
import { DateTime } from "luxon";
import { contractRulesSchema } from "../../../../src/config/schema/contract.js";
import { businessCalendar } from "../../../../src/engine/calendar/index.js";
import type {
  CaseResult,
  KpiDefinition,
  KpiInput,
  KpiScore,
  MeasureSpec,
  Norm,
  Period,
  ScoringContext,
} from "../../../../src/engine/kpi/types.js";
import { DEFAULT_CLOCK_POLICY } from "../../../../src/engine/timeline/index.js";
import { parseInstant } from "../../../../src/model/instant.js";
import { type CanonicalRecordInput, schemaByKind } from "../../../../src/model/schema.js";

/** ISO text with offset → epoch ms; a typo in a test is an error. */
export function at(text: string): number {
  const parsed = parseInstant(text);
  if (parsed === null) throw new Error(`bad instant in test: ${text}`);
  return parsed;
}

/** Epoch ms → Amsterdam wall-clock ISO text with offset (null stays null). */
export function ams(ms: number | null): string | null {
  if (ms === null) return null;
  return DateTime.fromMillis(ms, { zone: "Europe/Amsterdam" }).toISO({ suppressMilliseconds: true });
}

/** The contract's calendar. In 2026 summer time starts on Sunday 29 March. */
export const calendar = businessCalendar({
  serviceWindow: {
    timezone: "Europe/Amsterdam",
    days: ["mon", "tue", "wed", "thu", "fri"],
    from: "08:00",
    to: "18:00",
  },
  holidays: { country: "NL" },
});

function period(label: string, kind: Period["kind"], start: string, end: string): Period {
  return { label, kind, start: at(start), end: at(end) };
}

/** March 2026: 22 working days (Mon 2 … Tue 31, no holidays) = 13,200 service-window minutes. */
export const MARCH_2026 = period(
  "2026-03",
  "month",
  "2026-03-01T00:00:00+01:00",
  "2026-04-01T00:00:00+02:00",
);
export const APRIL_2026 = period(
  "2026-04",
  "month",
  "2026-04-01T00:00:00+02:00",
  "2026-05-01T00:00:00+02:00",
);
export const Q1_2026 = period("2026-Q1", "quarter", "2026-01-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00");
export const YEAR_2025 = period("2025", "year", "2025-01-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00");

export function context(options: {
  now: string;
  period?: Period;
  rules?: Record<string, unknown>;
}): ScoringContext {
  return {
    period: options.period ?? MARCH_2026,
    calendar,
    policy: DEFAULT_CLOCK_POLICY,
    rules: contractRulesSchema.parse(options.rules ?? {}),
    now: at(options.now),
  };
}

export function kpi(
  id: string,
  measure: MeasureSpec,
  norms: { norm?: Norm | null; partNorms?: Record<string, Norm>; clock?: "business" | "clock" | null } = {},
): KpiDefinition {
  return {
    id,
    goal: id.slice(0, 2) as KpiDefinition["goal"],
    name: { nl: id, en: id },
    measure,
    norm: norms.norm ?? null,
    partNorms: norms.partNorms ?? {},
    clock: norms.clock ?? null,
    normStatus: "client",
    minimumRequirement: true,
    cadence: ["monthly"],
    meeting: "operational",
    agenda: "on-deviation",
  };
}

/** Canonical JSON lines of any kind, each parsed with its own schema, sorted into a KpiInput. */
export function input(lines: readonly CanonicalRecordInput[]): KpiInput {
  const out = {
    tickets: [],
    devices: [],
    patches: [],
    vulnerabilities: [],
    outages: [],
    backupRuns: [],
    restoreTests: [],
    eolItems: [],
    securityExceptions: [],
    improvements: [],
    evidence: [],
  } as { [K in keyof KpiInput]: Array<KpiInput[K][number]> };
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

/** The headline of a score, for one-line expectations. */
export function headline(score: KpiScore) {
  return { score: score.score, target: score.target, met: score.met, n: score.n };
}

export type Line = CanonicalRecordInput;
