/**
 * Where the per-incident history state lives between polls: the store's meta table, one key per
 * incident (`topdesk:<connector>:incident:<uuid>`), value the JSON of `HistoryState` — ids,
 * priorities, status facts and times, no names or texts. The connector needs only `getMeta` and
 * `setMeta`, so any `Store` fits.
 */
import { z } from "zod";
import { PAUSE_REASONS, PRIORITIES } from "../../src/model/schema.js";
import type { KeyValueState } from "../types.js";
import type { HistoryState } from "./history.js";

export { dryRunState, memoryState } from "../state.js";
export type { KeyValueState };

export function incidentStateKey(connector: string, incidentId: string): string {
  return `topdesk:${connector}:incident:${incidentId}`;
}

const text = z.string().nullable();
const priority = z.enum(PRIORITIES);
const event = z.discriminatedUnion("type", [
  z.object({ at: z.string(), type: z.literal("assigned"), owner: text, group: text, party: text }),
  z.object({ at: z.string(), type: z.literal("priority"), priority }),
  z.object({ at: z.string(), type: z.literal("major"), value: z.boolean() }),
  z.object({ at: z.string(), type: z.literal("paused"), reason: z.enum(PAUSE_REASONS) }),
  z.object({ at: z.string(), type: z.enum(["resumed", "resolved", "closed", "reopened"]) }),
]);
const historyStateSchema = z.object({
  v: z.literal(1),
  seenAt: z.string(),
  firstPriority: priority.nullable(),
  last: z.object({
    owner: text,
    group: text,
    party: text,
    priority: priority.nullable(),
    pause: z.enum(PAUSE_REASONS).nullable(),
    major: z.boolean(),
    resolvedAt: text,
    closedAt: text,
  }),
  events: z.array(event),
});

/** The stored state, or null when there is none or it is unreadable (then history starts over). */
export function parseHistoryState(text: string | null): HistoryState | null {
  if (text === null) return null;
  try {
    const parsed = historyStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
