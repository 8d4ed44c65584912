/**
 * The ticket as known at an instant, in the engine's precision. Every clock and the update
 * cadence read the ticket through this, so they agree on which events exist and when.
 */
import type { Instant } from "../../model/instant.js";
import type { Ticket, TicketEvent } from "../../model/schema.js";

/** M1: the contract computes in whole seconds; sub-second parts are dropped (floored). */
export function toSecond(t: Instant): Instant {
  return Math.floor(t / 1000) * 1000;
}

export interface KnownHistory {
  createdAt: Instant;
  /** Events with `at` ≤ the instant, in time order, `at` in whole seconds and never before createdAt. */
  events: TicketEvent[];
}

/**
 * Events after `at` are not known yet and are dropped. An event stamped before `createdAt`
 * (clock skew between source systems) is moved to `createdAt`: no clock runs before
 * registration, so it cannot have happened earlier for any rule. Returns null when the ticket
 * did not exist yet at `at`.
 */
export function knownHistory(ticket: Ticket, at: Instant): KnownHistory | null {
  const createdAt = toSecond(ticket.createdAt);
  const horizon = toSecond(at);
  if (createdAt > horizon) return null;
  const events: TicketEvent[] = [];
  for (const event of ticket.events) {
    const eventAt = Math.max(createdAt, toSecond(event.at));
    // Events are sorted (ticketRecord sorts them), so the first unknown one ends the list.
    if (eventAt > horizon) break;
    events.push(eventAt === event.at ? event : { ...event, at: eventAt });
  }
  return { createdAt, events };
}

/** A caller-visible entry written by a person: the first substantive response and major updates (decision 3). */
export function isSubstantiveComment(event: TicketEvent): boolean {
  return event.type === "comment" && event.visibleToCaller && !event.automated;
}
