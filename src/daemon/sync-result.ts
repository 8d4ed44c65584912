/**
 * Reading a `syncOnce` result. `sync` and `writeback` are read by their types; any other field
 * (the alert step's `alerts`, and whatever steps follow) is read generically, so the daemon keeps
 * working as the cycle grows. The generic shape understood, per extra field, is an object or an
 * array of objects with:
 *   - `error: string`  → the step (or that entry of it) failed: a cycle problem, health 503;
 *   - `ok: false`      → the same, without a message;
 *   - `sent: number` (or an array of what was sent) → counted in sla_sentinel_alerts_sent_total
 *     when the field is `alerts`, labelled with the entry's `channel`, `target` or `name`.
 */
import type { SyncOnceResult } from "../cli/commands/sync.js";

const TYPED_FIELDS = new Set(["sync", "writeback", "purged"]);

/** One line per failed part of the cycle; empty when it all succeeded. */
export function cycleProblems(result: SyncOnceResult): string[] {
  const problems: string[] = [];
  for (const c of result.sync.connectors) {
    if (c.error !== undefined) problems.push(`connector ${c.name}: ${c.error}`);
  }
  for (const w of result.writeback) {
    if (w.error !== undefined) problems.push(`write-back ${w.target}: ${w.error}`);
  }
  for (const [field, value] of Object.entries(result)) {
    if (TYPED_FIELDS.has(field)) continue;
    for (const entry of entries(value)) {
      const label = labelOf(entry);
      const where = label === null ? field : `${field} ${label}`;
      if (typeof entry.error === "string") problems.push(`${where}: ${entry.error}`);
      else if (entry.ok === false) problems.push(`${where}: failed`);
    }
  }
  return problems;
}

/** Alerts sent in this cycle per channel label (`all` when the entry names none). */
export function alertsSentByChannel(result: SyncOnceResult): Map<string, number> {
  const sent = new Map<string, number>();
  const alerts = (result as unknown as Record<string, unknown>).alerts;
  for (const entry of entries(alerts)) {
    const count = Array.isArray(entry.sent) ? entry.sent.length : entry.sent;
    if (typeof count !== "number" || !Number.isFinite(count) || count <= 0) continue;
    const channel = labelOf(entry) ?? "all";
    sent.set(channel, (sent.get(channel) ?? 0) + count);
  }
  return sent;
}

function entries(value: unknown): Array<Record<string, unknown>> {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null);
}

function labelOf(entry: Record<string, unknown>): string | null {
  for (const key of ["channel", "target", "name"]) {
    if (typeof entry[key] === "string") return entry[key];
  }
  return null;
}
