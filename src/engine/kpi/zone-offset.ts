/**
 * A zone's UTC offset at an instant, for the wall-clock times in case notes ("2026-03-02 09:15").
 * A report writes notes for up to hundreds of thousands of cases, and luxon's offset lookup is an
 * Intl call of several microseconds: asked once per distinct quarter hour, as before, it cost
 * about half a second for a 200,000-ticket quarter with its trend. So it is asked once per UTC
 * day, and per quarter hour only on a day whose offset changes (every offset transition in tzdb
 * lies on a quarter hour). Like `offsetTimeline` (calendar/zone-offsets.ts), this assumes no zone
 * changes its offset twice within one day and ends up where it started.
 */
import { IANAZone } from "luxon";
import type { Instant } from "../../model/instant.js";

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;
/** Cached days or quarter hours per zone before the cache starts over (bounds its memory). */
const MAX_CACHED = 100_000;

interface ZoneOffsets {
  iana: IANAZone;
  /** per UTC day: its offset in ms, or null when the offset changes during that day */
  byDay: Map<number, number | null>;
  /** per quarter hour, on days whose offset changes */
  byQuarter: Map<number, number>;
}

const zones = new Map<string, ZoneOffsets>();

function offsetsOf(zone: string): ZoneOffsets {
  let offsets = zones.get(zone);
  if (offsets === undefined || offsets.byDay.size > MAX_CACHED || offsets.byQuarter.size > MAX_CACHED) {
    offsets = { iana: IANAZone.create(zone), byDay: new Map(), byQuarter: new Map() };
    zones.set(zone, offsets);
  }
  return offsets;
}

/** The offset of `zone` from UTC at `at`, in ms (+3,600,000 for Amsterdam in winter). */
export function zoneOffsetMs(zone: string, at: Instant): number {
  const offsets = offsetsOf(zone);
  const day = Math.floor(at / DAY_MS);
  let daily = offsets.byDay.get(day);
  if (daily === undefined) {
    const first = offsets.iana.offset(day * DAY_MS);
    daily = first === offsets.iana.offset(day * DAY_MS + DAY_MS - 1) ? first * 60_000 : null;
    offsets.byDay.set(day, daily);
  }
  if (daily !== null) return daily;
  const quarter = Math.floor(at / QUARTER_HOUR_MS);
  let offset = offsets.byQuarter.get(quarter);
  if (offset === undefined) {
    offset = offsets.iana.offset(quarter * QUARTER_HOUR_MS) * 60_000;
    offsets.byQuarter.set(quarter, offset);
  }
  return offset;
}
