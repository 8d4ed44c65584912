/**
 * Ledger keys. An alert's key names the ticket (source + id), the clock, the transition, the
 * instant it is about (the deadline; a pause's start) and the channel: recorded once, sent once.
 * A thread is what one chat message shows and is updated in place: per ticket clock and channel,
 * so → at-risk, → breached and a long pause of that clock edit one message; for major-incident
 * updates per expected update (its due), so every update that comes due is a message of its own.
 *
 * A thread reply (Slack: a breach shown by editing the thread's message, which notifies nobody)
 * is a ledger row of its own: its transition is `reply:<transition>` and its thread is the
 * parent's thread with a `reply` marker, so the reply's own message never becomes the message
 * the thread's later states update.
 */
import type { Alert, AlertTransition } from "./types.js";

/** The transitions that get a thread reply when they are shown by an edit. */
export const REPLIED_TRANSITIONS: ReadonlySet<AlertTransition> = new Set(["breached", "update-overdue"]);

const REPLY_PREFIX = "reply:";

export function alertKey(alert: Alert, channel: string): string {
  return keyOf(alert, alert.transition, channel);
}

export function threadKey(alert: Alert, channel: string): string {
  return JSON.stringify([...threadParts(alert), channel]);
}

/** `reply:breached`, `reply:update-overdue`: the ledger's transition of a thread reply. */
export function replyTransition(transition: AlertTransition): string {
  return `${REPLY_PREFIX}${transition}`;
}

export function isReplyTransition(transition: string): boolean {
  return transition.startsWith(REPLY_PREFIX);
}

export function replyKey(alert: Alert, channel: string): string {
  return keyOf(alert, replyTransition(alert.transition), channel);
}

export function replyThreadKey(alert: Alert, channel: string): string {
  return JSON.stringify([...threadParts(alert), channel, "reply"]);
}

function keyOf(alert: Alert, transition: string, channel: string): string {
  return JSON.stringify([
    alert.source,
    alert.ticketId,
    alert.clock,
    transition,
    new Date(alert.keyInstant).toISOString(),
    channel,
  ]);
}

function threadParts(alert: Alert): string[] {
  const parts = [alert.source, alert.ticketId, alert.clock];
  if (alert.clock === "major-update") parts.push(new Date(alert.deadline).toISOString());
  return parts;
}
