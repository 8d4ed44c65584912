/**
 * Posting written reports' scorecards to chat (`schedule.reports[].post`), once per job, period
 * and channel, surviving restarts. A post is queued in the outbox (meta table) before it is tried
 * and marked as posted only after the chat service confirmed it; a failure leaves it queued and
 * logged, and `flush` (the report job's next run, the retry job, the catch-up after a restart)
 * tries again without writing the files again. A post whose outcome is unknown is looked for in
 * Slack by its metadata before it is made again; a Teams workflow cannot be asked, so there it
 * is made again (at least once), as for alerts (docs/alerts.md "Exactly once, and its limits").
 */
import type { Logger } from "pino";
import { targetSpec } from "../../alerts/routing.js";
import { asDeliveryError } from "../../alerts/send.js";
import type { AlertDeliveryError } from "../../alerts/types.js";
import { channelTarget, type NotifyConfig } from "../../config/schema/notify.js";
import type { PeriodReport } from "../../engine/report/model.js";
import { sleep as realSleep } from "../../http/retry.js";
import type { Instant } from "../../model/instant.js";
import {
  isPosted,
  type MetaStore,
  markPosted,
  type OutboxEntry,
  postKey,
  readOutbox,
  writeOutbox,
} from "./outbox.js";
import { scorecardOf } from "./scorecard.js";
import type { ReportChannel } from "./types.js";

export interface ReportPosterOptions {
  store: MetaStore;
  /** every configured chat channel by key (buildAlertChannels) */
  channels: ReadonlyMap<string, ReportChannel>;
  /** resolves `post` references */
  notify: NotifyConfig;
  log?: Logger;
  /** real time: attempt times, backoff; default Date.now */
  clock?: () => Instant;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** after a failure: base × 2^(attempts − 1), at most max; default 5 min and 2 h */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** told each outcome of a post, e.g. for the daemon's metrics */
  onOutcome?: (outcome: PostOutcome, channel: string) => void;
}

/** What became of one attempt at a post: `failed` ones are tried again later, `refused` and `dropped` never. */
export type PostOutcome = "posted" | "recovered" | "failed" | "refused" | "dropped";

/** A written report and where its schedule entry posts it. */
export interface ReportToPost {
  job: string;
  report: PeriodReport;
  files: readonly string[];
  post: readonly string[];
  publicUrl?: string;
}

export interface PostSummary {
  posted: number;
  /** posts of unknown outcome found made after all */
  recovered: number;
  /** posts still waiting after this run (failed now or earlier) */
  waiting: number;
}

export class ReportPoster {
  readonly #options: ReportPosterOptions;

  constructor(options: ReportPosterOptions) {
    this.#options = options;
  }

  /**
   * Queues the report's scorecard for every `post` channel it was not posted to yet for this job
   * and period (a second run for the same period posts nothing), then posts what is due.
   */
  async post(written: ReportToPost, signal?: AbortSignal): Promise<PostSummary> {
    const { store, notify, log } = this.#options;
    const card = scorecardOf({
      job: written.job,
      report: written.report,
      files: written.files,
      ...(written.publicUrl !== undefined && { publicUrl: written.publicUrl }),
    });
    const outbox = await readOutbox(store);
    for (const ref of written.post) {
      const target = channelTarget(notify, ref);
      // The config's schema checked every reference; one that names nothing is a bug, not a post.
      if (typeof target === "string") {
        log?.error({ job: written.job, post: ref, error: target }, "report post skipped");
        continue;
      }
      const channel = targetSpec(target).key;
      const key = postKey(written.job, card.period.label, channel);
      if (await isPosted(store, key)) continue;
      const queued = outbox.find((e) => e.postKey === key);
      // Not tried yet, or certainly not posted: the newer figures replace the queued ones.
      if (queued !== undefined && queued.attemptedAt === null) queued.card = card;
      if (queued === undefined) {
        outbox.push({
          postKey: key,
          channel,
          card,
          attempts: 0,
          attemptedAt: null,
          notBefore: 0,
          lastError: null,
        });
      }
    }
    await writeOutbox(store, outbox);
    return this.flush(signal);
  }

