/**
 * One local year of the calendar as flat arrays, so that business time is arithmetic on
 * precomputed numbers instead of stepping through minutes or days:
 *
 *   day i of the year covers [dayStart[i], dayStart[i+1]) — 23, 24 or 25 h of real time;
 *   its service window is [windowStart[i], windowEnd[i]) (empty when not a working day);
 *   cumulative[i] = business ms of the year before day i, so cumulative[days] is the year's total.
 *
 * Every boundary is resolved once, DST-correctly, in the calendar's zone (zone-offsets.ts).
 */
import { DAY_MS, daysInYear, formatLocalDate, utcMidnight, weekdayOf } from "./local-date.js";
import type { Weekday } from "./options.js";
import { type OffsetTimeline, offsetTimeline, wallTimeToInstant } from "./zone-offsets.js";

export interface WindowSpec {
  readonly zone: string;
  readonly days: ReadonlySet<Weekday>;
  /** window start and end as wall-clock ms after local midnight; end may be 24 h ("24:00") */
  readonly fromMs: number;
  readonly toMs: number;
}

export interface YearTable {
  readonly year: number;
  readonly days: number;
  /** `days + 1` entries: the last is 1 January of the next year */
  readonly dayStart: Float64Array;
  readonly windowStart: Float64Array;
  readonly windowEnd: Float64Array;
  /** `days + 1` entries */
  readonly cumulative: Float64Array;
  /** [start, end) of the local year */
  readonly start: number;
  readonly end: number;
  readonly total: number;
}

// Zone data does not depend on the calendar's options, so timelines are shared per zone and year.
const timelines = new Map<string, OffsetTimeline>();

function timelineFor(zone: string, year: number): OffsetTimeline {
  const cacheKey = `${zone}|${year}`;
  let timeline = timelines.get(cacheKey);
  if (timeline === undefined) {
    // Three days of margin: offsets lie within ±1 day of UTC (±14 h, or a skipped day as Samoa's).
    const from = utcMidnight(year, 1, 1) - 3 * DAY_MS;
    const to = utcMidnight(year + 1, 1, 1) + 3 * DAY_MS;
    timeline = offsetTimeline(zone, from, to);
    timelines.set(cacheKey, timeline);
  }
  return timeline;
}

/**
 * Builds the table of `year`. `closedDates` holds the local dates without service (holidays not
 * worked, plus closed days); a working day is a window weekday not in it.
 */
export function buildYearTable(
  year: number,
  window: WindowSpec,
  closedDates: ReadonlySet<string>,
): YearTable {
  const timeline = timelineFor(window.zone, year);
  const days = daysInYear(year);
  const dayStart = new Float64Array(days + 1);
  const windowStart = new Float64Array(days);
  const windowEnd = new Float64Array(days);
  const cumulative = new Float64Array(days + 1);
  const firstWall = utcMidnight(year, 1, 1);
  for (let i = 0; i <= days; i++) dayStart[i] = wallTimeToInstant(timeline, firstWall + i * DAY_MS);
  for (let i = 0; i < days; i++) {
    const wallMidnight = firstWall + i * DAY_MS;
    const nextDay = dayStart[i + 1] as number;
    const working =
      window.days.has(weekdayOf(wallMidnight)) && !closedDates.has(formatLocalDate(wallMidnight));
    if (working) {
      windowStart[i] = wallTimeToInstant(timeline, wallMidnight + window.fromMs);
      // "24:00" is the start of the next local day, whatever the length of this one.
      windowEnd[i] =
        window.toMs === DAY_MS ? nextDay : wallTimeToInstant(timeline, wallMidnight + window.toMs);
    } else {
      windowStart[i] = nextDay;
      windowEnd[i] = nextDay;
    }
    cumulative[i + 1] = (cumulative[i] as number) + (windowEnd[i] as number) - (windowStart[i] as number);
  }
  return {
    year,
    days,
    dayStart,
    windowStart,
    windowEnd,
    cumulative,
    start: dayStart[0] as number,
    end: dayStart[days] as number,
    total: cumulative[days] as number,
  };
}
