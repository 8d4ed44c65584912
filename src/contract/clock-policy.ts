/**
 * The ticket clocks' norms, from the KPI definitions in force instead of the engine's built-in
 * defaults: response from the response KPIs (O1.2–O1.5), resolution from the resolution KPIs
 * (O1.7–O1.9) and O1.6 `definitive` for P1, stabilisation from O1.6 `stabilisation`, containment
 * from O1.10's parts; pause reasons and the major-incident update cadence from config rules.
 */
import type { ContractRules } from "../config/schema/contract.js";
import type { ClockKind } from "../engine/calendar/types.js";
import type { KpiDefinition, Norm } from "../engine/kpi/types.js";
import {
  type ClockName,
  type Norm as ClockNorm,
  type ClockPolicy,
  DEFAULT_CLOCK_POLICY,
  overrideClockPolicy,
} from "../engine/timeline/policy.js";
import { HOUR_MS, MINUTE_MS } from "../model/instant.js";
import { PRIORITIES, type Priority } from "../model/schema.js";

type ClockRules = Pick<ContractRules, "pauseReasons" | "majorUpdates">;
type NormsByPriority = Record<Priority, ClockNorm | null>;

/**
 * A priority without a KPI gets no norm (null), also where the engine's defaults have one: the
 * catalog in force decides, so a KPI removed by a recorded change stops its clock's norm.
 * `serviceDayMs` (the calendar's service day) turns working-day norms into milliseconds.
 * @example clockPolicyFor(definitions, config.contract.rules, calendar.serviceDayMs).clocks.response.P1 // { ms: 900000, clock: "clock" }
 */
export function clockPolicyFor(
  definitions: readonly KpiDefinition[],
  rules: ClockRules,
  serviceDayMs: number,
): ClockPolicy {
  const clocks: Record<ClockName, NormsByPriority> = {
    response: emptyNorms(),
    resolution: emptyNorms(),
    stabilisation: emptyNorms(),
    containment: emptyNorms(),
  };
  const toClock = (
    kpi: KpiDefinition,
    norm: Norm | null | undefined,
    priority: Priority,
  ): ClockNorm | null => {
    if (norm === null || norm === undefined || norm.kind !== "duration") return null;
    const clock: ClockKind = kpi.clock ?? DEFAULT_CLOCK_POLICY.clockOfPriority[priority];
    return { ms: durationMs(norm, serviceDayMs), clock };
  };
  for (const kpi of definitions) {
    const { measure } = kpi;
    if (measure.rule === "response" || measure.rule === "resolution") {
      clocks[measure.rule][measure.priority] = toClock(kpi, kpi.norm, measure.priority);
    } else if (measure.rule === "p1-resolution") {
      clocks.resolution.P1 = toClock(kpi, kpi.partNorms.definitive, "P1");
      clocks.stabilisation.P1 = toClock(kpi, kpi.partNorms.stabilisation, "P1");
    } else if (measure.rule === "containment") {
      for (const priority of PRIORITIES)
        clocks.containment[priority] = toClock(kpi, kpi.partNorms[priority], priority);
    }
  }
  return overrideClockPolicy(DEFAULT_CLOCK_POLICY, {
    clocks,
    pauseReasons: {
      // M3: response clocks never pause; stabilisation is part of resolution (O1.6).
      response: [],
      resolution: rules.pauseReasons.resolution,
      stabilisation: rules.pauseReasons.resolution,
      containment: rules.pauseReasons.containment,
    },
    majorUpdates: {
      firstMs: rules.majorUpdates.firstMinutes * MINUTE_MS,
      intervalMs: rules.majorUpdates.intervalMinutes * MINUTE_MS,
      clock: "clock",
    },
  });
}

const UNIT_MS = { minutes: MINUTE_MS, hours: HOUR_MS } as const;

/** Whole seconds, as the engine counts (M1); working days are full service days. */
export function durationMs(norm: Extract<Norm, { kind: "duration" }>, serviceDayMs: number): number {
  const ms = norm.amount * (norm.unit === "workingDays" ? serviceDayMs : UNIT_MS[norm.unit]);
  return Math.round(ms / 1000) * 1000;
}

function emptyNorms(): NormsByPriority {
  return { P1: null, P2: null, P3: null, P4: null };
}