  /** Whether posts wait in the outbox (for the catch-up after a restart). */
  async waiting(): Promise<boolean> {
    return (await readOutbox(this.#options.store)).length > 0;
  }

  /** Makes the waiting posts that are due, oldest first; a failing channel waits, the others go on. */
  async flush(signal?: AbortSignal): Promise<PostSummary> {
    const { store, log } = this.#options;
    const clock = this.#options.clock ?? Date.now;
    const summary: PostSummary = { posted: 0, recovered: 0, waiting: 0 };
    const outbox = await readOutbox(store);
    const stopped = new Set<string>();
    const lastSent = new Map<string, Instant>();
    const remove = async (entry: OutboxEntry) => {
      outbox.splice(outbox.indexOf(entry), 1);
      await writeOutbox(store, outbox);
    };
    for (const entry of [...outbox]) {
      if (signal?.aborted || stopped.has(entry.channel)) continue;
      const fields = { job: entry.card.job, period: entry.card.period.label, channel: entry.channel };
      const channel = this.#options.channels.get(entry.channel);
      if (channel === undefined) {
        log?.warn(fields, "report post dropped: the channel is no longer configured");
        this.#options.onOutcome?.("dropped", entry.channel);
        await remove(entry);
        continue;
      }
      if (await isPosted(store, entry.postKey)) {
        await remove(entry);
        continue;
      }
      if (entry.notBefore > clock()) {
        stopped.add(entry.channel);
        continue;
      }
      if (entry.attemptedAt !== null) {
        let found: Awaited<ReturnType<ReportChannel["findScorecard"]>>;
        try {
          found = await channel.findScorecard(entry.postKey, entry.attemptedAt, signal);
        } catch (error) {
          // Could not look (rate limit, outage): the outcome stays unknown until a lookup can be made.
          stopped.add(entry.channel);
          await this.#failed(outbox, entry, asDeliveryError(error), true, fields);
          continue;
        }
        if (found !== null && found !== "unknown") {
          await markPosted(store, entry.postKey, clock(), found);
          await remove(entry);
          summary.recovered++;
          log?.info(fields, "report post found made after a restart");
          this.#options.onOutcome?.("recovered", entry.channel);
          continue;
        }
      }
      // About one message per second per Slack channel (graph-chat.md §7.2).
      const gap = (lastSent.get(entry.channel) ?? Number.NEGATIVE_INFINITY) + channel.minIntervalMs - clock();
      // A stop during the wait ends the run; the post stays queued.
      if (gap > 0) await (this.#options.sleep ?? realSleep)(gap, signal).catch(() => {});
      if (signal?.aborted) break;
      // The intent: should the process die during the post, the next run looks before posting again.
      entry.attempts++;
      entry.attemptedAt = clock();
      await writeOutbox(store, outbox);
      try {
        const message = await channel.postScorecard(entry.card, entry.postKey, signal);
        lastSent.set(entry.channel, clock());
        await markPosted(store, entry.postKey, clock(), message);
      } catch (error) {
        lastSent.set(entry.channel, clock());
        const failure = asDeliveryError(error);
        if (failure.kind === "rejected") {
          log?.error({ ...fields, error: failure.message }, "report post refused by the chat service");
          this.#options.onOutcome?.("refused", entry.channel);
          await remove(entry);
          continue;
        }
        stopped.add(entry.channel);
        await this.#failed(outbox, entry, failure, failure.uncertain, fields);
        continue;
      }
      await remove(entry);
      summary.posted++;
      log?.info(fields, "report posted");
      this.#options.onOutcome?.("posted", entry.channel);
    }
    summary.waiting = outbox.length;
    return summary;
  }

  /** Keeps the post queued with a next-attempt time; `uncertain`: it may have been made. */
  async #failed(
    outbox: OutboxEntry[],
    entry: OutboxEntry,
    failure: AlertDeliveryError,
    uncertain: boolean,
    fields: Record<string, string>,
  ): Promise<void> {
    const now = (this.#options.clock ?? Date.now)();
    if (!uncertain) entry.attemptedAt = null;
    entry.notBefore = now + Math.max(this.#backoff(entry.attempts), failure.retryAfterMs ?? 0);
    entry.lastError = failure.message;
    await writeOutbox(this.#options.store, outbox);
    this.#options.onOutcome?.("failed", entry.channel);
    this.#options.log?.error(
      { ...fields, error: failure.message, notBefore: new Date(entry.notBefore).toISOString() },
      "report post failed; retried later",
    );
  }

  #backoff(attempts: number): number {
    const base = this.#options.backoffBaseMs ?? 5 * 60_000;
    return Math.min(this.#options.backoffMaxMs ?? 2 * 3_600_000, base * 2 ** Math.max(0, attempts - 1));
  }
}
