/** What the alert step works with: alerts, the chat channels they go to, and how a send fails. */
import type { ClockKind } from "../engine/calendar/types.js";
import type { TimerClock } from "../engine/timers/index.js";
import type { Instant } from "../model/instant.js";
import type { Priority, TicketType } from "../model/schema.js";
import type { ChatMessageRef } from "../store/types.js";

/**
 * interfaces.md "Notifications": → at-risk, → breached, a major-incident update coming due
 * (`update-due`) and overdue (`update-overdue`); and a clock paused for longer than
 * `notify.pausedAlertAfterHours` (`paused-long`).
 */
export type AlertTransition = "at-risk" | "breached" | "update-due" | "update-overdue" | "paused-long";

/**
 * The last state of a thread's message once its ticket is resolved (or closed without a
 * resolution): an edit of the message where the service can edit (Slack), which notifies nobody.
 */
export type FinalTransition = "resolved" | "closed";

/**
 * How a thread's clock ended when its ticket was resolved or closed:
 * - `met`: stopped in time (for a major-incident update: given in time);
 * - `breached`: more than its allowed time used (`remainingMs` says by how much);
 * - `open`: neither: still counting within its time (a response never given, a ticket closed
 *   unresolved), or an update the cadence no longer owed.
 */
export type ClockEnd = "met" | "breached" | "open";

export interface ClockFinish {
  /** when the ticket was resolved, or closed without a resolution */
  at: Instant;
  end: ClockEnd;
}

/** One alertable state of one ticket's clock at the cycle's instant, or its final state. */
export interface Alert {
  transition: AlertTransition | FinalTransition;
  source: string;
  ticketId: string;
  title: string | null;
  /** the ticket's priority at the instant (what people see in the ticket) */
  priority: Priority | null;
  type: TicketType;
  location: string | null;
  owner: string | null;
  group: string | null;
  clock: TimerClock;
  clockKind: ClockKind;
  /** the clock's deadline (for a paused clock: as if the pause ended at the instant) */
  deadline: Instant;
  /**
   * The instant that identifies this alert in its key: the deadline, except for `paused-long`,
   * whose deadline floats while paused: there it is the pause's start.
   */
  keyInstant: Instant;
  remainingMs: number;
  usedShare: number;
  pausedSince: Instant | null;
  /** the ticket in its source, when the connector knows how to link to it */
  link: string | null;
  /**
   * Final states only (transition `resolved`/`closed`): how the clock ended. Its `remainingMs`
   * and `usedShare` are then those at the clock's end (its stop, the update, or the finish).
   */
  finish?: ClockFinish;
}

/** What a chat channel is shown: the alert, and the zone its times are written in. */
export interface AlertMessage {
  alert: Alert;
  /** the alert key, carried in the message (Slack metadata) so a restart can find it */
  key: string;
  /** IANA zone of the service window (Europe/Amsterdam) */
  zone: string;
  /** the instant the alert is shown at */
  at: Instant;
}

/**
 * One chat destination. `deliver` posts a new message, or updates `previous` in place where the
 * service can (Slack); it returns the message to update next time (null where updates are
 * impossible: Teams workflows).
 */
export interface AlertChannel {
  /** ledger key: `slack:<channel id>` or `teams:<hash>` */
  readonly key: string;
  /** for people and logs: `slack #C0123…`, `teams workflow …` (never a secret) */
  readonly label: string;
  /** shortest gap between two sends (Slack: about one message per second per channel) */
  readonly minIntervalMs: number;
  deliver(
    message: AlertMessage,
    previous: ChatMessageRef | null,
    signal?: AbortSignal,
  ): Promise<ChatMessageRef | null>;
  /**
   * After a send whose outcome is unknown: the message posted with this alert key around
   * `attemptedAt`, null when certainly not posted, or "unknown" when the service cannot be asked.
   */
  findPosted(
    key: string,
    attemptedAt: Instant,
    signal?: AbortSignal,
  ): Promise<ChatMessageRef | null | "unknown">;
  /**
   * Replies in the thread of a message, where the service has threads and the config wants them
   * (Slack, `notify.slack.breachReply`); absent: a breach shown by an edit gets no reply.
   */
  readonly threadReplies?: ThreadReplier;
  /**
   * True where `deliver` can edit a message it posted (Slack): a resolved or closed ticket's
   * messages are then edited to their final state. Absent (Teams): a card stays as it was sent.
   */
  readonly editsInPlace?: boolean;
}

/** Short replies in the thread of an alert's message, so that a change made by an edit notifies. */
export interface ThreadReplier {
  /** Posts the reply to `parent`'s thread; returns the reply's own message. */
  post(message: AlertMessage, parent: ChatMessageRef, signal?: AbortSignal): Promise<ChatMessageRef | null>;
  /** After a reply of unknown outcome: found in `parent`'s thread, certainly not there (null), or "unknown". */
  find(
    key: string,
    parent: ChatMessageRef,
    attemptedAt: Instant,
    signal?: AbortSignal,
  ): Promise<ChatMessageRef | null | "unknown">;
}

/**
 * How a send failed, as the delivery needs to tell:
 * - `rate-limited`: not sent; try again after `retryAfterMs`;
 * - `transient`: outage (network, 5xx); `uncertain` when it may have arrived (timeout, dropped connection);
 * - `config`: the channel cannot be used (token, scope, channel gone): a person must act; kept pending;
 * - `gone`: the message to update no longer exists: post a new one;
 * - `rejected`: this message is refused for good (too long, invalid blocks).
 */
export type DeliveryFailureKind = "rate-limited" | "transient" | "config" | "gone" | "rejected";

export class AlertDeliveryError extends Error {
  override readonly name = "AlertDeliveryError";
  readonly kind: DeliveryFailureKind;
  readonly retryAfterMs: number | null;
  readonly uncertain: boolean;

  constructor(
    kind: DeliveryFailureKind,
    message: string,
    options: { retryAfterMs?: number; uncertain?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.uncertain = options.uncertain ?? false;
  }
}
