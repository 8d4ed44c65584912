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
 *
 * A final state (a resolved or closed ticket's last edit of the message) is a row of the thread
 * like its alerts: transition `resolved` or `closed`, instant the finish (for a major-incident
 * update's thread, which its due already names, the due). A ticket resolved again after a
 * reopening finishes at a new instant: its messages get the new final state, once.
 *
 * A reopened ticket whose clock alerts for a deadline it already alerted for (the reopening moved
 * no business time) has that alert's key in the ledger; when its message shows a final state,
 * the alert is shown again under a key of its own: transition `reopened:<transition>`, instant
 * the reopening.
 */
import type { Alert, AlertTransition, FinalTransition } from "./types.js";

/** The transitions that get a thread reply when they are shown by an edit. */
export const REPLIED_TRANSITIONS: ReadonlySet<Alert["transition"]> = new Set<AlertTransition>([
  "breached",
  "update-overdue",
]);

const REPLY_PREFIX = "reply:";
const REOPENED_PREFIX = "reopened:";
const FINAL_TRANSITIONS: ReadonlySet<string> = new Set<FinalTransition>(["resolved", "closed"]);

export function alertKey(alert: Alert, channel: string): string {
  return keyOf(alert, alert.transition, channel);
}

export function threadKey(alert: ThreadOf, channel: string): string {
  return JSON.stringify([...threadParts(alert), channel]);
}

/** `reply:breached`, `reply:update-overdue`: the ledger's transition of a thread reply. */
export function replyTransition(transition: string): string {
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

export function isFinalTransition(transition: string): transition is FinalTransition {
  return FINAL_TRANSITIONS.has(transition);
}

/** `reopened:breached`: the ledger's transition of an alert shown again after a reopening. */
export function reopenedTransition(transition: string): string {
  return `${REOPENED_PREFIX}${transition}`;
}

/** The key of an alert shown again on a message that shows a final state, after `reopenedAt`. */
export function reopenedKey(alert: Alert, channel: string, reopenedAt: number): string {
  return keyOf({ ...alert, keyInstant: reopenedAt }, reopenedTransition(alert.transition), channel);
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

/** What names a thread: the ticket, the clock and, for a major-incident update, its due. */
type ThreadOf = Pick<Alert, "source" | "ticketId" | "clock" | "deadline">;

function threadParts(alert: ThreadOf): string[] {
  const parts = [alert.source, alert.ticketId, alert.clock];
  if (alert.clock === "major-update") parts.push(new Date(alert.deadline).toISOString());
  return parts;
}
