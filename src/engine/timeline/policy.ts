/**
 * Which clocks a ticket has, their norms per priority, which pause reasons stop them, and the
 * major-incident update cadence. Pure data, so that supplier norms (O1.4, O1.5, O1.8, O1.9) and
 * config can be laid over the contract's defaults with `overrideClockPolicy`.
 * Source: shared/contract/kpi-catalog.md (O1.2–O1.11, decisions 2 and 4, rules M2, M3, M7, M16).
 */
import { HOUR_MS, MINUTE_MS } from "../../model/instant.js";
import type { PauseReason, Priority, TicketType } from "../../model/schema.js";
import type { ClockKind } from "../calendar/types.js";

export const CLOCK_NAMES = ["response", "resolution", "stabilisation", "containment"] as const;
/**
 * `response`: registration → first substantive response (O1.2–O1.5).
 * `resolution`: registration → resolved (O1.7–O1.9); for P1 the definitive fix (O1.6, 48 h).
 * `stabilisation`: registration → stabilised or resolved (O1.6, P1 only).
 * `containment`: registration → contained, security incidents only (O1.10).
 */
export type ClockName = (typeof CLOCK_NAMES)[number];

/** An allowed duration on a clock kind. Inclusive: exactly `ms` elapsed is still in time (M1). */
export interface Norm {
  readonly ms: number;
  readonly clock: ClockKind;
}

/** `null`: the contract (or the supplier's tender, not yet configured) sets no norm for that priority. */
export type NormsByPriority = Readonly<Record<Priority, Norm | null>>;

export interface MajorUpdatePolicy {
  /** From becoming major to the first update. */
  readonly firstMs: number;
  /** From one update to the next. */
  readonly intervalMs: number;
  readonly clock: ClockKind;
}

export interface ClockPolicy {
  readonly clocks: Readonly<Record<ClockName, NormsByPriority>>;
  /** Pause reasons that stop each clock (M3); any other reason pauses nothing. */
  readonly pauseReasons: Readonly<Record<ClockName, readonly PauseReason[]>>;
  /** Ticket types that carry each clock (M16). */
  readonly ticketTypes: Readonly<Record<ClockName, readonly TicketType[]>>;
  /**
   * The clock kind a priority's times run on when its norm is null, so that a no-norm clock
   * still reports elapsed time on the right clock (contract §3: P1 clock hours, P2–P4 business).
   */
  readonly clockOfPriority: Readonly<Record<Priority, ClockKind>>;
  readonly majorUpdates: MajorUpdatePolicy;
}

const clock = (ms: number): Norm => ({ ms, clock: "clock" });
const business = (ms: number): Norm => ({ ms, clock: "business" });

// Response and resolution are computed for every non-change type when a norm exists; the KPIs
// (O1.2–O1.9) select incidents and security incidents themselves (M16).
const SERVICE_TYPES: readonly TicketType[] = [
  "incident",
  "security-incident",
  "service-request",
  "workplace-request",
];

export const DEFAULT_CLOCK_POLICY: ClockPolicy = {
  clocks: {
    // O1.2, O1.3; O1.4/O1.5 are supplier norms and arrive through config.
    response: { P1: clock(15 * MINUTE_MS), P2: business(60 * MINUTE_MS), P3: null, P4: null },
    // O1.6 definitive fix, O1.7; O1.8/O1.9 are supplier norms.
    resolution: { P1: clock(48 * HOUR_MS), P2: business(8 * HOUR_MS), P3: null, P4: null },
    // O1.6 stabilisation exists for P1 only.
    stabilisation: { P1: clock(4 * HOUR_MS), P2: null, P3: null, P4: null },
    // O1.10, decision 2: P2 on 24 business hours.
    containment: { P1: clock(4 * HOUR_MS), P2: business(24 * HOUR_MS), P3: null, P4: null },
  },
  pauseReasons: {
    response: [],
    resolution: ["customer"],
    stabilisation: ["customer"],
    containment: ["third-party"],
  },
  ticketTypes: {
    response: SERVICE_TYPES,
    resolution: SERVICE_TYPES,
    // Stabilisation is about removing acute business impact: an incident notion.
    stabilisation: ["incident", "security-incident"],
    containment: ["security-incident"],
  },
  clockOfPriority: { P1: "clock", P2: "business", P3: "business", P4: "business" },
  majorUpdates: { firstMs: 30 * MINUTE_MS, intervalMs: 60 * MINUTE_MS, clock: "clock" },
};

/** A partial policy laid over a base one; a norm set to null removes it. */
export interface ClockPolicyOverride {
  clocks?: Partial<Record<ClockName, Partial<Record<Priority, Norm | null>>>>;
  pauseReasons?: Partial<Record<ClockName, readonly PauseReason[]>>;
  ticketTypes?: Partial<Record<ClockName, readonly TicketType[]>>;
  clockOfPriority?: Partial<Record<Priority, ClockKind>>;
  majorUpdates?: Partial<MajorUpdatePolicy>;
}

// Whole seconds: the engine computes in seconds (M1) and relies on it to find the overrun point.
function checkDuration(ms: number, what: string): void {
  if (!Number.isInteger(ms) || ms < 0 || ms % 1000 !== 0) {
    throw new RangeError(`${what} must be a whole number of seconds ≥ 0, in ms; got ${ms}`);
  }
}

/**
 * Lays `override` over `base` (supplier norms, config). Throws a RangeError naming a duration
 * that is negative or not a whole number of seconds.
 * @example overrideClockPolicy(DEFAULT_CLOCK_POLICY, { clocks: { response: { P3: { ms: 4 * HOUR_MS, clock: "business" } } } })
 */
export function overrideClockPolicy(base: ClockPolicy, override: ClockPolicyOverride): ClockPolicy {
  const clocks = { ...base.clocks };
  for (const name of CLOCK_NAMES) {
    const norms = override.clocks?.[name];
    if (norms === undefined) continue;
    for (const [priority, norm] of Object.entries(norms)) {
      if (norm) checkDuration(norm.ms, `clocks.${name}.${priority}.ms`);
    }
    clocks[name] = { ...base.clocks[name], ...norms };
  }
  const majorUpdates = { ...base.majorUpdates, ...override.majorUpdates };
  checkDuration(majorUpdates.firstMs, "majorUpdates.firstMs");
  checkDuration(majorUpdates.intervalMs, "majorUpdates.intervalMs");
  // A zero interval would demand infinitely many updates.
  if (majorUpdates.intervalMs === 0) throw new RangeError("majorUpdates.intervalMs must be > 0");
  return {
    clocks,
    pauseReasons: { ...base.pauseReasons, ...override.pauseReasons },
    ticketTypes: { ...base.ticketTypes, ...override.ticketTypes },
    clockOfPriority: { ...base.clockOfPriority, ...override.clockOfPriority },
    majorUpdates,
  };
}
