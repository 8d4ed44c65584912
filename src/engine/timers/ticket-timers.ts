/**
 * The live timers of open tickets at one instant (the `timers` command, the alerts), and the
 * order a team lead reads them in: breached first, then the least remaining share.
 */
import type { Ticket } from "../../model/schema.js";
import { ticketStateAt } from "../timeline/index.js";
import { slaTimers } from "./clock-timer.js";
import { majorUpdateTimer } from "./major-update-timer.js";
import type { TicketTimers, Timer, TimerContext } from "./types.js";

/**
 * The timers of a ticket open at `context.now` (created, not resolved, not closed); null for a
 * ticket that is not. Clocks without a norm are left out; a ticket can be open with no timers.
 * @example a P2 incident registered Monday 09:00, at 09:45 without a response (atRiskAt 0.75):
 * timers: [response at-risk (deadline 10:00, 15 min left), resolution running (deadline 17:00)]
 */
export function ticketTimers(ticket: Ticket, context: TimerContext): TicketTimers | null {
  const state = ticketStateAt(ticket, context.now);
  if (!state.open) return null;
  const timers = slaTimers(ticket, context);
  const update = majorUpdateTimer(ticket, state.priority, context);
  if (update !== null) timers.push(update);
  return { ticket, state, timers };
}

export interface TimerRow {
  ticket: TicketTimers;
  timer: Timer;
}

/** Every timer of every ticket open at `context.now`, most urgent first (see `compareUrgency`). */
export function liveTimers(tickets: readonly Ticket[], context: TimerContext): TimerRow[] {
  const rows: TimerRow[] = [];
  for (const ticket of tickets) {
    const timers = ticketTimers(ticket, context);
    if (timers === null) continue;
    for (const timer of timers.timers) rows.push({ ticket: timers, timer });
  }
  return rows.sort(compareRows);
}

/**
 * Breached first; then the least remaining share (most of the allowed time used), whatever the
 * state; clocks met (stopped in time) last. Ties: the earlier deadline.
 */
export function compareUrgency(a: Timer, b: Timer): number {
  return rank(a) - rank(b) || b.usedShare - a.usedShare || a.deadline - b.deadline;
}

function rank(timer: Timer): number {
  if (timer.state === "breached") return 0;
  return timer.state === "met" ? 2 : 1;
}

function compareRows(a: TimerRow, b: TimerRow): number {
  return (
    compareUrgency(a.timer, b.timer) ||
    compare(a.ticket.ticket.source, b.ticket.ticket.source) ||
    compare(a.ticket.ticket.id, b.ticket.ticket.id)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
