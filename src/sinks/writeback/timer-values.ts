/**
 * The live timer values of one ticket as written back to its source (interfaces.md "Writing
 * timers back to tickets"), computed from the engine's clocks and major-update cadence. Pure.
 */
import type { ClockContext, ClockOutcome } from "../../engine/timeline/index.js";
import { computeClocks, majorUpdateSchedule } from "../../engine/timeline/index.js";
import { MINUTE_MS } from "../../model/instant.js";
import type { Ticket } from "../../model/schema.js";
import type { FieldValue, WritebackField } from "./types.js";

export type SlaStatus = "running" | "at-risk" | "breached" | "paused" | "met";

export type TimerValues = Record<WritebackField, FieldValue> & {
  slaStatus: SlaStatus | null;
  responseDue: string | null;
  resolutionDue: string | null;
  remainingMinutes: number | null;
  nextUpdateDue: string | null;
};

export interface TimerContext extends ClockContext {
  /** notify.atRiskAt: share of the allowed time used from which a running clock is at risk */
  atRiskAt: number;
}

/**
 * Over the clocks that have a norm:
 * - `slaStatus`: `breached` once any clock is; else `met` when all have stopped; else `paused`
 *   when none of the unstopped ones runs; else `at-risk` when a running one has used `atRiskAt`
 *   of its allowed time; else `running`. Null when no clock has a norm (nothing to show).
 * - `responseDue`: the response deadline. `resolutionDue`: the resolution deadline, or for P1
 *   the stabilisation deadline until the ticket is stabilised.
 * - `remainingMinutes`: allowed minus elapsed, on each clock's own kind (business minutes for
 *   business clocks), of the unstopped clock nearest its deadline; whole minutes rounded down,
 *   so negative once breached. Null when every clock has stopped.
 * - `nextUpdateDue`: a major incident's next caller update, while its cadence runs.
 * @example a P2 incident 45 business minutes after registration, no response yet, atRiskAt 0.75:
 * { slaStatus: "at-risk", responseDue: <+60 min>, resolutionDue: <+8 h>, remainingMinutes: 15, nextUpdateDue: null }
 */
export function timerValues(ticket: Ticket, context: TimerContext): TimerValues {
  const clocks = computeClocks(ticket, context).filter((c) => c.status !== "no-norm");
  const byName = (name: ClockOutcome["name"]) => clocks.find((c) => c.name === name) ?? null;
  const stabilisation = byName("stabilisation");
  const resolutionClock =
    stabilisation !== null && stabilisation.priority === "P1" && stabilisation.stopAt === null
      ? stabilisation
      : byName("resolution");
  const unstopped = clocks.filter((c) => c.stopAt === null && c.allowedMs !== null);
  const remaining = unstopped.map((c) => Math.floor(((c.allowedMs as number) - c.elapsedMs) / MINUTE_MS));
  return {
    slaStatus: statusOf(clocks, context.atRiskAt),
    responseDue: iso(byName("response")?.deadline ?? null),
    resolutionDue: iso(resolutionClock?.deadline ?? null),
    remainingMinutes: remaining.length === 0 ? null : Math.min(...remaining),
    nextUpdateDue: iso(majorUpdateSchedule(ticket, context)?.nextDue ?? null),
  };
}

function statusOf(clocks: readonly ClockOutcome[], atRiskAt: number): SlaStatus | null {
  if (clocks.length === 0) return null;
  if (clocks.some((c) => c.status === "breached")) return "breached";
  const unstopped = clocks.filter((c) => c.stopAt === null);
  if (unstopped.length === 0) return "met";
  const running = unstopped.filter((c) => c.status === "running");
  if (running.length === 0) return "paused";
  const atRisk = running.some((c) => c.allowedMs !== null && c.elapsedMs >= atRiskAt * c.allowedMs);
  return atRisk ? "at-risk" : "running";
}

function iso(instant: number | null): string | null {
  return instant === null ? null : new Date(instant).toISOString();
}
