/**
 * The alert step of a sync cycle (after the write-back): evaluate every open ticket's timers,
 * and the final state of recently resolved or closed tickets' messages where a channel edits in
 * place; record each new alert per channel in the ledger (the intent), then deliver what is due. A
 * chat outage only leaves alerts pending with a next-attempt time: polling and write-back have
 * already run, and the next cycle delivers them, in order. A dry run records and sends nothing
 * and lists what it would send.
 */
import type { Logger } from "pino";
import type { NotifyConfig } from "../config/schema/notify.js";
import type { TimerContext } from "../engine/timers/index.js";
import type { Instant } from "../model/instant.js";
import type { AlertRecord, Store } from "../store/types.js";
import { currentAlerts } from "./current-alerts.js";
import { type ChannelDelivery, type DeliveryTuning, deliverAlerts, emptyDelivery } from "./deliver.js";
import { reopenedAlerts } from "./final-threads.js";
import { type Evaluated, freshAlerts } from "./fresh-alerts.js";
import type { TicketLinker } from "./links.js";
import type { AlertChannel } from "./types.js";

export { DEFAULT_PAUSED_ALERT_AFTER_HOURS } from "./current-alerts.js";

/** Settled ledger rows of finished tickets are kept this long, then pruned. */
const LEDGER_KEEP_MS = 90 * 86_400_000;

export interface AlertStepOptions {
  store: Store;
  notify: NotifyConfig;
  /** calendar, clock policy, the cycle's instant and notify.atRiskAt */
  context: TimerContext;
  /** channel key → channel (buildAlertChannels) */
  channels: ReadonlyMap<string, AlertChannel>;
  links?: TicketLinker;
  dryRun?: boolean;
  log?: Logger;
  signal?: AbortSignal;
  delivery?: DeliveryTuning;
}

/** What a dry run would send on a channel. */
export interface AlertPreview {
  source: string;
  ticket: string;
  clock: string;
  transition: string;
  /**
   * ISO instant of the deadline (of the pause's start, for paused-long; of the resolution or
   * closing, for a final state; of the reopening, for an alert shown again after one)
   */
  deadline: string;
  /**
   * `post` a new message, `update` the thread's message in place (a resolved or closed ticket's
   * final state among them), `reply` in the thread of the message an update changed (Slack), or
   * `held` for quiet time
   */
  action: "post" | "update" | "reply" | "held";
  /** held: when the service window opens */
  notBefore?: string;
}

/** One configured channel's part of a cycle; `SyncOnceResult.alerts` lists one per channel. */
export interface AlertSummary extends ChannelDelivery {
  /** the channel as people see it: `slack C0123456789`, `teams 3f2a…` (never the workflow URL) */
  channel: string;
  mode: "send" | "dry-run";
  /** new alerts recorded this cycle (dry run: that would be) */
  recorded: number;
  /** alerts not delivered after this cycle, held ones included */
  pending: number;
  /** of `pending`, those waiting for the service window to open */
  held: number;
  /** dry run only */
  wouldSend: AlertPreview[];
}

export async function runAlerts(options: AlertStepOptions): Promise<AlertSummary[]> {
  const { store, channels, context, log } = options;
  if (channels.size === 0) return [];
  const now = context.now;
  const summaries = new Map<string, AlertSummary>();
  for (const [key, channel] of channels) {
    summaries.set(key, {
      channel: channel.label,
      mode: options.dryRun === true ? "dry-run" : "send",
      recorded: 0,
      pending: 0,
      held: 0,
      wouldSend: [],
      ...emptyDelivery(),
    });
  }
  try {
    const { current, reopenings } = await currentAlerts(options);
    const known = await store.knownAlertKeys([...current.keys()]);
    const reopened = await reopenedAlerts(store, current, known, reopenings);
    for (const again of reopened) current.set(again.intent.key, again);
    if (reopened.length > 0) {
      for (const key of await store.knownAlertKeys(reopened.map((r) => r.intent.key))) known.add(key);
    }
    const fresh = await freshAlerts(store, current, known);
    for (const c of fresh) {
      const summary = summaries.get(c.intent.channel);
      if (summary !== undefined) summary.recorded++;
    }
    if (options.dryRun === true) {
      await preview(store, current, fresh, summaries, now);
      return [...summaries.values()];
    }
    await store.recordAlerts(
      fresh.map((c) => c.intent),
      now,
    );
    const delivered = await deliverAlerts({
      ...options.delivery,
      store,
      channels,
      current: new Map([...current].map(([key, c]) => [key, c.alert])),
      now,
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(log !== undefined && { log }),
    });
    for (const [key, result] of delivered) {
      const summary = summaries.get(key);
      if (summary !== undefined) Object.assign(summary, result);
    }
    countPending(await store.unsettledAlerts(), summaries, now);
    await store.pruneAlerts(now - LEDGER_KEEP_MS);
  } catch (error) {
    // The ledger itself failed (the database), or a shutdown stopped the delivery: every
    // channel's step failed; what was recorded stays, and a send under way stays `sending`.
    const message = options.signal?.aborted
      ? "alert delivery stopped by shutdown"
      : `alert ledger: ${error instanceof Error ? error.message : String(error)}`;
    log?.error({ error: message }, "alert step failed");
    for (const summary of summaries.values()) summary.error = message;
  }
  return [...summaries.values()];
}

async function preview(
  store: Store,
  current: ReadonlyMap<string, Evaluated>,
  fresh: readonly Evaluated[],
  summaries: Map<string, AlertSummary>,
  now: Instant,
): Promise<void> {
  const due: Array<{ evaluated: Evaluated; notBefore: Instant }> = [];
  for (const row of await store.unsettledAlerts()) {
    const evaluated = current.get(row.key);
    if (evaluated !== undefined) due.push({ evaluated, notBefore: row.notBefore });
  }
  for (const evaluated of fresh) due.push({ evaluated, notBefore: evaluated.intent.notBefore });
  for (const { evaluated, notBefore } of due) {
    const summary = summaries.get(evaluated.intent.channel);
    if (summary === undefined) continue;
    const { intent } = evaluated;
    const held = notBefore > now;
    const action = held
      ? "held"
      : evaluated.repliesTo !== undefined
        ? "reply"
        : (await store.alertThreadMessage(intent.thread)) !== null
          ? "update"
          : "post";
    summary.wouldSend.push({
      source: intent.source,
      ticket: intent.ticket,
      clock: intent.clock,
      transition: intent.transition,
      deadline: new Date(intent.deadline).toISOString(),
      action,
      ...(held && { notBefore: new Date(notBefore).toISOString() }),
    });
    if (held) summary.held++;
  }
}

function countPending(
  rows: readonly AlertRecord[],
  summaries: Map<string, AlertSummary>,
  now: Instant,
): void {
  for (const row of rows) {
    const summary = summaries.get(row.channel);
    if (summary === undefined) continue;
    summary.pending++;
    if (row.attempts === 0 && row.notBefore > now) summary.held++;
  }
}
