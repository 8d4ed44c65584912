/**
 * Delivery of recorded alerts, per channel, in the order they were recorded:
 * 1. a row left `sending` (crash, timeout) is resolved first: found in the channel → `sent`;
 *    certainly not there, or the channel cannot be asked (Teams) → sent again;
 * 2. a row whose alert no longer holds is settled unsent: `superseded` when its thread now shows a
 *    later state, `expired` when nothing is left to say (ticket answered, resumed, closed);
 * 3. a row held for quiet time waits without blocking the rows after it; a row deferred after a
 *    failure blocks its channel until its time, so an outage delays alerts without reordering;
 * 4. each send is recorded as an attempt before it starts and confirmed after it ends;
 * 5. a thread reply (a breach shown by an edit) goes into the thread of its parent's message,
 *    and is dropped (`superseded`) when the parent was posted anew, which notifies by itself;
 * 6. a final state (a resolved or closed ticket) only ever edits its thread's message: with no
 *    message left to edit (deleted, or none), it is dropped (`expired`), never posted.
 * Sends on one channel are paced (`minIntervalMs`); channels proceed independently.
 */
import type { Logger } from "pino";
import { sleep } from "../http/retry.js";
import type { Instant } from "../model/instant.js";
import type { AlertRecord, ChatMessageRef, Store } from "../store/types.js";
import { isFinalTransition, isReplyTransition } from "./keys.js";
import { asDeliveryError, pacer, send, sendEdit, sendReply } from "./send.js";
import type { AlertChannel, AlertDeliveryError, AlertMessage } from "./types.js";

export type AlertLedgerStore = Pick<Store, "unsettledAlerts" | "alertThreadMessage" | "updateAlert">;

/** An alert that holds at the cycle's instant, for one channel. */
export interface CurrentAlert {
  key: string;
  thread: string;
  channel: string;
  message: AlertMessage;
  /** a thread reply: the thread whose message it answers in */
  replyTo?: string;
}

export interface DeliveryTuning {
  /** real time, for pacing and attempt times; default Date.now */
  clock?: () => Instant;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** a Retry-After up to this long is waited out; a longer one defers the channel; default 5 s */
  maxInlineWaitMs?: number;
  /** sends per channel and cycle; the rest wait for the next cycle; default 30 */
  maxPerChannel?: number;
  /** after a failure: base × 2^(attempts − 1), at most max; default 1 min and 30 min */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface DeliveryOptions extends DeliveryTuning {
  store: AlertLedgerStore;
  channels: ReadonlyMap<string, AlertChannel>;
  current: ReadonlyMap<string, CurrentAlert>;
  /** the cycle's instant: what is due, and from when a deferral counts */
  now: Instant;
  signal?: AbortSignal;
  log?: Logger;
}

export interface ChannelDelivery {
  sent: number;
  /** of `sent`, how many updated an earlier message in place */
  updated: number;
  /** of `sent`, how many were thread replies (a breach shown by an edit) */
  replied: number;
  /** sends of unknown outcome found delivered after all */
  recovered: number;
  superseded: number;
  expired: number;
  failed: number;
  /** rows that failed this cycle and wait for a later one */
  deferred: number;
  /** why the channel cannot deliver (credential, configuration, channel gone): a failed run */
  error?: string;
  /** why delivery waits (outage, rate limit): alerts stay pending and go out later, the run is fine */
  delayed?: string;
}

export function emptyDelivery(): ChannelDelivery {
  return {
    sent: 0,
    updated: 0,
    replied: 0,
    recovered: 0,
    superseded: 0,
    expired: 0,
    failed: 0,
    deferred: 0,
  };
}

/** Delivers what is due; returns what happened per channel key (channels with no rows are absent). */
export async function deliverAlerts(options: DeliveryOptions): Promise<Map<string, ChannelDelivery>> {
  const rows = await options.store.unsettledAlerts();
  const byChannel = new Map<string, AlertRecord[]>();
  for (const row of rows) {
    const list = byChannel.get(row.channel) ?? [];
    list.push(row);
    byChannel.set(row.channel, list);
  }
  const liveThreads = new Set([...options.current.values()].map((c) => c.thread));
  const results = new Map<string, ChannelDelivery>();
  // Every channel runs to its end before a failure (of the ledger) is passed on, so that no send
  // is still under way when the caller closes the store.
  const settled = await Promise.allSettled(
    [...byChannel].map(async ([key, list]) => {
      results.set(key, await deliverChannel(options, key, list, liveThreads));
    }),
  );
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure !== undefined) throw failure.reason;
  return results;
}

