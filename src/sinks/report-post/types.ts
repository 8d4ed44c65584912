/**
 * A written report's scorecard as chat channels are shown it, and the channels that post it. The
 * scorecard is a zod schema because it waits in the store's meta table while a chat service is
 * down, and is read back from there.
 */
import { z } from "zod";
import type { Instant } from "../../model/instant.js";
import type { ChatMessageRef } from "../../store/types.js";

const item = z.object({
  id: z.string(),
  name: z.string(),
  /** the score against the norm: "91 % (norm ≤ 1 h (business hours) in 95 %)" */
  result: z.string(),
  /** deviations: the KPI's notes; agenda: why it is on it ("norm missed", "standing item") */
  notes: z.array(z.string()),
});

/** The compact summary of one written period report; catalog text raw, each renderer escapes it. */
export const scorecardSchema = z.object({
  /** the schedule entry that wrote it: `reports[0]:month` */
  job: z.string(),
  period: z.object({ label: z.string(), kind: z.string(), start: z.number(), end: z.number() }),
  /** the contract's zone, for the period's dates */
  zone: z.string(),
  catalogVersion: z.string(),
  /** false: made before the period ended, every figure may still change */
  periodComplete: z.boolean(),
  counts: z.object({ met: z.number(), notMet: z.number(), noData: z.number() }),
  /** minimum requirements not met, in catalog order */
  deviations: z.array(item),
  /** per meeting level with something to discuss, in meeting order */
  agenda: z.array(
    z.object({ level: z.enum(["operational", "tactical", "strategic"]), items: z.array(item) }),
  ),
  /** the files written; `url` when the schedule entry has a publicUrl */
  files: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
});

export type Scorecard = z.infer<typeof scorecardSchema>;
export type ScorecardItem = z.infer<typeof item>;

/** A chat channel that can post a scorecard (Slack, a Teams workflow). */
export interface ReportChannel {
  /** `slack:<channel id>` or `teams:<hash>`, as in the alert ledger */
  readonly key: string;
  readonly label: string;
  /** shortest gap between two sends on this channel */
  readonly minIntervalMs: number;
  /** Posts the scorecard, marked with `postKey` where the service keeps marks (Slack metadata). */
  postScorecard(card: Scorecard, postKey: string, signal?: AbortSignal): Promise<ChatMessageRef | null>;
  /** After a post of unknown outcome: found, certainly not posted (null), or "unknown". */
  findScorecard(
    postKey: string,
    attemptedAt: Instant,
    signal?: AbortSignal,
  ): Promise<ChatMessageRef | null | "unknown">;
}
