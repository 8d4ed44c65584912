/**
 * One SLA clock as a live timer: the engine's clock outcome plus what a person acts on (share
 * used, remaining time, at risk or not, since when paused), and the ticket-level status the
 * write-back shows (interfaces.md: running | at-risk | breached | paused | met).
 */
import type { Ticket } from "../../model/schema.js";
import { clockSpans } from "../timeline/clock-spans.js";
import { type ClockOutcome, computeClocks } from "../timeline/index.js";
import { knownHistory, toSecond } from "../timeline/known-history.js";
import type { Timer, TimerContext, TimerState } from "./types.js";

/**
 * The timer of a clock outcome, or null when the clock has no norm (nothing to count down).
 * At risk: running (not paused, not stopped) with `atRiskAt` of the allowed time used, inclusive.
 * @example a P2 response clock 45 business minutes after registration, atRiskAt 0.75:
 * { state: "at-risk", usedShare: 0.75, remainingMs: 15 * 60_000, … }
 */
export function clockTimer(ticket: Ticket, outcome: ClockOutcome, context: TimerContext): Timer | null {
  if (outcome.status === "no-norm" || outcome.allowedMs === null || outcome.deadline === null) return null;
  const allowedMs = outcome.allowedMs;
  const usedShare = allowedMs === 0 ? 1 : outcome.elapsedMs / allowedMs;
  return {
    clock: outcome.name,
    clockKind: outcome.clockKind,
    priority: outcome.priority,
    deadline: outcome.deadline,
    allowedMs,
    elapsedMs: outcome.elapsedMs,
    remainingMs: allowedMs - outcome.elapsedMs,
    usedShare,
    state: outcome.status === "running" && usedShare >= context.atRiskAt ? "at-risk" : outcome.status,
    stopped: outcome.stopAt !== null,
    pausedSince: outcome.status === "paused" ? pausedSince(ticket, outcome, context) : null,
  };
}

/** The timers of a ticket's SLA clocks that have a norm, in CLOCK_NAMES order. */
export function slaTimers(ticket: Ticket, context: TimerContext): Timer[] {
  const timers: Timer[] = [];
  for (const outcome of computeClocks(ticket, context)) {
    const timer = clockTimer(ticket, outcome, context);
    if (timer !== null) timers.push(timer);
  }
  return timers;
}

/**
 * Start of the pause that holds the clock at now, by the same rule the clock itself uses (M3,
 * timeline/clock-spans.ts): the last paused span runs up to now.
 */
function pausedSince(ticket: Ticket, outcome: ClockOutcome, context: TimerContext): number | null {
  const history = knownHistory(ticket, context.now);
  if (history === null) return null;
  const now = toSecond(context.now);
  const spans = clockSpans(outcome.name, history, now, context.policy.pauseReasons[outcome.name]);
  const last = spans.paused.at(-1);
  return last !== undefined && last[1] === now ? last[0] : now;
}

/**
 * The ticket-level status over its SLA clocks (not the update cadence): `breached` once any clock
 * is; `met` when all stopped in time; `paused` when none of the others runs; `at-risk` when a
 * running one is; else `running`. Null without clocks.
 */
export function slaStatusOf(timers: readonly Timer[]): TimerState | null {
  if (timers.length === 0) return null;
  if (timers.some((t) => t.state === "breached")) return "breached";
  const live = timers.filter((t) => t.state !== "met");
  if (live.length === 0) return "met";
  if (live.every((t) => t.state === "paused")) return "paused";
  return live.some((t) => t.state === "at-risk") ? "at-risk" : "running";
}
