/**
 * The KPIs that are one SLA clock per ticket: first response (O1.2–O1.5), resolution
 * (O1.7–O1.9), P1 stabilisation and definitive fix (O1.6) and security containment (O1.10).
 * Deadlines and verdicts come from the clock policy's norms (`computeClocks`, M1–M4), the target
 * share from the KPI's norm; cases count per M5 under the priority in force at the stop or at
 * the deadline (M4), so a P2 downgraded to P3 before its stop counts under P3's KPI.
 */
import type { Priority, Ticket } from "../../../model/schema.js";
import type { ClockName, ClockOutcome } from "../../timeline/index.js";
import { figuresOnly, verdictOnly } from "../population.js";
import type { CaseResult, KpiDefinition, KpiInput, KpiScore, KpiScorer } from "../types.js";
import {
  type TicketAnalyses,
  type TicketAnalysis,
  type TicketScoringContext,
  ticketAnalysesFor,
} from "./analysis.js";
import { clockCase, clockMoment, clockVerdict } from "./clock-case.js";
import { durationMs, isIncident, measureOf, minutesText } from "./common.js";
import { partsShareScore, shareScore, targetOf } from "./score.js";
import { positionsInPeriod } from "./select.js";

/** Tickets a clock KPI reads, named for the shared moments (e.g. "incidents"). */
interface Includes {
  name: string;
  test: (ticket: Ticket) => boolean;
}

const INCIDENTS: Includes = { name: "incidents", test: isIncident };
const SECURITY_INCIDENTS: Includes = {
  name: "security-incidents",
  test: (ticket) => ticket.type === "security-incident",
};

interface ClockPopulation {
  clock: ClockName;
  includes: Includes;
  /**
   * Set when the KPI counts only these priorities and no other KPI reads the clock (O1.6's
   * stabilisation: P1). A ticket counts under a priority it held at some time (M4), so the
   * clocks of tickets that never held one of these are not computed.
   */
  heldOnce?: readonly Priority[];
  /** The part a counting priority belongs to ("" for a KPI without parts), or null when it is not in the population. */
  partOf: (priority: Priority | null) => string | null;
}

/** Counting priorities as small numbers, so a report keeps one byte per ticket and clock. */
const PRIORITY_CODES: ReadonlyArray<Priority | null> = [null, "P1", "P2", "P3", "P4"];

interface ClockMoments {
  analyses: TicketAnalyses;
  /** Names these moments for `positionsInPeriod`. */
  key: string;
  /** Per ticket: where its clock counts (M5); NaN when it has no such clock or is not counted yet. */
  moments: Float64Array;
  /** Per ticket: its counting priority, as an index in PRIORITY_CODES. */
  priorities: Uint8Array;
}

/**
 * Every included ticket's clock moment and counting priority, computed once per report: the KPIs
 * of all priorities read the same clock (O1.2–O1.5 the response clock, O1.6–O1.9 resolution), so
 * one pass over the tickets serves them all, and each KPI's period only scans the moments.
 */
function clockMoments(input: KpiInput, context: TicketScoringContext, population: ClockPopulation) {
  const { clock, includes, heldOnce } = population;
  const analyses = ticketAnalysesFor(input.tickets, context);
  const key = `clock-moments:${clock}:${includes.name}:${heldOnce?.join(",") ?? "any"}`;
  return analyses.derived(key, (): ClockMoments => {
    const moments = new Float64Array(input.tickets.length).fill(Number.NaN);
    const priorities = new Uint8Array(input.tickets.length);
    for (let index = 0; index < moments.length; index++) {
      if (!includes.test(input.tickets[index] as Ticket)) continue;
      const analysis = analyses.at(index);
      if (heldOnce !== undefined && !everHeld(analysis, heldOnce)) continue;
      const outcome = analysis.clock(clock);
      if (outcome === null) continue;
      moments[index] = clockMoment(outcome) ?? Number.NaN;
      priorities[index] = PRIORITY_CODES.indexOf(outcome.priority);
    }
    return { analyses, key, moments, priorities };
  });
}

/**
 * Whether the ticket held one of `priorities` at creation or by a change known at now: every
 * priority it was counted under did (its priority segments').
 */
function everHeld(analysis: TicketAnalysis, priorities: readonly Priority[]): boolean {
  const { ticket, history } = analysis;
  if (ticket.priority !== null && priorities.includes(ticket.priority)) return true;
  if (history === null || !analysis.holds("priority")) return false;
  return history.events.some((e) => e.type === "priority" && priorities.includes(e.priority));
}

function countedCases(
  input: KpiInput,
  context: TicketScoringContext,
  population: ClockPopulation,
): CaseResult[] {
  const { analyses, key, moments, priorities } = clockMoments(input, context, population);
  const figures = figuresOnly(context);
  const cases: CaseResult[] = [];
  const positions = positionsInPeriod(analyses, key, moments, context.period);
  for (let i = 0; i < positions.length; i++) {
    const index = positions[i] as number;
    const part = population.partOf(PRIORITY_CODES[priorities[index] as number] as Priority | null);
    if (part === null) continue;
    const { ticket } = analyses.at(index);
    const outcome = analyses.at(index).clock(population.clock) as ClockOutcome;
    const named = part === "" ? undefined : part;
    cases.push(
      figures
        ? verdictOnly(clockVerdict(outcome), named)
        : clockCase(ticket, outcome, context.calendar, named),
    );
  }
  return cases;
}

