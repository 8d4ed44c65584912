/**
 * Business time as prefix sums over year tables (year-table.ts): the business ms before an
 * instant is the year's cumulative sum up to its day plus the clipped part of that day's window.
 * Elapsed time is a difference of two such sums, O(1) within a year; adding time is a binary
 * search in the sums, O(log 366). Tables are built lazily per year and kept.
 */
import { DAY_MS } from "./local-date.js";
import type { YearTable } from "./year-table.js";

/** A year's table, building it on first use. */
export type TableOfYear = (year: number) => YearTable;

// Far enough for any real span, small enough that a calendar without service cannot loop forever.
const MAX_YEARS_SEARCHED = 10_000;

/** Matches no instant, so the first lookup always goes to `tableOfYear`. */
const NO_YEAR: YearTable = {
  year: Number.NaN,
  days: 0,
  dayStart: new Float64Array(1),
  windowStart: new Float64Array(0),
  windowEnd: new Float64Array(0),
  cumulative: new Float64Array(1),
  start: Number.POSITIVE_INFINITY,
  end: Number.NEGATIVE_INFINITY,
  total: 0,
};

export class WorkingTime {
  /** The most recently used table: consecutive calls mostly stay within one year. */
  private last: YearTable = NO_YEAR;

  constructor(private readonly tableOfYear: TableOfYear) {}

  /** The table of the local year that contains `t`. */
  tableAt(t: number): YearTable {
    const last = this.last;
    if (t >= last.start && t < last.end) return last;
    // The local year is the UTC year or a neighbour (offsets are within a day).
    let table = this.tableOfYear(new Date(t).getUTCFullYear());
    while (t < table.start) table = this.tableOfYear(table.year - 1);
    while (t >= table.end) table = this.tableOfYear(table.year + 1);
    this.last = table;
    return table;
  }

  /** Business ms from the start of `table`'s year to `t` (t inside that year). */
  businessInYear(table: YearTable, t: number): number {
    const i = dayIndex(table, t);
    const start = table.windowStart[i] as number;
    const end = table.windowEnd[i] as number;
    const inDay = t <= start ? 0 : t >= end ? end - start : t - start;
    return (table.cumulative[i] as number) + inDay;
  }

  /** Business ms in [from, to) for from ≤ to. */
  businessBetween(from: number, to: number): number {
    const a = this.tableAt(from);
    const b = this.tableAt(to);
    if (a === b) return this.businessInYear(b, to) - this.businessInYear(a, from);
    let sum = a.total - this.businessInYear(a, from);
    for (let year = a.year + 1; year < b.year; year++) sum += this.tableOfYear(year).total;
    return sum + this.businessInYear(b, to);
  }

  /** The earliest t ≥ from with businessBetween(from, t) ≥ ms (ms ≥ 0). */
  addBusiness(from: number, ms: number): number {
    if (ms <= 0) return from;
    let table = this.tableAt(from);
    let target = this.businessInYear(table, from) + ms;
    for (let searched = 0; target > table.total; searched++) {
      if (searched >= MAX_YEARS_SEARCHED) throw new RangeError("no service time within 10,000 years");
      target -= table.total;
      table = this.tableOfYear(table.year + 1);
    }
    // Largest day i with cumulative[i] < target: the amount completes inside that day's window.
    const cumulative = table.cumulative;
    let lo = 0;
    let hi = table.days - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid;
      else hi = mid - 1;
    }
    return (table.windowStart[lo] as number) + (target - (cumulative[lo] as number));
  }

  /** Service-window intervals intersecting [from, to), clipped, ascending. */
  windowIntervals(from: number, to: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    if (!(to > from)) return out;
    let table = this.tableAt(from);
    let i = dayIndex(table, from);
    while ((table.dayStart[i] as number) < to) {
      const start = Math.max(table.windowStart[i] as number, from);
      const end = Math.min(table.windowEnd[i] as number, to);
      if (end > start) out.push([start, end]);
      i++;
      if (i === table.days) {
        table = this.tableOfYear(table.year + 1);
        i = 0;
      }
    }
    return out;
  }
}

/** Index of the local day of `table` that contains `t`: estimate by 24 h days, then correct for DST. */
function dayIndex(table: YearTable, t: number): number {
  const dayStart = table.dayStart;
  const lastDay = table.days - 1;
  let i = Math.floor((t - table.start) / DAY_MS);
  if (i > lastDay) i = lastDay;
  else if (i < 0) i = 0;
  while (i > 0 && (dayStart[i] as number) > t) i--;
  while (i < lastDay && (dayStart[i + 1] as number) <= t) i++;
  return i;
}
