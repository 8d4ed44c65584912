/**
 * What report posting remembers, in the store's meta table (the store's own small key-value
 * state; no table of its own):
 * - `report-post:<job>:<period>:<channel>` → when (and as which message) the scorecard of that
 *   job and period was posted there; written only after the chat service confirmed the post;
 * - `report-post-outbox` → the posts still to make, oldest first: recorded before the first
 *   attempt, marked with the attempt's time while its outcome is unknown, removed once posted.
 */
import { z } from "zod";
import type { Instant } from "../../model/instant.js";
import type { ChatMessageRef, Store } from "../../store/types.js";
import { scorecardSchema } from "./types.js";

export type MetaStore = Pick<Store, "getMeta" | "setMeta">;

const OUTBOX_KEY = "report-post-outbox";

const entrySchema = z.object({
  /** `report-post:<job>:<period>:<channel>`: the sent mark's meta key, and the post's mark in Slack */
  postKey: z.string(),
  /** channel key: `slack:<channel id>` or `teams:<hash>` */
  channel: z.string(),
  card: scorecardSchema,
  attempts: z.number(),
  /** set while an attempt's outcome is unknown (a crash, a dropped connection) */
  attemptedAt: z.number().nullable(),
  /** not tried again before this instant (after a failure) */
  notBefore: z.number(),
  lastError: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof entrySchema>;

const sentSchema = z.object({
  postedAt: z.string(),
  message: z.object({ channel: z.string(), ts: z.string() }).nullable(),
});

export function postKey(job: string, period: string, channel: string): string {
  return `report-post:${job}:${period}:${channel}`;
}

export async function isPosted(store: MetaStore, key: string): Promise<boolean> {
  return (await store.getMeta(key)) !== null;
}

export async function markPosted(
  store: MetaStore,
  key: string,
  at: Instant,
  message: ChatMessageRef | null,
): Promise<void> {
  const value: z.infer<typeof sentSchema> = { postedAt: new Date(at).toISOString(), message };
  await store.setMeta(key, JSON.stringify(value));
}

/**
 * The waiting posts. An outbox that cannot be read (written by a future version, damaged by
 * hand) throws, naming the meta key: dropping it silently would lose posts.
 */
export async function readOutbox(store: MetaStore): Promise<OutboxEntry[]> {
  const text = await store.getMeta(OUTBOX_KEY);
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = z.array(entrySchema).safeParse(value);
  if (!parsed.success)
    throw new Error(`store meta ${OUTBOX_KEY}: not a list of report posts; delete it to start afresh`);
  return parsed.data;
}

export async function writeOutbox(store: MetaStore, entries: readonly OutboxEntry[]): Promise<void> {
  await store.setMeta(OUTBOX_KEY, JSON.stringify(entries));
}
