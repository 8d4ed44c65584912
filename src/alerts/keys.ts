/**
 * Ledger keys. An alert's key names the ticket (source + id), the clock, the transition, the
 * instant it is about (the deadline; a pause's start) and the channel: recorded once, sent once.
 * A thread is what one chat message shows and is updated in place: per ticket clock and channel,
 * so → at-risk, → breached and a long pause of that clock edit one message; for major-incident
 * updates per expected update (its due), so every update that comes due is a message of its own.
 */
import type { Alert } from "./types.js";

export function alertKey(alert: Alert, channel: string): string {
  return JSON.stringify([
    alert.source,
    alert.ticketId,
    alert.clock,
    alert.transition,
    new Date(alert.keyInstant).toISOString(),
    channel,
  ]);
}

export function threadKey(alert: Alert, channel: string): string {
  const parts = [alert.source, alert.ticketId, alert.clock];
  if (alert.clock === "major-update") parts.push(new Date(alert.deadline).toISOString());
  return JSON.stringify([...parts, channel]);
}
