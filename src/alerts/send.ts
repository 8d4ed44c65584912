/**
 * One send to a chat channel, as the delivery makes it: short rate-limit waits taken in place, a
 * vanished message posted anew, and sends on one channel spaced by its `minIntervalMs`.
 */
import { sleep as realSleep } from "../http/retry.js";
import type { Instant } from "../model/instant.js";
import type { ChatMessageRef } from "../store/types.js";
import { type AlertChannel, AlertDeliveryError, type AlertMessage, type ThreadReplier } from "./types.js";

export interface SendOptions {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** a Retry-After up to this long is waited out; a longer one is passed on; default 5 s */
  maxInlineWaitMs?: number;
  signal?: AbortSignal;
}

/** Posts the message, or updates `previous` in place; a `previous` that is gone is posted anew. */
export async function send(
  channel: AlertChannel,
  message: AlertMessage,
  previous: ChatMessageRef | null,
  options: SendOptions,
): Promise<ChatMessageRef | null> {
  try {
    return await withShortWaits(() => channel.deliver(message, previous, options.signal), options);
  } catch (error) {
    if (!(error instanceof AlertDeliveryError) || error.kind !== "gone" || previous === null) throw error;
    return withShortWaits(() => channel.deliver(message, null, options.signal), options);
  }
}

/**
 * Edits `previous` to a final state. Unlike `send`, a message that is gone is not posted anew: a
 * final state notifies nobody and is not worth a message of its own.
 */
export function sendEdit(
  channel: AlertChannel,
  message: AlertMessage,
  previous: ChatMessageRef,
  options: SendOptions,
): Promise<ChatMessageRef | null> {
  return withShortWaits(() => channel.deliver(message, previous, options.signal), options);
}

/** Replies in `parent`'s thread. */
export function sendReply(
  replier: ThreadReplier,
  message: AlertMessage,
  parent: ChatMessageRef,
  options: SendOptions,
): Promise<ChatMessageRef | null> {
  return withShortWaits(() => replier.post(message, parent, options.signal), options);
}

/** Runs `attempt`, waiting out up to two short Retry-Afters; any other failure is passed on. */
async function withShortWaits<T>(attempt: () => Promise<T>, options: SendOptions): Promise<T> {
  for (let waited = 0; ; waited++) {
    try {
      return await attempt();
    } catch (error) {
      const failure = asDeliveryError(error);
      const wait = failure.retryAfterMs;
      if (
        failure.kind !== "rate-limited" ||
        wait === null ||
        wait > (options.maxInlineWaitMs ?? 5000) ||
        waited >= 2
      ) {
        throw failure;
      }
      await (options.sleep ?? realSleep)(wait, options.signal);
    }
  }
}

export function asDeliveryError(error: unknown): AlertDeliveryError {
  if (error instanceof AlertDeliveryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AlertDeliveryError("transient", message, { uncertain: true, cause: error });
}

/** Waits so that sends on one channel are at least `intervalMs` apart. */
export function pacer(
  intervalMs: number,
  clock: () => Instant,
  wait: (ms: number, signal?: AbortSignal) => Promise<void>,
  signal: AbortSignal | undefined,
) {
  let last: Instant | null = null;
  const pace = async () => {
    if (last === null) return;
    const gap = last + intervalMs - clock();
    if (gap > 0) await wait(gap, signal);
  };
  pace.sent = () => {
    last = clock();
  };
  return pace;
}
