/**
 * The search's resume point. JQL reads `updated` to the minute and the search index lags behind
 * writes (shared/apis/jsm.md §2.3, §2.6), so each poll asks again from `at − overlap` and skips
 * what it already stored: the issues seen in that window, each with the `updated` it was stored
 * at. An issue that shows up late with an older `updated` than `at` is therefore still read; one
 * seen again unchanged is not. Pure.
 */
import { z } from "zod";
import { parseInstant } from "../../src/model/instant.js";
import { JsmConfigError } from "./errors.js";

export interface SearchWatermark {
  /** the latest `updated` stored, epoch ms */
  at: number;
  /** issue id → `updated` (epoch ms) as stored, for issues updated within the overlap window */
  seen: Record<string, number>;
}

export interface Row {
  id: string;
  updated: number;
}

/**
 * How far back below `at − overlap` an entry is kept: the query rounds down to the minute and,
 * in a DST fold, writes its literal an hour earlier (jql.ts), so rows that old may come again.
 */
const KEEP_MARGIN_MS = 61 * 60_000;

const stored = z.object({
  v: z.literal(1),
  at: z.string().refine((s) => parseInstant(s) !== null),
  seen: z.record(z.string(), z.number()),
});

export function encodeWatermark(watermark: SearchWatermark): string {
  return JSON.stringify({ v: 1, at: new Date(watermark.at).toISOString(), seen: watermark.seen });
}

/** Reads a stored watermark; throws a clear error on one this connector did not write. */
export function decodeWatermark(text: string, connector: string): SearchWatermark {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = stored.safeParse(value);
  if (!parsed.success) {
    throw new JsmConfigError(
      connector,
      "the stored watermark is not one this connector wrote; delete the meta key " +
        `connector:${connector}:watermark to read the backfill horizon again`,
    );
  }
  return { at: parseInstant(parsed.data.at) as number, seen: parsed.data.seen };
}

/** Whether a row was stored already: seen with this `updated` or a later one. */
export function alreadyStored(watermark: SearchWatermark, row: Row): boolean {
  const seenAt = watermark.seen[row.id];
  return seenAt !== undefined && seenAt >= row.updated;
}

/**
 * The watermark after storing `rows`, with entries that fell out of the window dropped.
 * @example advanceWatermark({at: 0, seen: {}}, [{id: "1", updated: 600_000}], 300_000)
 * // → {at: 600000, seen: {"1": 600000}}
 */
export function advanceWatermark(
  before: SearchWatermark,
  rows: readonly Row[],
  overlapMs: number,
): SearchWatermark {
  let at = before.at;
  const seen: Record<string, number> = { ...before.seen };
  for (const row of rows) {
    if (row.updated > at) at = row.updated;
    const previous = seen[row.id];
    if (previous === undefined || row.updated > previous) seen[row.id] = row.updated;
  }
  const keepFrom = at - overlapMs - KEEP_MARGIN_MS;
  for (const [id, updated] of Object.entries(seen)) if (updated < keepFrom) delete seen[id];
  return { at, seen };
}
