/**
 * Which alert each open ticket's clocks call for at the cycle's instant (pure). Only the current
 * state counts: a ticket first seen already breached raises `breached`, never the at-risk it
 * skipped; a closed or resolved ticket has no timers and raises nothing. Clocks that have stopped
 * (a late response already given) raise nothing either: nobody can act on them any more.
 */
import type { TicketTimers, Timer } from "../engine/timers/index.js";
import type { Instant } from "../model/instant.js";
import type { Alert, AlertTransition } from "./types.js";

export interface AlertRules {
  /** a clock paused this long (wall-clock time) raises `paused-long`; null: never */
  pausedAlertAfterMs: number | null;
}

/**
 * @example a P2 incident at 09:45 with no response (atRiskAt 0.75) → [{ transition: "at-risk", clock: "response", … }]
 */
export function alertsOf(
  ticket: TicketTimers,
  now: Instant,
  rules: AlertRules,
  link: string | null = null,
): Alert[] {
  const alerts: Alert[] = [];
  for (const timer of ticket.timers) {
    const transition = transitionOf(timer, now, rules);
    if (transition === null) continue;
    const keyInstant = transition === "paused-long" ? (timer.pausedSince ?? timer.deadline) : timer.deadline;
    alerts.push(alertOf(ticket, timer, transition, keyInstant, link));
  }
  return alerts;
}

/** A timer of a ticket as an alert (or final state) of `transition`, with the ticket's facts. */
export function alertOf(
  { ticket, state }: Pick<TicketTimers, "ticket" | "state">,
  timer: Timer,
  transition: Alert["transition"],
  keyInstant: Instant,
  link: string | null,
): Alert {
  return {
    transition,
    source: ticket.source,
    ticketId: ticket.id,
    title: ticket.title,
    priority: state.priority,
    type: ticket.type,
    location: ticket.location,
    owner: state.owner,
    group: state.group,
    clock: timer.clock,
    clockKind: timer.clockKind,
    deadline: timer.deadline,
    keyInstant,
    remainingMs: timer.remainingMs,
    usedShare: timer.usedShare,
    pausedSince: timer.pausedSince,
    link,
  };
}

function transitionOf(timer: Timer, now: Instant, rules: AlertRules): AlertTransition | null {
  if (timer.stopped) return null;
  const update = timer.clock === "major-update";
  switch (timer.state) {
    case "at-risk":
      return update ? "update-due" : "at-risk";
    case "breached":
      return update ? "update-overdue" : "breached";
    case "paused": {
      const after = rules.pausedAlertAfterMs;
      const since = timer.pausedSince;
      return after !== null && since !== null && now - since >= after ? "paused-long" : null;
    }
    default:
      return null;
  }
}
