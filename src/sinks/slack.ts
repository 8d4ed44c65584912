/**
 * Slack alerts through @slack/web-api (the only module that talks to Slack). One WebClient per
 * bot token, shared by every channel that token posts to.
 *
 * Rate limits (graph-chat.md §7.2, §7.4): chat.postMessage allows about one message per second per
 * channel; the delivery paces each channel (`minIntervalMs`). A 429 is *not* left to the SDK: with
 * `rejectRateLimitedCalls: false` it would pause the whole client queue for `Retry-After` seconds
 * with a timer nothing can cancel (not even SIGTERM), and retry for up to half an hour. Here a 429
 * becomes an `AlertDeliveryError("rate-limited")` with its Retry-After, so the delivery waits a
 * short one and defers a long one to a later cycle. Network errors and non-200 answers are
 * retried by the SDK under `retryConfig` (a few quick retries, base delay an option).
 */
import {
  type ConversationsHistoryResponse,
  LogLevel,
  type Logger as SlackLogger,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from "@slack/web-api";
import type { Logger } from "pino";
import { z } from "zod";
import { type AlertChannel, AlertDeliveryError, type AlertMessage } from "../alerts/types.js";
import type { Instant } from "../model/instant.js";
import type { ChatMessageRef } from "../store/types.js";
import { SLACK_EVENT_TYPE, slackAlertContent } from "./chat/slack-blocks.js";

export interface SlackClientOptions {
  token: string;
  /** ends in a slash (notify.slack.apiUrl); default https://slack.com/api/ */
  apiUrl?: string;
  log?: Logger;
  /** SDK retries after a network error or a non-200 answer; default 2 */
  retries?: number;
  /** first retry delay, doubled per retry; default 1 s (tests: 1 ms) */
  baseDelayMs?: number;
  /** per request; default 10 s */
  timeoutMs?: number;
}

export function createSlackClient(options: SlackClientOptions): WebClient {
  const baseDelayMs = options.baseDelayMs ?? 1000;
  return new WebClient(options.token, {
    slackApiUrl: options.apiUrl ?? "https://slack.com/api/",
    logger: sdkLogger(options.log),
    retryConfig: {
      retries: options.retries ?? 2,
      factor: 2,
      minTimeout: baseDelayMs,
      maxTimeout: baseDelayMs * 4,
      randomize: false,
    },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
  });
}

/** How far around a send whose outcome is unknown the channel history is searched for it. */
const LOOK_BEFORE_MS = 5 * 60_000;
const LOOK_AFTER_MS = 15 * 60_000;
/**
 * History pages read at most. Apps not approved for the Slack Marketplace get 15 messages a page
 * and one request a minute (https://api.slack.com/changelog/2025-05-terms-rate-limit-update-and-faq).
 */
const HISTORY_PAGES = 4;

const posted = z.object({ channel: z.string(), ts: z.string() });
const history = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z
          .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) })
          .optional(),
      }),
    )
    .default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

export class SlackChannel implements AlertChannel {
  readonly key: string;
  readonly label: string;
  readonly minIntervalMs = 1000;
  readonly #client: WebClient;
  readonly #channel: string;
  readonly #log: Logger | undefined;

  constructor(client: WebClient, channel: string, options: { key: string; log?: Logger }) {
    this.#client = client;
    this.#channel = channel;
    this.key = options.key;
    this.label = `slack ${channel}`;
    this.#log = options.log;
  }

