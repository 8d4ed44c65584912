/**
 * What holds at the cycle's instant, per channel and keyed by alert key: the alerts of open
 * tickets (with their thread replies), and the final states of the messages of tickets resolved or
 * closed within the last FINAL_STATE_WINDOW_MS (final-threads.ts).
 */
import { ticketTimers } from "../engine/timers/index.js";
import type { Instant } from "../model/instant.js";
import type { Ticket } from "../model/schema.js";
import { type AlertRules, alertsOf } from "./evaluate.js";
import { lastReopening, ticketFinish } from "./final-state.js";
import { type FinishedTicket, finalStates, ticketRef } from "./final-threads.js";
import { type Evaluated, evaluated, threadReply } from "./fresh-alerts.js";
import { REPLIED_TRANSITIONS } from "./keys.js";
import { releaseAt } from "./quiet.js";
import { routeAlert } from "./routing.js";
import type { AlertStepOptions } from "./run-alerts.js";

export const DEFAULT_PAUSED_ALERT_AFTER_HOURS = 72;
const HOUR_MS = 3_600_000;
/**
 * How long after its resolution (or closing) a ticket's messages still get their final state: a
 * resolution that reaches the store later (a connector down over a long weekend) still does.
 */
const FINAL_STATE_WINDOW_MS = 4 * 24 * HOUR_MS;

export interface CurrentAlerts {
  current: Map<string, Evaluated>;
  /** reopened tickets that alert (`ticketRef`) → their last reopening */
  reopenings: Map<string, Instant>;
}

type CurrentOptions = Pick<AlertStepOptions, "store" | "notify" | "context" | "channels" | "links">;

export async function currentAlerts(options: CurrentOptions): Promise<CurrentAlerts> {
  const { store, notify, context, channels } = options;
  const hours = notify.pausedAlertAfterHours ?? DEFAULT_PAUSED_ALERT_AFTER_HOURS;
  const rules: AlertRules = { pausedAlertAfterMs: hours === 0 ? null : hours * HOUR_MS };
  const zone = context.calendar.zone;
  const editing = [...channels].filter(([, channel]) => channel.editsInPlace === true).map(([key]) => key);
  const current = new Map<string, Evaluated>();
  const reopenings = new Map<string, Instant>();
  const finished: FinishedTicket[] = [];
  for (const ticket of await ticketsToEvaluate(options, editing.length > 0)) {
    const timers = ticketTimers(ticket, context);
    if (timers === null) {
      const finish = ticketFinish(ticket, context.now);
      if (finish !== null && finish.at >= context.now - FINAL_STATE_WINDOW_MS)
        finished.push({ ticket, finish });
      continue;
    }
    const link = options.links?.(ticket.source, ticket.id) ?? null;
    const alerts = alertsOf(timers, context.now, rules, link);
    const reopenedAt = alerts.length === 0 ? null : lastReopening(ticket, context.now);
    if (reopenedAt !== null) reopenings.set(ticketRef(ticket.source, ticket.id), reopenedAt);
    for (const alert of alerts) {
      const notBefore = releaseAt(alert, context.now, context.calendar, notify.quietOutsideWindow);
      for (const spec of routeAlert(alert, notify)) {
        if (!channels.has(spec.key)) continue;
        const live = evaluated(alert, spec.key, notBefore, zone, context.now);
        current.set(live.intent.key, live);
        if (
          REPLIED_TRANSITIONS.has(alert.transition) &&
          channels.get(spec.key)?.threadReplies !== undefined
        ) {
          const reply = threadReply(alert, live.intent, zone, context.now);
          current.set(reply.intent.key, reply);
        }
      }
    }
  }
  const finals = await finalStates({
    store,
    finished,
    channels: editing,
    context,
    zone,
    ...(options.links !== undefined && { links: options.links }),
  });
  for (const final of finals) current.set(final.intent.key, final);
  return { current, reopenings };
}

/**
 * Open tickets come through the store's index of open records. Recently finished ones are only
 * needed where a channel edits its messages; reading them (`activeSince`) looks at every ticket's
 * activity, as the write-back's read does each cycle.
 */
function ticketsToEvaluate(options: CurrentOptions, withFinished: boolean): Promise<Ticket[]> {
  const since = options.context.now - FINAL_STATE_WINDOW_MS;
  return options.store.records("ticket", withFinished ? { activeSince: since } : { openOnly: true });
}