/** What the report says about the clock a KPI (or one of its parts) was measured on. */
function clockNotes(
  kpi: KpiDefinition,
  context: TicketScoringContext,
  clock: ClockName,
  priority: Priority,
  part?: string,
): string[] {
  const norm = context.policy.clocks[clock][priority];
  const label = part === undefined ? "" : `${part}: `;
  if (norm === null)
    return [`${label}no ${priority} norm for the ${clock} clock: cases are listed, not scored`];
  const notes = [
    `${label}${clock} clock, ${priority} norm ${minutesText(norm.ms)} on the ${norm.clock} clock`,
  ];
  const declared = part === undefined ? kpi.norm : kpi.partNorms[part];
  if (declared?.kind === "duration" && durationMs(declared, context.calendar) !== norm.ms) {
    notes.push(
      `${label}the catalog norm (${minutesText(durationMs(declared, context.calendar))}) differs from the clock policy; the policy's norm is used`,
    );
  }
  return notes;
}

function targetNote(kpi: KpiDefinition, target: number, part?: string): string {
  const declared = part === undefined ? kpi.norm : kpi.partNorms[part];
  const label = part === undefined ? "" : `${part}: `;
  return declared === null || declared === undefined
    ? `${label}target share ${target} (no share in the norm: decision 1 default)`
    : `${label}target share ${target}`;
}

const PRIORITY_NOTE = "priority: the one in force at the stop, or at the deadline while open (M4)";

function singlePriorityKpi(clock: "response" | "resolution") {
  return (input: KpiInput, kpi: KpiDefinition, context: TicketScoringContext): KpiScore => {
    const { priority } = measureOf(kpi, clock);
    const cases = countedCases(input, context, {
      clock,
      includes: INCIDENTS,
      partOf: (counting) => (counting === priority ? "" : null),
    });
    const target = targetOf(kpi, context.rules.targetShareWithoutPercentage);
    const hasNorm = context.policy.clocks[clock][priority] !== null;
    const notes = [
      ...clockNotes(kpi, context, clock, priority),
      targetNote(kpi, target),
      PRIORITY_NOTE,
      "population: incidents and security incidents (M16)",
    ];
    if (clock === "resolution")
      notes.push(`pauses: ${context.policy.pauseReasons.resolution.join(", ") || "none"}`);
    const score = shareScore(cases, target, { notes });
    // Without a norm nothing can be judged: every case is listed as excluded and the score is null.
    return hasNorm ? score : { ...score, target: null };
  };
}

/** O1.2–O1.5: registration → first substantive response, per priority. */
export const scoreResponse: KpiScorer = singlePriorityKpi("response");

/** O1.7–O1.9: registration → resolution (reopen spans and customer pauses excluded), per priority. */
export const scoreResolution: KpiScorer = singlePriorityKpi("resolution");

/** O1.6: P1 stabilisation (≤ 4 h) and definitive fix (≤ 48 h), both on the clock, as parts. */
export const scoreP1Resolution: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "p1-resolution");
  const fallback = context.rules.targetShareWithoutPercentage;
  const parts = [
    { part: "stabilisation", clock: "stabilisation" },
    { part: "definitive", clock: "resolution" },
  ] as const;
  const cases: CaseResult[] = [];
  const notes: string[] = [];
  for (const { part, clock } of parts) {
    cases.push(
      ...countedCases(input, context, {
        clock,
        includes: INCIDENTS,
        // O1.7–O1.9 read the resolution clock too: only stabilisation is P1's alone.
        ...(clock === "stabilisation" ? { heldOnce: ["P1"] as const } : {}),
        partOf: (counting) => (counting === "P1" ? part : null),
      }),
    );
    notes.push(
      ...clockNotes(kpi, context, clock, "P1", part),
      targetNote(kpi, targetOf(kpi, fallback, part), part),
    );
  }
  notes.push(PRIORITY_NOTE, "population: P1 incidents and security incidents (M16)");
  const targets = parts.map(({ part }) => ({ part, target: targetOf(kpi, fallback, part) }));
  return partsShareScore(cases, targets, { notes });
};

/** O1.10: security incident registration → containment, third-party waits excluded, parts P1 and P2. */
export const scoreContainment: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "containment");
  const fallback = context.rules.targetShareWithoutPercentage;
  const partNames: readonly Priority[] = ["P1", "P2"];
  const cases = countedCases(input, context, {
    clock: "containment",
    includes: SECURITY_INCIDENTS,
    heldOnce: partNames,
    partOf: (counting) => (counting !== null && partNames.includes(counting) ? counting : null),
  });
  const notes: string[] = [];
  for (const part of partNames) {
    notes.push(
      ...clockNotes(kpi, context, "containment", part, part),
      targetNote(kpi, targetOf(kpi, fallback, part), part),
    );
  }
  notes.push(
    `pauses: ${context.policy.pauseReasons.containment.join(", ") || "none"}`,
    PRIORITY_NOTE,
    "population: security incidents (M16)",
  );
  const targets = partNames.map((part) => ({ part, target: targetOf(kpi, fallback, part) }));
  return partsShareScore(cases, targets, { notes });
};
