/**
 * Live SLA timers (pure, `now` injected): per open ticket each clock's deadline, remaining time,
 * share used and state, and the next update a major incident owes.
 */
export { clockTimer, slaStatusOf, slaTimers } from "./clock-timer.js";
export { majorUpdateTimer } from "./major-update-timer.js";
export { compareUrgency, liveTimers, type TimerRow, ticketTimers } from "./ticket-timers.js";
export type { TicketTimers, Timer, TimerClock, TimerContext, TimerState } from "./types.js";