async function deliverChannel(
  options: DeliveryOptions,
  key: string,
  rows: readonly AlertRecord[],
  liveThreads: ReadonlySet<string>,
): Promise<ChannelDelivery> {
  const { store, now, signal, log } = options;
  const clock = options.clock ?? Date.now;
  const result = emptyDelivery();
  const channel = options.channels.get(key);
  if (channel === undefined) {
    // Removed from the config: nowhere left to send these.
    for (const row of rows) await settle(store, row, "expired", clock(), "channel no longer configured");
    result.expired += rows.length;
    return result;
  }
  const pace = pacer(channel.minIntervalMs, clock, options.sleep ?? sleep, signal);
  /** Not sent this cycle; tried again after a backoff that grows with the attempts made. */
  const defer = async (
    row: AlertRecord,
    attempts: number,
    error: AlertDeliveryError,
    uncertain = error.uncertain,
  ) => {
    const base = options.backoffBaseMs ?? 60_000;
    const backoff = Math.min(options.backoffMaxMs ?? 30 * 60_000, base * 2 ** Math.max(0, attempts - 1));
    const notBefore = now + Math.max(backoff, error.retryAfterMs ?? 0);
    await store.updateAlert(row.id, {
      kind: "defer",
      notBefore,
      error: error.message,
      uncertain,
    });
    result.deferred++;
    // A chat outage delays alerts without failing the cycle; a setting a person must fix does fail it.
    if (error.kind === "config" || error.kind === "gone") result.error = error.message;
    else result.delayed = error.message;
    log?.warn(
      { channel: channel.label, alert: row.key, error: error.message, notBefore },
      "alert delivery deferred",
    );
  };
  /** Threads whose message this run posted as a new message: their replies are not needed. */
  const postedAnew = new Set<string>();

  for (const row of rows) {
    if (signal?.aborted) break;
    // A row deferred after a failure holds its channel, so later alerts do not overtake it.
    if (row.attempts > 0 && row.notBefore > now) break;
    const current = options.current.get(row.key);
    if (row.status === "sending") {
      let outcome: ChatMessageRef | null | "unknown" | "update";
      try {
        outcome = await unknownOutcome(channel, store, row, current, signal);
      } catch (error) {
        // Could not look: it stays of unknown outcome (`sending`) until a lookup can be made.
        await defer(row, row.attempts, asDeliveryError(error), true);
        break;
      }
      if (outcome !== null && outcome !== "unknown" && outcome !== "update") {
        await store.updateAlert(row.id, { kind: "sent", at: clock(), message: outcome });
        result.recovered++;
        continue;
      }
    }
    if (current === undefined) {
      const status = liveThreads.has(row.thread) ? "superseded" : "expired";
      await settle(store, row, status, clock());
      result[status]++;
      continue;
    }
    // Held for quiet time: the rows after it may go.
    if (row.notBefore > now) continue;
    if (result.sent >= (options.maxPerChannel ?? 30)) break;
    const replier = channel.threadReplies;
    /** a thread reply's parent: the message whose thread it answers in */
    let parent: ChatMessageRef | null = null;
    if (current.replyTo !== undefined) {
      if (replier === undefined) {
        await settle(store, row, "expired", clock(), "thread replies are turned off");
        result.expired++;
        continue;
      }
      parent = postedAnew.has(current.replyTo) ? null : await store.alertThreadMessage(current.replyTo);
      if (parent === null) {
        // The state was posted as a new message, which notifies by itself.
        await settle(store, row, "superseded", clock(), "shown in a new message");
        result.superseded++;
        continue;
      }
    }
    const previous = parent === null ? await store.alertThreadMessage(row.thread) : null;
    const final = isFinalTransition(row.transition);
    if (final && (previous === null || channel.editsInPlace !== true)) {
      const why = previous === null ? "no message to edit" : "the channel cannot edit its messages";
      await settle(store, row, "expired", clock(), why);
      result.expired++;
      continue;
    }
    await pace();
    // Another process (a `sync` beside the daemon) claimed it first: the channel is its for now.
    if (!(await store.updateAlert(row.id, { kind: "attempt", at: clock(), attempts: row.attempts }))) break;
    let message: ChatMessageRef | null;
    try {
      message =
        parent !== null && replier !== undefined
          ? await sendReply(replier, current.message, parent, options)
          : final && previous !== null
            ? await sendEdit(channel, current.message, previous, options)
            : await send(channel, current.message, previous, options);
    } catch (error) {
      const failure = asDeliveryError(error);
      if (failure.kind === "rejected") {
        await settle(store, row, "failed", clock(), failure.message);
        result.failed++;
        log?.error(
          { channel: channel.label, alert: row.key, error: failure.message },
          "alert refused by the chat service",
        );
        continue;
      }
      if (failure.kind === "gone" && (parent !== null || final)) {
        // Someone deleted the thread's message: nothing left to reply to, or to edit.
        await settle(store, row, "expired", clock(), failure.message);
        result.expired++;
        continue;
      }
      await defer(row, row.attempts + 1, failure);
      break;
    } finally {
      pace.sent();
    }
    // The confirmation. Should it fail, the row stays `sending` and the next run resolves it.
    await store.updateAlert(row.id, { kind: "sent", at: clock(), message });
    result.sent++;
    if (parent !== null) result.replied++;
    else if (previous !== null && message !== null && message.ts === previous.ts) result.updated++;
    else postedAnew.add(row.thread);
  }
  return result;
}

/**
 * What became of a send whose outcome is unknown. An update in place can simply be made again
 * ("update"); a post is looked for in the channel, a reply in its parent's thread (null: not
 * there, "unknown": cannot tell).
 */
async function unknownOutcome(
  channel: AlertChannel,
  store: AlertLedgerStore,
  row: AlertRecord,
  current: CurrentAlert | undefined,
  signal: AbortSignal | undefined,
): Promise<ChatMessageRef | null | "unknown" | "update"> {
  const attemptedAt = row.attemptedAt ?? row.createdAt;
  if (current?.replyTo !== undefined) {
    const parent = await store.alertThreadMessage(current.replyTo);
    if (parent === null || channel.threadReplies === undefined) return null;
    return channel.threadReplies.find(row.key, parent, attemptedAt, signal);
  }
  // A reply whose breach no longer holds is settled unsent below: nothing to look for.
  if (isReplyTransition(row.transition)) return null;
  // A final state is only ever an edit: made again (or dropped below when no message is left).
  if (isFinalTransition(row.transition)) return "update";
  if ((await store.alertThreadMessage(row.thread)) !== null) return "update";
  return channel.findPosted(row.key, attemptedAt, signal);
}

async function settle(
  store: AlertLedgerStore,
  row: AlertRecord,
  status: "superseded" | "expired" | "failed",
  at: Instant,
  error?: string,
): Promise<void> {
  await store.updateAlert(row.id, { kind: "settle", status, at, ...(error !== undefined && { error }) });
}
