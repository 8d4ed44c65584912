/**
 * Slack alerts, their thread replies and report scorecards through @slack/web-api (with
 * slack-errors.ts and slack-history.ts, the only modules that talk to Slack). One WebClient per
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
import { LogLevel, type Logger as SlackLogger, WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { z } from "zod";
import type { AlertChannel, AlertMessage, ThreadReplier } from "../alerts/types.js";
import type { Instant } from "../model/instant.js";
import type { ChatMessageRef } from "../store/types.js";
import { SLACK_REPORT_EVENT_TYPE, slackScorecardContent } from "./chat/report-slack.js";
import { SLACK_EVENT_TYPE, slackAlertContent, slackReplyText } from "./chat/slack-blocks.js";
import type { ReportChannel, Scorecard } from "./report-post/types.js";
import { slackDeliveryError } from "./slack-errors.js";
import { type Found, findInChannel, findInThread, type MessageMark } from "./slack-history.js";

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

/** What chat.postMessage answers that an update or a reply needs later. */
const posted = z.object({ channel: z.string(), ts: z.string() });

/** notify.slack.breachReply: a reply in the thread, also shown in the channel, or none. */
export type BreachReply = "thread" | "broadcast" | "off";

export interface SlackChannelOptions {
  key: string;
  log?: Logger;
  /** default "thread" */
  breachReply?: BreachReply;
}

export class SlackChannel implements AlertChannel, ReportChannel {
  readonly key: string;
  readonly label: string;
  readonly minIntervalMs = 1000;
  /** chat.update: a resolved or closed ticket's messages are edited to their final state */
  readonly editsInPlace = true;
  readonly threadReplies: ThreadReplier | undefined;
  readonly #client: WebClient;
  readonly #channel: string;
  readonly #log: Logger | undefined;

  constructor(client: WebClient, channel: string, options: SlackChannelOptions) {
    this.#client = client;
    this.#channel = channel;
    this.key = options.key;
    this.label = `slack ${channel}`;
    this.#log = options.log;
    const reply = options.breachReply ?? "thread";
    this.threadReplies =
      reply === "off"
        ? undefined
        : {
            post: (message, parent) => this.#reply(message, parent, reply === "broadcast"),
            find: (key, parent, attemptedAt) =>
              findInThread(this.#client, parent, alertMark(key), attemptedAt, this.#log),
          };
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
      throw slackDeliveryError(error, previous !== null ? "chat.update" : "chat.postMessage");
    }
  }

  /**
   * Looks for our message carrying this alert key in the channel's history around the attempt
   * (needs channels:history, or groups:history for a private channel). Without the scope or the
   * membership the answer is "unknown": the delivery then sends again (at least once).
   */
  findPosted(key: string, attemptedAt: Instant): Promise<Found> {
    return findInChannel(this.#client, this.#channel, alertMark(key), attemptedAt, this.#log);
  }

  /**
   * A short reply in the parent's thread: the edit that showed the breach notified nobody, a
   * reply notifies the people who follow the thread; `reply_broadcast` also shows it in the
   * channel (https://docs.slack.dev/reference/methods/chat.postMessage, thread_ts, reply_broadcast).
   */
  async #reply(
    message: AlertMessage,
    parent: ChatMessageRef,
    broadcast: boolean,
  ): Promise<ChatMessageRef | null> {
    try {
      const result = await this.#client.chat.postMessage({
        channel: parent.channel,
        thread_ts: parent.ts,
        reply_broadcast: broadcast,
        text: slackReplyText(message),
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: SLACK_EVENT_TYPE, event_payload: { alert_key: message.key } },
      });
      const ref = posted.safeParse(result);
      return ref.success ? ref.data : null;
    } catch (error) {
      throw slackDeliveryError(error, "chat.postMessage");
    }
  }

  /** Posts a report's scorecard, marked with its post key so a restart can find it. */
  async postScorecard(card: Scorecard, postKey: string): Promise<ChatMessageRef | null> {
    const { text, blocks } = slackScorecardContent(card);
    try {
      const result = await this.#client.chat.postMessage({
        channel: this.#channel,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: {
          event_type: SLACK_REPORT_EVENT_TYPE,
          event_payload: { post_key: postKey, period: card.period.label },
        },
      });
      const ref = posted.safeParse(result);
      return ref.success ? ref.data : null;
    } catch (error) {
      throw slackDeliveryError(error, "chat.postMessage");
    }
  }

  /** A scorecard post of unknown outcome, looked for like an alert (`findPosted`). */
  findScorecard(postKey: string, attemptedAt: Instant): Promise<Found> {
    const mark = { eventType: SLACK_REPORT_EVENT_TYPE, field: "post_key", value: postKey };
    return findInChannel(this.#client, this.#channel, mark, attemptedAt, this.#log);
  }
}

function alertMark(key: string): MessageMark {
  return { eventType: SLACK_EVENT_TYPE, field: "alert_key", value: key };
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
