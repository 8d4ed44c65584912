/**
 * The next caller update of a major incident as a timer (O1.11, M7): counted from the run's start
 * (first update, `firstMs`) or from the previous update (`intervalMs`), on the cadence's clock.
 * interfaces.md "Alert rules": the update is *coming due* once `atRiskAt` of its interval has
 * passed (state `at-risk`) and *overdue* after it (state `breached`).
 */
import type { Priority, Ticket } from "../../model/schema.js";
import { majorUpdateSchedule } from "../timeline/index.js";
import { toSecond } from "../timeline/known-history.js";
import type { Timer, TimerContext } from "./types.js";

/**
 * Null when no update is expected at now (never major, stabilised, or no longer major).
 * @example major from 09:00, no update yet, at 09:25 with atRiskAt 0.75 (first update after 30 min):
 * { clock: "major-update", deadline: 09:30, usedShare: 25 / 30, state: "at-risk", … }
 */
export function majorUpdateTimer(
  ticket: Ticket,
  priority: Priority | null,
  context: TimerContext,
): Timer | null {
  const schedule = majorUpdateSchedule(ticket, context);
  if (schedule === null || schedule.nextDue === null) return null;
  const { updates } = schedule;
  // The pending update is the last one asked for (majorUpdateSchedule sets nextDue from it).
  const index = updates.length - 1;
  const pending = updates[index];
  if (pending === undefined || pending.actual !== null) return null;
  const previous = updates[index - 1];
  const first = previous === undefined || previous.runFrom !== pending.runFrom;
  const anchor = first ? pending.runFrom : (previous.actual ?? pending.runFrom);
  const { firstMs, intervalMs, clock } = context.policy.majorUpdates;
  const allowedMs = first ? firstMs : intervalMs;
  const elapsedMs = context.calendar.elapsedMs(anchor, toSecond(context.now), clock);
  const usedShare = allowedMs === 0 ? 1 : elapsedMs / allowedMs;
  return {
    clock: "major-update",
    clockKind: clock,
    priority,
    deadline: pending.due,
    allowedMs,
    elapsedMs,
    remainingMs: allowedMs - elapsedMs,
    usedShare,
    // Same rule as majorUpdateSchedule's `late`: more than the allowed time, inclusive.
    state: pending.late ? "breached" : usedShare >= context.atRiskAt ? "at-risk" : "running",
    stopped: false,
    pausedSince: null,
  };
}
