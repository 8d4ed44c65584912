/**
 * What the KPI suites (records, changes, tickets) share: instants written as ISO text with
 * offset, the contract's calendar (Amsterdam, Mon–Fri 08:00–18:00, Dutch holidays), the periods
 * they score, KPI definitions as a catalog would give them, and results read back as Amsterdam
 * wall-clock text so expected values can be checked by eye.
 */
import { DateTime } from "luxon";
import { contractRulesSchema } from "../../../src/config/schema/contract.js";
import { businessCalendar } from "../../../src/engine/calendar/index.js";
import type {
  KpiDefinition,
  KpiInput,
  KpiScore,
  MeasureSpec,
  Norm,
  Period,
  ScoringContext,
} from "../../../src/engine/kpi/types.js";
import { type ClockPolicy, DEFAULT_CLOCK_POLICY } from "../../../src/engine/timeline/index.js";
import { parseInstant } from "../../../src/model/instant.js";
import type { CanonicalRecordInput } from "../../../src/model/schema.js";

export type TicketInput = Extract<CanonicalRecordInput, { kind: "ticket" }>;
export type EventInput = NonNullable<TicketInput["events"]>[number];

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

export function period(label: string, kind: Period["kind"], start: string, end: string): Period {
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

/** A scoring context on the contract's calendar; March 2026, default clock policy and rules unless given. */
export function context(options: {
  now: string;
  period?: Period;
  policy?: ClockPolicy;
  rules?: Record<string, unknown>;
}): ScoringContext {
  return {
    period: options.period ?? MARCH_2026,
    calendar,
    policy: options.policy ?? DEFAULT_CLOCK_POLICY,
    rules: contractRulesSchema.parse(options.rules ?? {}),
    now: at(options.now),
  };
}

/** A KPI definition as a catalog would give it; the goal is the id's first two characters. */
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

/** A KpiInput with every list empty (and fresh, so a suite may push into it). */
export function emptyInput(): { [K in keyof KpiInput]: Array<KpiInput[K][number]> } {
  return {
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
  };
}

/** The headline figures of a score, for one-line expectations. */
export function headline(score: KpiScore) {
  return { score: score.score, target: score.target, met: score.met, n: score.n };
}
