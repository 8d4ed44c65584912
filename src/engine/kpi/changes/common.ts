/**
 * What the change scorers share (M19): a ticket's events as known at now, a working-day deadline
 * case per M5, and decision 1's target share.
 *
 * Events are read in place, the way `knownHistory` (timeline) defines them: in whole seconds,
 * never before the ticket's creation, and none after now. Six KPIs read every change of a
 * 200,000-ticket quarter; reading in place instead of copying each history keeps that cheap.
 */
import type { ContractRules } from "../../../config/schema/contract.js";
import type { Instant } from "../../../model/instant.js";
import type { Ticket, TicketEvent, TicketEventType } from "../../../model/schema.js";
import type { AllowedTime } from "../records/allowed-time.js";
import { toMinutes, toSecond } from "../records/common.js";
import { deadlineAfter, deadlineCase } from "../records/deadline-case.js";
import type { CaseResult, KpiDefinition, ScoringContext } from "../types.js";

/** The ticket's creation in whole seconds, or null when it was created after now. */
export function knownCreatedAt(ticket: Ticket, now: Instant): Instant | null {
  const createdAt = toSecond(ticket.createdAt);
  return createdAt <= now ? createdAt : null;
}

/**
 * An event's instant as known at now: whole seconds, moved to creation when stamped before it
 * (clock skew between systems), null when after now. Events are sorted, so the first null ends
 * what is known.
 */
export function knownEventAt(event: TicketEvent, createdAt: Instant, now: Instant): Instant | null {
  const at = Math.max(createdAt, toSecond(event.at));
  return at <= now ? at : null;
}

/** The first known event of `type` at or after `from`, or null. */
export function firstAt(
  ticket: Ticket,
  createdAt: Instant,
  now: Instant,
  type: TicketEventType,
  from = Number.NEGATIVE_INFINITY,
): Instant | null {
  for (const event of ticket.events) {
    const at = knownEventAt(event, createdAt, now);
    if (at === null) return null;
    if (event.type === type && at >= from) return at;
  }
  return null;
}

/** The first known event matching `test`, with its instant, or null. */
export function firstEvent(
  ticket: Ticket,
  createdAt: Instant,
  now: Instant,
  test: (event: TicketEvent) => boolean,
): { event: TicketEvent; at: Instant } | null {
  for (const event of ticket.events) {
    const at = knownEventAt(event, createdAt, now);
    if (at === null) return null;
    if (test(event)) return { event, at };
  }
  return null;
}

/** The scoring context with `now` in whole seconds, made once per scorer. */
export function atSecond(context: ScoringContext): ScoringContext {
  return { ...context, now: toSecond(context.now) };
}

/**
 * A case from `start` to `stop` against an allowed time, per M5 (see `deadlineCase`); `context`
 * has `now` in whole seconds. The value is the elapsed time on the allowed time's clock to the
 * stop, or so far while open; a stop before the start (e.g. an analysis shared before the ticket
 * was closed) is in time with value 0.
 */
export function allowedTimeCase(
  ticket: Ticket,
  start: Instant,
  stop: Instant | null,
  allowed: AllowedTime,
  context: ScoringContext,
  note?: string,
): CaseResult | null {
  const { deadline, lastInTime } = deadlineAfter(context.calendar, start, allowed.ms, allowed.clock);
  const elapsed = Math.max(0, context.calendar.elapsedMs(start, stop ?? context.now, allowed.clock));
  const spec = {
    id: ticket.id,
    source: ticket.source,
    stopAt: stop,
    deadline,
    lastInTime,
    value: toMinutes(elapsed),
  };
  return deadlineCase(note === undefined ? spec : { ...spec, note }, context);
}

/**
 * Decision 1: a norm written without a percentage (T2.2, T2.5, T1.3) asks for the configured share
 * (`rules.targetShareWithoutPercentage`, default 100 %). A parsed duration norm always carries a
 * share, and share 1 is what "no percentage" parses to, so only a share other than 1 (or a `min`
 * norm) is taken as a written percentage.
 */
export function decisionOneTarget(
  kpi: KpiDefinition,
  rules: ContractRules,
): { target: number; source: string } {
  const norm = kpi.norm;
  if (norm?.kind === "duration" && norm.share !== 1) return { target: norm.share, source: "norm" };
  if (norm?.kind === "min") return { target: norm.value, source: "norm" };
  return {
    target: rules.targetShareWithoutPercentage,
    source: "decision 1: rules.targetShareWithoutPercentage",
  };
}
