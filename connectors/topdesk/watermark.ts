/**
 * The incident poll's resume point: the latest modificationDate fully stored, and the ids already
 * stored at exactly that time. TOPdesk stamps whole seconds (`.000`, §2.5), so several incidents
 * often share one; the next poll asks for `ge` that time and skips those ids instead of using
 * `gt`, which would lose an incident modified in the same second after the page was read.
 */
import { z } from "zod";
import { parseInstant } from "../../src/model/instant.js";

export interface IncidentWatermark {
  /** ISO UTC with milliseconds */
  at: string;
  /** incident ids stored whose modificationDate is exactly `at` */
  ids: string[];
}

const stored = z.object({
  v: z.literal(1),
  at: z.string().refine((s) => parseInstant(s) !== null),
  ids: z.array(z.string()),
});

export function encodeWatermark(watermark: IncidentWatermark): string {
  return JSON.stringify({ v: 1, at: watermark.at, ids: watermark.ids });
}

/** Reads a stored watermark; throws a clear error on one this connector did not write. */
export function decodeWatermark(text: string, connector: string): IncidentWatermark {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = stored.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `connector "${connector}" (topdesk): the stored watermark is not one this connector wrote; ` +
        `delete the meta key connector:${connector}:watermark to read the backfill horizon again`,
    );
  }
  return { at: parsed.data.at, ids: parsed.data.ids };
}

/**
 * The watermark after storing `rows` (sorted by modificationDate ascending) on top of `before`.
 * @example advanceWatermark({at: "…:05.000Z", ids: ["a"]}, [{id: "b", at: "…:05.000Z"}]) // → {at: "…:05.000Z", ids: ["a", "b"]}
 */
export function advanceWatermark(
  before: IncidentWatermark,
  rows: ReadonlyArray<{ id: string; at: string }>,
): IncidentWatermark {
  let { at, ids } = before;
  for (const row of rows) {
    if (row.at > at) {
      at = row.at;
      ids = [row.id];
    } else if (row.at === at && !ids.includes(row.id)) {
      ids = [...ids, row.id];
    }
  }
  return { at, ids };
}

/** Whether a polled row was stored already: older than the watermark, or at it and listed. */
export function alreadyStored(watermark: IncidentWatermark, row: { id: string; at: string }): boolean {
  return row.at < watermark.at || (row.at === watermark.at && watermark.ids.includes(row.id));
}

/** FIQL wants `yyyy-MM-ddTHH:mm:ssZ` (§2.3): the watermark's second, milliseconds dropped. */
export function fiqlTime(at: string): string {
  return `${at.slice(0, 19)}Z`;
}
