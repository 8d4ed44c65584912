/**
 * The KPIs that are one SLA clock per ticket: first response (O1.2–O1.5), resolution
 * (O1.7–O1.9), P1 stabilisation and definitive fix (O1.6) and security containment (O1.10).
 * Deadlines and verdicts come from the clock policy's norms (`computeClocks`, M1–M4), the target
 * share from the KPI's norm; cases count per M5 under the priority in force at the stop or at
 * the deadline (M4), so a P2 downgraded to P3 before its stop counts under P3's KPI.
 */
import type { Priority, Ticket } from "../../../model/schema.js";
import type { ClockName, ClockOutcome } from "../../timeline/index.js";
import type { CaseResult, KpiDefinition, KpiInput, KpiScore, KpiScorer } from "../types.js";
import type { TicketAnalysis, TicketScoringContext } from "./analysis.js";
import { clockCase, clockMoment } from "./clock-case.js";
import { durationMs, isIncident, measureOf, minutesText } from "./common.js";
import { partsShareScore, shareScore, targetOf } from "./score.js";
import { countedTickets } from "./select.js";

interface ClockPopulation {
  clock: ClockName;
  /** Names the population for the shared counting moments, e.g. "response:P2". */
  name: string;
  includes: (ticket: Ticket) => boolean;
  /** The part a clock outcome belongs to ("" for a KPI without parts), or null when it is not in the population. */
  partOf: (outcome: ClockOutcome) => string | null;
}

function countedCases(
  input: KpiInput,
  context: TicketScoringContext,
  population: ClockPopulation,
): CaseResult[] {
  const outcomeOf = (analysis: TicketAnalysis): ClockOutcome | null => {
    if (!population.includes(analysis.ticket)) return null;
    const outcome = analysis.clock(population.clock);
    return outcome === null || population.partOf(outcome) === null ? null : outcome;
  };
  const { analyses, positions } = countedTickets(input, context, population.name, (analysis) => {
    const outcome = outcomeOf(analysis);
    return outcome === null ? null : clockMoment(outcome);
  });
  const cases: CaseResult[] = [];
  for (const index of positions) {
    const analysis = analyses.at(index);
    const outcome = outcomeOf(analysis) as ClockOutcome;
    const part = population.partOf(outcome) as string;
    cases.push(clockCase(analysis.ticket, outcome, context.calendar, part === "" ? undefined : part));
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
      name: `${clock}:${priority}`,
      includes: isIncident,
      partOf: (outcome) => (outcome.priority === priority ? "" : null),
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
        name: `${clock}:P1`,
        includes: isIncident,
        partOf: (outcome) => (outcome.priority === "P1" ? part : null),
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
    name: "containment:P1,P2",
    includes: (ticket) => ticket.type === "security-incident",
    partOf: (outcome) =>
      outcome.priority !== null && partNames.includes(outcome.priority) ? outcome.priority : null,
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
