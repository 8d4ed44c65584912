/**
 * Finding one of our messages after a send whose outcome is unknown (part of the Slack sink,
 * src/sinks/slack.ts): our messages carry Slack message metadata, and the channel's history (or a
 * thread's replies) around the attempt is searched for it. Needs channels:history, or
 * groups:history for a private channel; without the scope or the membership the answer is
 * "unknown", and the caller sends again (at least once).
 */
import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { z } from "zod";
import { AlertDeliveryError } from "../alerts/types.js";
import type { Instant } from "../model/instant.js";
import type { ChatMessageRef } from "../store/types.js";
import { slackDeliveryError } from "./slack-errors.js";

/** How far around a send whose outcome is unknown the channel history is searched for it. */
const LOOK_BEFORE_MS = 5 * 60_000;
const LOOK_AFTER_MS = 15 * 60_000;
/**
 * History pages read at most. Apps not approved for the Slack Marketplace get 15 messages a page
 * and one request a minute (https://api.slack.com/changelog/2025-05-terms-rate-limit-update-and-faq).
 */
const HISTORY_PAGES = 4;

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

/** How one of our messages is recognised: its metadata's event type and one payload field. */
export interface MessageMark {
  eventType: string;
  field: string;
  value: string;
}

export type Found = ChatMessageRef | null | "unknown";

/** In the channel's history around the attempt (`conversations.history`). */
export function findInChannel(
  client: WebClient,
  channel: string,
  mark: MessageMark,
  attemptedAt: Instant,
  log?: Logger,
): Promise<Found> {
  return search(channel, mark, "conversations.history", log, (cursor) =>
    client.conversations.history({
      channel,
      oldest: slackTs(attemptedAt - LOOK_BEFORE_MS),
      latest: slackTs(attemptedAt + LOOK_AFTER_MS),
      inclusive: true,
      include_all_metadata: true,
      limit: 100,
      ...(cursor !== undefined && { cursor }),
    }),
  );
}

/**
 * In the thread of `parent` (`conversations.replies`): a reply is not in the channel's history
 * unless broadcast. A thread whose message was deleted cannot hold it either (null).
 */
export async function findInThread(
  client: WebClient,
  parent: ChatMessageRef,
  mark: MessageMark,
  attemptedAt: Instant,
  log?: Logger,
): Promise<Found> {
  try {
    return await search(parent.channel, mark, "conversations.replies", log, (cursor) =>
      client.conversations.replies({
        channel: parent.channel,
        ts: parent.ts,
        oldest: slackTs(attemptedAt - LOOK_BEFORE_MS),
        inclusive: true,
        include_all_metadata: true,
        limit: 100,
        ...(cursor !== undefined && { cursor }),
      }),
    );
  } catch (error) {
    if (error instanceof AlertDeliveryError && error.kind === "gone") return null;
    throw error;
  }
}

/**
 * Reads up to HISTORY_PAGES pages for the marked message: the message, null when every page was
 * read without it, "unknown" when the pages ran out or cannot be read. A rate limit or an outage
 * is thrown, so the caller tries later.
 */
async function search(
  channel: string,
  mark: MessageMark,
  method: string,
  log: Logger | undefined,
  page: (cursor: string | undefined) => Promise<unknown>,
): Promise<Found> {
  let cursor: string | undefined;
  for (let n = 0; n < HISTORY_PAGES; n++) {
    let result: unknown;
    try {
      result = await page(cursor);
    } catch (error) {
      const failure = slackDeliveryError(error, method);
      if (failure.kind !== "config") throw failure;
      log?.warn({ channel, error: failure.message }, "slack history cannot be read; sending again");
      return "unknown";
    }
    const parsed = history.safeParse(result);
    if (!parsed.success) return "unknown";
    const found = parsed.data.messages.find(
      (m) => m.metadata?.event_type === mark.eventType && m.metadata.event_payload[mark.field] === mark.value,
    );
    if (found !== undefined) return { channel, ts: found.ts };
    cursor = parsed.data.response_metadata?.next_cursor;
    if (parsed.data.has_more !== true || cursor === undefined || cursor === "") return null;
  }
  return "unknown";
}

/** Epoch ms → Slack's "seconds.micros" timestamp. */
function slackTs(ms: Instant): string {
  return (ms / 1000).toFixed(6);
}