  async deliver(message: AlertMessage, previous: ChatMessageRef | null): Promise<ChatMessageRef | null> {
    const { text, blocks } = slackAlertContent(message);
    try {
      if (previous !== null) {
        // Text and blocks together: text alone would drop the blocks (graph-chat.md §7.1).
        await this.#client.chat.update({ channel: previous.channel, ts: previous.ts, text, blocks });
        return previous;
      }
      const { alert, key } = message;
      const result = await this.#client.chat.postMessage({
        channel: this.#channel,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: {
          event_type: SLACK_EVENT_TYPE,
          event_payload: {
            alert_key: key,
            source: alert.source,
            ticket: alert.ticketId,
            clock: alert.clock,
            transition: alert.transition,
          },
        },
      });
      const ref = posted.safeParse(result);
      // Posted, but without the ids an update needs: the next state is posted anew.
      return ref.success ? ref.data : null;
    } catch (error) {
      throw deliveryError(error, previous !== null ? "chat.update" : "chat.postMessage");
    }
  }

  /**
   * Looks for our message carrying this alert key in the channel's history around the attempt
   * (needs channels:history, or groups:history for a private channel). Without the scope or the
   * membership the answer is "unknown": the delivery then sends again (at least once).
   */
  async findPosted(key: string, attemptedAt: Instant): Promise<ChatMessageRef | null | "unknown"> {
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      let result: ConversationsHistoryResponse;
      try {
        result = await this.#client.conversations.history({
          channel: this.#channel,
          oldest: slackTs(attemptedAt - LOOK_BEFORE_MS),
          latest: slackTs(attemptedAt + LOOK_AFTER_MS),
          inclusive: true,
          include_all_metadata: true,
          limit: 100,
          ...(cursor !== undefined && { cursor }),
        });
      } catch (error) {
        const failure = deliveryError(error, "conversations.history");
        if (failure.kind !== "config") throw failure;
        this.#log?.warn(
          { channel: this.#channel, error: failure.message },
          "slack history cannot be read; sending again",
        );
        return "unknown";
      }
      const parsed = history.safeParse(result);
      if (!parsed.success) return "unknown";
      const found = parsed.data.messages.find(
        (m) => m.metadata?.event_type === SLACK_EVENT_TYPE && m.metadata.event_payload.alert_key === key,
      );
      if (found !== undefined) return { channel: this.#channel, ts: found.ts };
      cursor = parsed.data.response_metadata?.next_cursor;
      if (parsed.data.has_more !== true || cursor === undefined || cursor === "") return null;
    }
    return "unknown";
  }
}

/** Epoch ms → Slack's "seconds.micros" timestamp. */
function slackTs(ms: Instant): string {
  return (ms / 1000).toFixed(6);
}

// Platform errors (ok: false) that are about this one message; the rest are about the token, the
// scopes or the channel, which a person must fix (https://docs.slack.dev/reference/methods/chat.postMessage#errors).
const GONE = new Set(["message_not_found", "cant_update_message", "edit_window_closed"]);
const REJECTED = new Set([
  "msg_too_long",
  "msg_blocks_too_long",
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "metadata_too_large",
  "no_text",
  "too_many_attachments",
  "invalid_arguments",
]);
const TRANSIENT = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

function deliveryError(error: unknown, method: string): AlertDeliveryError {
  if (error instanceof AlertDeliveryError) return error;
  if (error instanceof WebAPIRateLimitedError) {
    return new AlertDeliveryError(
      "rate-limited",
      `slack ${method}: rate limited (retry after ${error.retryAfter} s)`,
      {
        retryAfterMs: error.retryAfter * 1000,
        cause: error,
      },
    );
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const kind = GONE.has(code)
      ? "gone"
      : REJECTED.has(code)
        ? "rejected"
        : TRANSIENT.has(code)
          ? "transient"
          : "config";
    return new AlertDeliveryError(kind, `slack ${method}: ${code}`, { cause: error });
  }
  if (error instanceof WebAPIHTTPError) {
    const kind = error.statusCode >= 500 ? "transient" : "config";
    return new AlertDeliveryError(kind, `slack ${method}: HTTP ${error.statusCode}`, { cause: error });
  }
  // A request that failed on the way (timeout, dropped connection) may still have been posted.
  const what = error instanceof WebAPIRequestError ? error.original.message : String(error);
  return new AlertDeliveryError("transient", `slack ${method}: ${what}`, { uncertain: true, cause: error });
}

/** The SDK's log lines into ours, warnings and errors only; the SDK redacts the token itself. */
function sdkLogger(log: Logger | undefined): SlackLogger {
  let level = LogLevel.WARN;
  const line = (msg: unknown[]) => msg.map(String).join(" ");
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg) => log?.warn({ slack: line(msg) }, "slack sdk warning"),
    error: (...msg) => log?.error({ slack: line(msg) }, "slack sdk error"),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
