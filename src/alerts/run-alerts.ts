/**
 * The alert step of a sync cycle (after the write-back): evaluate every open ticket's timers,
 * record each new alert per channel in the ledger (the intent), then deliver what is due. A
 * chat outage only leaves alerts pending with a next-attempt time: polling and write-back have
 * already run, and the next cycle delivers them, in order. A dry run records and sends nothing
 * and lists what it would send.
 */
import type { Logger } from "pino";
import type { NotifyConfig } from "../config/schema/notify.js";
import { type TimerContext, ticketTimers } from "../engine/timers/index.js";
import type { Instant } from "../model/instant.js";
import type { AlertIntent, AlertRecord, Store } from "../store/types.js";
import { type ChannelDelivery, type DeliveryTuning, deliverAlerts, emptyDelivery } from "./deliver.js";
import { type AlertRules, alertsOf } from "./evaluate.js";
import { type Evaluated, freshAlerts, threadReply } from "./fresh-alerts.js";
import { alertKey, REPLIED_TRANSITIONS, threadKey } from "./keys.js";
import type { TicketLinker } from "./links.js";
import { releaseAt } from "./quiet.js";
import { routeAlert } from "./routing.js";
import type { AlertChannel } from "./types.js";

export const DEFAULT_PAUSED_ALERT_AFTER_HOURS = 72;
/** Settled ledger rows of finished tickets are kept this long, then pruned. */
const LEDGER_KEEP_MS = 90 * 86_400_000;
const HOUR_MS = 3_600_000;

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
  /** ISO instant of the deadline (or of the pause's start, for paused-long) */
  deadline: string;
  /**
   * `post` a new message, `update` the thread's message in place, `reply` in the thread of the
   * message an update changed (Slack), or `held` for quiet time
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
    const current = await currentAlerts(options);
    const known = await store.knownAlertKeys([...current.keys()]);
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

/** Every alert that holds now, per channel, keyed by alert key. */
async function currentAlerts(options: AlertStepOptions): Promise<Map<string, Evaluated>> {
  const { store, notify, context, channels } = options;
  const hours = notify.pausedAlertAfterHours ?? DEFAULT_PAUSED_ALERT_AFTER_HOURS;
  const rules: AlertRules = { pausedAlertAfterMs: hours === 0 ? null : hours * HOUR_MS };
  const zone = context.calendar.zone;
  const current = new Map<string, Evaluated>();
  for (const ticket of await store.records("ticket", { openOnly: true })) {
    const timers = ticketTimers(ticket, context);
    if (timers === null) continue;
    const link = options.links?.(ticket.source, ticket.id) ?? null;
    for (const alert of alertsOf(timers, context.now, rules, link)) {
      const notBefore = releaseAt(alert, context.now, context.calendar, notify.quietOutsideWindow);
      for (const spec of routeAlert(alert, notify)) {
        if (!channels.has(spec.key)) continue;
        const key = alertKey(alert, spec.key);
        const thread = threadKey(alert, spec.key);
        const intent: AlertIntent = {
          key,
          thread,
          channel: spec.key,
          source: alert.source,
          ticket: alert.ticketId,
          clock: alert.clock,
          transition: alert.transition,
          deadline: alert.keyInstant,
          payload: JSON.stringify(alert),
          notBefore,
        };
        current.set(key, {
          intent,
          alert: { key, thread, channel: spec.key, message: { alert, key, zone, at: context.now } },
        });
        if (
          REPLIED_TRANSITIONS.has(alert.transition) &&
          channels.get(spec.key)?.threadReplies !== undefined
        ) {
          const reply = threadReply(alert, intent, zone, context.now);
          current.set(reply.intent.key, reply);
        }
      }
    }
  }
  return current;
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
