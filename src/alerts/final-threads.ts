/**
 * The rows a cycle adds for messages whose ticket moved on (docs/alerts.md "When the ticket is
 * resolved or closed"), on channels that edit in place (Slack):
 * - a final state for each thread of a recently resolved or closed ticket that has a sent
 *   message: found with one batched ledger lookup, whatever the number of finished tickets;
 * - an alert of a reopened ticket shown again on a message that shows a final state, when the
 *   alert's key is already in the ledger (the reopening moved no deadline, so no new key arose).
 * Both are edits: never held for quiet time, no thread reply. Whether a row is new is decided by
 * its key, like any alert's.
 */
import type { TimerContext } from "../engine/timers/index.js";
import type { Instant } from "../model/instant.js";
import type { Ticket } from "../model/schema.js";
import type { Store } from "../store/types.js";
import { finalAlerts, finalThreadCandidates, type TicketFinish } from "./final-state.js";
import { type Evaluated, evaluated } from "./fresh-alerts.js";
import { isFinalTransition, reopenedKey, reopenedTransition, threadKey } from "./keys.js";
import type { TicketLinker } from "./links.js";

export interface FinishedTicket {
  ticket: Ticket;
  finish: TicketFinish;
}

export interface FinalStateOptions {
  store: Pick<Store, "alertThreadMessages">;
  /** tickets resolved or closed recently enough to still get their final state */
  finished: readonly FinishedTicket[];
  /** keys of the channels that edit in place */
  channels: readonly string[];
  context: TimerContext;
  links?: TicketLinker;
  zone: string;
}

/** The final state of every thread of these tickets that has a sent message on these channels. */
export async function finalStates(options: FinalStateOptions): Promise<Evaluated[]> {
  const { finished, channels, context, zone } = options;
  if (finished.length === 0 || channels.length === 0) return [];
  const ticketOf = new Map<string, FinishedTicket>();
  for (const item of finished) {
    for (const candidate of finalThreadCandidates(item.ticket, item.finish, context)) {
      for (const channel of channels) ticketOf.set(threadKey(candidate, channel), item);
    }
  }
  const shown = await options.store.alertThreadMessages([...ticketOf.keys()]);
  const withMessages = new Set([...shown.keys()].map((thread) => ticketOf.get(thread)));
  const result: Evaluated[] = [];
  for (const item of withMessages) {
    if (item === undefined) continue;
    const { ticket, finish } = item;
    const link = options.links?.(ticket.source, ticket.id) ?? null;
    for (const alert of finalAlerts(ticket, finish, context, link)) {
      for (const channel of channels) {
        if (shown.has(threadKey(alert, channel))) {
          result.push(evaluated(alert, channel, context.now, zone, context.now));
        }
      }
    }
  }
  return result;
}

/** `["<source>", "<ticket>"]`: a ticket in `reopenedAlerts`' map of reopenings. */
export function ticketRef(source: string, ticket: string): string {
  return JSON.stringify([source, ticket]);
}

/**
 * Alerts of reopened tickets (`reopenings`: ticket → its last reopening) to show again: their key
 * is known, so they would not be recorded, yet their thread's message shows a final state. Not
 * when the known row is still to be delivered: it shows the alert itself.
 */
export async function reopenedAlerts(
  store: Pick<Store, "alertThreadMessages" | "unsettledAlerts">,
  current: ReadonlyMap<string, Evaluated>,
  known: ReadonlySet<string>,
  reopenings: ReadonlyMap<string, Instant>,
): Promise<Evaluated[]> {
  const candidates = [...current.values()].filter(
    (c) =>
      c.repliesTo === undefined &&
      known.has(c.intent.key) &&
      reopenings.has(ticketRef(c.intent.source, c.intent.ticket)),
  );
  if (candidates.length === 0) return [];
  const shown = await store.alertThreadMessages([...new Set(candidates.map((c) => c.intent.thread))]);
  const onFinal = candidates.filter((c) => isFinalTransition(shown.get(c.intent.thread)?.transition ?? ""));
  if (onFinal.length === 0) return [];
  const unsettled = new Set((await store.unsettledAlerts()).map((row) => row.key));
  const result: Evaluated[] = [];
  for (const c of onFinal) {
    const reopenedAt = reopenings.get(ticketRef(c.intent.source, c.intent.ticket));
    if (reopenedAt === undefined || unsettled.has(c.intent.key)) continue;
    const { message } = c.alert;
    const key = reopenedKey(message.alert, c.intent.channel, reopenedAt);
    result.push({
      intent: {
        ...c.intent,
        key,
        transition: reopenedTransition(message.alert.transition),
        deadline: reopenedAt,
        notBefore: message.at,
      },
      alert: { ...c.alert, key, message: { ...message, key } },
    });
  }
  return result;
}
