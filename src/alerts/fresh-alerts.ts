/**
 * What a cycle records in the ledger: the alerts whose key is new, and with a new alert that will
 * be shown by editing its thread's message (Slack), a thread reply, so that the change notifies
 * (docs/alerts.md "A reply in the thread when an edit shows a breach").
 */
import type { Instant } from "../model/instant.js";
import type { AlertIntent, Store } from "../store/types.js";
import type { CurrentAlert } from "./deliver.js";
import { alertKey, replyKey, replyThreadKey, replyTransition, threadKey } from "./keys.js";
import type { Alert } from "./types.js";

/** An alert that holds at the cycle's instant for one channel, and its ledger intent. */
export interface Evaluated {
  alert: CurrentAlert;
  intent: AlertIntent;
  /** a thread reply: the key of the alert it replies to */
  repliesTo?: string;
}

/** An alert (or final state) for one channel, to be sent from `notBefore` on, shown as at `at`. */
export function evaluated(
  alert: Alert,
  channel: string,
  notBefore: Instant,
  zone: string,
  at: Instant,
): Evaluated {
  const key = alertKey(alert, channel);
  const thread = threadKey(alert, channel);
  return {
    intent: {
      key,
      thread,
      channel,
      source: alert.source,
      ticket: alert.ticketId,
      clock: alert.clock,
      transition: alert.transition,
      deadline: alert.keyInstant,
      payload: JSON.stringify(alert),
      notBefore,
    },
    alert: { key, thread, channel, message: { alert, key, zone, at } },
  };
}

/**
 * A thread reply to an alert (Slack: a breach shown by editing the thread's message), recorded
 * right after the alert so it is delivered after it: its own ledger row and key, sent once.
 */
export function threadReply(alert: Alert, parent: AlertIntent, zone: string, at: Instant): Evaluated {
  const key = replyKey(alert, parent.channel);
  const thread = replyThreadKey(alert, parent.channel);
  return {
    intent: { ...parent, key, thread, transition: replyTransition(alert.transition) },
    alert: {
      key,
      thread,
      channel: parent.channel,
      replyTo: parent.thread,
      message: { alert, key, zone, at },
    },
    repliesTo: parent.key,
  };
}

/**
 * The alerts to record this cycle: those whose key is new. A reply only with its (new) alert, and
 * only when that alert will be shown by an edit: its thread already has a message, or a send of
 * unknown outcome that may turn out to be one. Otherwise the alert is posted as a new message,
 * which notifies by itself (and a reply recorded later would be a second notification).
 */
export async function freshAlerts(
  store: Store,
  current: ReadonlyMap<string, Evaluated>,
  known: ReadonlySet<string>,
): Promise<Evaluated[]> {
  // A reply whose alert was recorded in an earlier cycle is never recorded: most breaches have one.
  const fresh = [...current.values()].filter(
    (c) => !known.has(c.intent.key) && (c.repliesTo === undefined || !known.has(c.repliesTo)),
  );
  if (!fresh.some((c) => c.repliesTo !== undefined)) return fresh;
  const uncertain = new Set(
    (await store.unsettledAlerts()).filter((row) => row.status === "sending").map((row) => row.thread),
  );
  const result: Evaluated[] = [];
  for (const c of fresh) {
    const thread = c.repliesTo === undefined ? undefined : current.get(c.repliesTo)?.intent.thread;
    if (thread !== undefined && !uncertain.has(thread) && (await store.alertThreadMessage(thread)) === null) {
      continue;
    }
    result.push(c);
  }
  return result;
}
