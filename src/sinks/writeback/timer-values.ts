/**
 * The live timer values of one ticket as written back to its source (interfaces.md "Writing
 * timers back to tickets"), computed from the engine's timers (engine/timers). Pure.
 */
import { majorUpdateSchedule } from "../../engine/timeline/index.js";
import {
  slaStatusOf,
  slaTimers,
  type Timer,
  type TimerContext,
  type TimerState,
} from "../../engine/timers/index.js";
import { MINUTE_MS } from "../../model/instant.js";
import type { Ticket } from "../../model/schema.js";
import type { FieldValue, WritebackField } from "./types.js";

export type SlaStatus = TimerState;
export type { TimerContext };

export type TimerValues = Record<WritebackField, FieldValue> & {
  slaStatus: SlaStatus | null;
  responseDue: string | null;
  resolutionDue: string | null;
  remainingMinutes: number | null;
  nextUpdateDue: string | null;
};

/**
 * Over the clocks that have a norm:
 * - `slaStatus`: `breached` once any clock is; else `met` when all have stopped; else `paused`
 *   when none of the unstopped ones runs; else `at-risk` when a running one has used `atRiskAt`
 *   of its allowed time; else `running`. Null when no clock has a norm (nothing to show).
 * - `responseDue`: the response deadline. `resolutionDue`: the resolution deadline, or for P1
 *   the stabilisation deadline until the ticket is stabilised; null while that clock is paused.
 *   A paused clock has no fixed deadline (it moves with every minute of the pause): writing one
 *   would change the field at every cycle for every paused ticket, while `remainingMinutes` holds
 *   still and says what is left.
 * - `remainingMinutes`: allowed minus elapsed, on each clock's own kind (business minutes for
 *   business clocks), of the unstopped clock nearest its deadline; whole minutes rounded down,
 *   so negative once breached. Null when every clock has stopped.
 * - `nextUpdateDue`: a major incident's next caller update, while its cadence runs.
 * @example a P2 incident 45 business minutes after registration, no response yet, atRiskAt 0.75:
 * { slaStatus: "at-risk", responseDue: <+60 min>, resolutionDue: <+8 h>, remainingMinutes: 15, nextUpdateDue: null }
 */
export function timerValues(ticket: Ticket, context: TimerContext): TimerValues {
  const timers = slaTimers(ticket, context);
  const byClock = (clock: Timer["clock"]) => timers.find((t) => t.clock === clock) ?? null;
  const stabilisation = byClock("stabilisation");
  const resolutionClock =
    stabilisation !== null && stabilisation.priority === "P1" && !stabilisation.stopped
      ? stabilisation
      : byClock("resolution");
  const remaining = timers.filter((t) => !t.stopped).map((t) => Math.floor(t.remainingMs / MINUTE_MS));
  return {
    slaStatus: slaStatusOf(timers),
    responseDue: iso(byClock("response")?.deadline ?? null),
    resolutionDue: resolutionClock?.state === "paused" ? null : iso(resolutionClock?.deadline ?? null),
    remainingMinutes: remaining.length === 0 ? null : Math.min(...remaining),
    nextUpdateDue: iso(majorUpdateSchedule(ticket, context)?.nextDue ?? null),
  };
}

function iso(instant: number | null): string | null {
  return instant === null ? null : new Date(instant).toISOString();
}
