/**
 * The final state of a resolved or closed ticket's clocks (pure): what its alert messages are
 * edited to, from the same timers the alerts come from, as at the moment the ticket finished. A
 * clock that stopped (a response given, a resolution) ends as it stopped; one that had not ends
 * where it stood at the finish.
 */

import { CLOCK_NAMES, type ClockName, majorUpdateSchedule, ticketStateAt } from "../engine/timeline/index.js";
import { knownHistory } from "../engine/timeline/known-history.js";
import { majorUpdateTimer, slaTimers, type Timer, type TimerContext } from "../engine/timers/index.js";
import type { Instant } from "../model/instant.js";
import type { Priority, Ticket } from "../model/schema.js";
import { alertOf } from "./evaluate.js";
import type { Alert, ClockEnd, FinalTransition } from "./types.js";

const SECOND_MS = 1000;

export interface TicketFinish {
  /** `resolved`, or `closed` for a ticket closed without a resolution */
  transition: FinalTransition;
  at: Instant;
}

/**
 * When and how the ticket finished, as known at `now`: its first `resolved` or `closed` since the
 * last reopening; null while it is open (the rule of `ticketStateAt`).
 * @example events resolved 11:00, closed 3 days later → { transition: "resolved", at: 11:00 }
 */
export function ticketFinish(ticket: Ticket, now: Instant): TicketFinish | null {
  let finish: TicketFinish | null = null;
  for (const event of knownHistory(ticket, now)?.events ?? []) {
    if (event.type === "resolved" || event.type === "closed")
      finish ??= { transition: event.type, at: event.at };
    else if (event.type === "reopened") finish = null;
  }
  return finish;
}

/** The ticket's last reopening as known at `now`, or null when it was never reopened. */
export function lastReopening(ticket: Ticket, now: Instant): Instant | null {
  let reopenedAt: Instant | null = null;
  for (const event of knownHistory(ticket, now)?.events ?? []) {
    if (event.type === "reopened") reopenedAt = event.at;
  }
  return reopenedAt;
}

/**
 * What the threads of a finished ticket can be, without computing its clocks: one per clock its
 * type has with a norm for a priority it held (the one that counts is among them), and for a
 * major incident one per update its cadence expected.
 */
export function finalThreadCandidates(
  ticket: Ticket,
  finish: TicketFinish,
  context: TimerContext,
): Array<Pick<Alert, "source" | "ticketId" | "clock" | "deadline">> {
  const { policy } = context;
  const held = new Set<Priority>();
  if (ticket.priority !== null) held.add(ticket.priority);
  for (const event of ticket.events) if (event.type === "priority") held.add(event.priority);
  const normed = (name: ClockName) => [...held].some((priority) => policy.clocks[name][priority] !== null);
  // An SLA clock's thread is named without its deadline (keys.ts): any instant will do.
  const clocks = CLOCK_NAMES.filter(
    (name) => policy.ticketTypes[name].includes(ticket.type) && normed(name),
  ).map((clock) => ({ source: ticket.source, ticketId: ticket.id, clock, deadline: finish.at }));
  return [...clocks, ...majorUpdateFinals(ticket, finish, context, null)];
}

/**
 * The final state of each clock of the ticket, as at its finish: its SLA clocks with a norm, then
 * each update its major-incident cadence expected. `keyInstant` is the finish, for an update its
 * due (which already names its thread).
 * @example a P2 incident from 09:00, answered 09:20, resolved 17:30 (8 business hours allowed):
 * [response { transition: "resolved", finish: { end: "met" } },
 *  resolution { finish: { end: "breached" }, remainingMs: -30 min }]
 */
export function finalAlerts(
  ticket: Ticket,
  finish: TicketFinish,
  context: TimerContext,
  link: string | null,
): Alert[] {
  const state = ticketStateAt(ticket, finish.at);
  const clocks = slaTimers(ticket, { ...context, now: finish.at }).map((timer) => ({
    ...alertOf({ ticket, state }, timer, finish.transition, finish.at, link),
    pausedSince: null,
    finish: { at: finish.at, end: slaEnd(timer) },
  }));
  return [...clocks, ...majorUpdateFinals(ticket, finish, context, link)];
}

function slaEnd(timer: Timer): ClockEnd {
  if (timer.state === "breached") return "breached";
  return timer.state === "met" ? "met" : "open";
}

/**
 * Every update the cadence ever expected stopped being expected at one of these instants: the
 * update that answered it, the end of its cadence run (stabilised, no longer major), or the
 * finish. Just before that instant it was the pending update, whose timer (the one its alerts
 * came from) is taken there and carried to the instant itself.
 */
function majorUpdateFinals(
  ticket: Ticket,
  finish: TicketFinish,
  context: TimerContext,
  link: string | null,
): Alert[] {
  const schedule = majorUpdateSchedule(ticket, { ...context, now: finish.at });
  if (schedule === null) return [];
  /** instant → whether an update was given then */
  const ends = new Map<Instant, boolean>();
  for (const update of schedule.updates) if (update.actual !== null) ends.set(update.actual, true);
  for (const run of schedule.runs) if (run.until !== null && !ends.has(run.until)) ends.set(run.until, false);
  if (!ends.has(finish.at)) ends.set(finish.at, false);

  const state = ticketStateAt(ticket, finish.at);
  const clock = context.policy.majorUpdates.clock;
  const seen = new Set<Instant>();
  const alerts: Alert[] = [];
  for (const [end, given] of [...ends].sort(([a], [b]) => a - b)) {
    const before = end - SECOND_MS;
    const pending = majorUpdateTimer(ticket, ticketStateAt(ticket, before).priority, {
      ...context,
      now: before,
    });
    if (pending === null || seen.has(pending.deadline)) continue;
    seen.add(pending.deadline);
    const elapsedMs = pending.elapsedMs + context.calendar.elapsedMs(before, end, clock);
    const remainingMs = pending.allowedMs - elapsedMs;
    const usedShare = pending.allowedMs === 0 ? 1 : elapsedMs / pending.allowedMs;
    // Late is more than the allowed time, as for every norm (majorUpdateSchedule's `late`).
    const clockEnd: ClockEnd = remainingMs < 0 ? "breached" : given ? "met" : "open";
    const timer: Timer = { ...pending, elapsedMs, remainingMs, usedShare };
    alerts.push({
      ...alertOf({ ticket, state }, timer, finish.transition, pending.deadline, link),
      finish: { at: finish.at, end: clockEnd },
    });
  }
  return alerts;
}
