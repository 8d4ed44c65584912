/**
 * Writes live SLA timers back into the tickets' own fields (interfaces.md "Writing timers back to
 * tickets"): per ticket the desired values are computed, compared with what was last written,
 * and only the differences are sent. Closed tickets are never written to. A dry run, or a target
 * with `writeback.enabled: false`, sends nothing and reports what it would send.
 *
 * What was last written is kept per target under one meta key, `writeback:<target>:last`
 * (ticket id → field id → value), pruned to the tickets still considered.
 */
import type { Logger } from "pino";
import { ticketStateAt } from "../../engine/timeline/index.js";
import { BadRequestHttpError, MalformedResponseError, NotFoundHttpError } from "../../http/index.js";
import type { Store } from "../../store/types.js";
import { type TimerContext, timerValues } from "./timer-values.js";
import type { FieldValue, WritebackField, WritebackTarget } from "./types.js";

type Written = Record<string, Record<string, FieldValue>>;

export interface WritebackOptions {
  store: Pick<Store, "records" | "getMeta" | "setMeta">;
  targets: readonly WritebackTarget[];
  /** calendar, clock policy, now and notify.atRiskAt */
  context: TimerContext;
  dryRun?: boolean;
  log?: Logger;
  /** how long after its last activity a resolved ticket still gets its final values; default 7 days */
  lookbackMs?: number;
  signal?: AbortSignal;
}

export interface TicketWrite {
  ticket: string;
  /** field id → value, only the fields that differ from the last write */
  fields: Record<string, FieldValue>;
}

export interface WritebackSummary {
  target: string;
  /** `write`: sent; `dry-run` and `disabled`: `pending` lists what would have been sent */
  mode: "write" | "dry-run" | "disabled";
  /** tickets looked at (open, or resolved recently and not closed) */
  considered: number;
  unchanged: number;
  written: number;
  pending: TicketWrite[];
  /** tickets whose write the source refused (bad field, unknown ticket); the others went on */
  failed: Array<{ ticket: string; error: string }>;
  /** why this target stopped early (credential, permission, outage); what was written stays written */
  error?: string;
}

const DAY_MS = 86_400_000;
const SAVE_EVERY = 100;

export function writebackKey(target: string): string {
  return `writeback:${target}:last`;
}

export async function runWriteback(options: WritebackOptions): Promise<WritebackSummary[]> {
  const summaries: WritebackSummary[] = [];
  for (const target of options.targets) summaries.push(await writeTarget(target, options));
  return summaries;
}

async function writeTarget(target: WritebackTarget, options: WritebackOptions): Promise<WritebackSummary> {
  const { store, context, log } = options;
  const mode = options.dryRun === true ? "dry-run" : target.writebackEnabled ? "write" : "disabled";
  const summary: WritebackSummary = {
    target: target.name,
    mode,
    considered: 0,
    unchanged: 0,
    written: 0,
    pending: [],
    failed: [],
  };
  const fields = Object.entries(target.writebackFields).filter(
    (e): e is [WritebackField, string] => e[1] !== undefined,
  );
  if (fields.length === 0) return summary;

  const last = parseWritten(await store.getMeta(writebackKey(target.name)));
  const next: Written = {};
  const save = () =>
    mode === "write" ? store.setMeta(writebackKey(target.name), JSON.stringify(next)) : undefined;
  const tickets = await store.records("ticket", {
    source: target.name,
    activeSince: context.now - (options.lookbackMs ?? 7 * DAY_MS),
  });
  tickets.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let sinceSave = 0;
  for (const [index, ticket] of tickets.entries()) {
    const state = ticketStateAt(ticket, context.now);
    if (!state.created || state.closed) continue;
    summary.considered++;
    const previous = last[ticket.id] ?? {};
    const values = timerValues(ticket, context);
    const changed: Record<string, FieldValue> = {};
    for (const [timer, fieldId] of fields) {
      const value = values[timer];
      const before = Object.hasOwn(previous, fieldId) ? previous[fieldId] : null;
      if (value !== before) changed[fieldId] = value;
    }
    next[ticket.id] = previous;
    if (Object.keys(changed).length === 0) {
      summary.unchanged++;
      continue;
    }
    if (mode !== "write") {
      summary.pending.push({ ticket: ticket.id, fields: changed });
      continue;
    }
    try {
      await target.writeFields(ticket.id, changed, options.signal);
      next[ticket.id] = { ...previous, ...changed };
      summary.written++;
      if (++sinceSave >= SAVE_EVERY) {
        await save();
        sinceSave = 0;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isTicketProblem(error)) {
        summary.failed.push({ ticket: ticket.id, error: message });
        log?.warn(
          { target: target.name, ticket: ticket.id, error: message },
          "write-back refused for a ticket",
        );
        continue;
      }
      summary.error = message;
      log?.error({ target: target.name, error: message }, "write-back stopped");
      // Tickets not reached keep what was last written to them.
      for (const rest of tickets.slice(index + 1)) {
        const kept = last[rest.id];
        if (kept !== undefined) next[rest.id] = kept;
      }
      break;
    }
  }
  await save();
  log?.info(
    {
      target: target.name,
      mode,
      considered: summary.considered,
      written: summary.written,
      pending: summary.pending.length,
    },
    "write-back done",
  );
  return summary;
}

/** Refusals about one ticket (a bad field value, a ticket gone): the rest can still be written. */
function isTicketProblem(error: unknown): boolean {
  return (
    error instanceof BadRequestHttpError ||
    error instanceof NotFoundHttpError ||
    error instanceof MalformedResponseError
  );
}

function parseWritten(text: string | null): Written {
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Written) : {};
  } catch {
    return {};
  }
}
