/**
 * Reporting periods: a month ("2026-03"), a quarter ("2026-Q1") or a year ("2026"), each the
 * half-open interval [start, end) between local midnights in the contract's zone, so a period's
 * bounds carry that zone's offset (March 2026 starts at +01:00 and ends at +02:00).
 */
import { DateTime, IANAZone, Info } from "luxon";
import type { Instant } from "../../model/instant.js";
import type { Period, PeriodKind } from "../kpi/types.js";

/** A period text that is not a month, quarter or year; the message says what was expected. */
export class PeriodError extends Error {
  override readonly name = "PeriodError";
}

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-[Qq]([1-4])$/;
const YEAR = /^(\d{4})$/;
const EXPECTED = "a month (2026-03), a quarter (2026-Q1) or a year (2026)";

const MONTHS_OF: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

/**
 * Parses a period label in the contract's zone. Throws a PeriodError for any other text.
 * @example parsePeriod("2026-03", "Europe/Amsterdam")
 * // → { label: "2026-03", kind: "month", start: 2026-03-01T00:00+01:00, end: 2026-04-01T00:00+02:00 }
 * @example parsePeriod("2026-q1", zone).label // → "2026-Q1"
 */
export function parsePeriod(text: string, zone: string): Period {
  const trimmed = text.trim();
  const month = MONTH.exec(trimmed);
  if (month !== null) {
    const m = Number(month[2]);
    if (m < 1 || m > 12)
      throw new PeriodError(`period "${text}": month ${month[2]} does not exist; expected ${EXPECTED}`);
    return periodStarting("month", Number(month[1]), m, zone);
  }
  const quarter = QUARTER.exec(trimmed);
  if (quarter !== null)
    return periodStarting("quarter", Number(quarter[1]), (Number(quarter[2]) - 1) * 3 + 1, zone);
  const year = YEAR.exec(trimmed);
  if (year !== null) return periodStarting("year", Number(year[1]), 1, zone);
  throw new PeriodError(`period "${text}" is not ${EXPECTED}`);
}

/**
 * The `count` periods of the same kind just before `period`, oldest first (for trend charts).
 * @example precedingPeriods(parsePeriod("2026-Q1", zone), 2, zone).map((p) => p.label) // → ["2025-Q3", "2025-Q4"]
 */
export function precedingPeriods(period: Period, count: number, zone: string): Period[] {
  const start = localStart(period, zone);
  const result: Period[] = [];
  for (let i = count; i >= 1; i--) {
    const earlier = start.minus({ months: MONTHS_OF[period.kind] * i });
    result.push(periodStarting(period.kind, earlier.year, earlier.month, zone));
  }
  return result;
}

/**
 * The period of a kind that holds an instant, e.g. the current month at `now`.
 * @example periodContaining("quarter", Date.parse("2026-05-10T12:00:00Z"), zone).label // → "2026-Q2"
 */
export function periodContaining(kind: PeriodKind, at: Instant, zone: string): Period {
  const local = DateTime.fromMillis(at, { zone: checkedZone(zone) });
  const firstMonth =
    kind === "month" ? local.month : kind === "quarter" ? Math.floor((local.month - 1) / 3) * 3 + 1 : 1;
  return periodStarting(kind, local.year, firstMonth, zone);
}

/** The last complete period of a kind before the one holding `at` (the scheduled report's choice). */
export function lastCompletePeriod(kind: PeriodKind, at: Instant, zone: string): Period {
  const current = periodContaining(kind, at, zone);
  const [previous] = precedingPeriods(current, 1, zone);
  return previous as Period;
}

/**
 * An instant as ISO 8601 in a zone, seconds precision, with that zone's offset then in force.
 * @example formatInstant(Date.parse("2026-03-31T22:00:00Z"), "Europe/Amsterdam") // → "2026-04-01T00:00:00+02:00"
 */
export function formatInstant(at: Instant, zone: string): string {
  return instantFormatter(zone)(at);
}

/**
 * `formatInstant` for many instants (a cases CSV of 100,000 rows): the zone's offset is looked
 * up once per clock hour (zone offsets change only on whole quarter hours, never inside an hour
 * in any zone in use) and the text is assembled by hand. Same output as `formatInstant`.
 */
export function instantFormatter(zone: string): (at: Instant) => string {
  const ianaZone = IANAZone.create(checkedZone(zone));
  const offsets = new Map<number, number>();
  return (at) => {
    const hour = Math.floor(at / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = ianaZone.offset(at);
      offsets.set(hour, offset);
    }
    const local = new Date(Math.floor(at / 1000) * 1000 + offset * 60_000);
    const text = local.toISOString().slice(0, 19);
    if (offset === 0 && zone === "UTC") return `${text}Z`;
    const sign = offset < 0 ? "-" : "+";
    const abs = Math.abs(offset);
    return `${text}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  };
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function periodStarting(kind: PeriodKind, year: number, month: number, zone: string): Period {
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone: checkedZone(zone) });
  const end = start.plus({ months: MONTHS_OF[kind] });
  return { label: labelOf(kind, year, month), kind, start: start.toMillis(), end: end.toMillis() };
}

function labelOf(kind: PeriodKind, year: number, month: number): string {
  const y = String(year).padStart(4, "0");
  if (kind === "year") return y;
  if (kind === "quarter") return `${y}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${y}-${String(month).padStart(2, "0")}`;
}

function localStart(period: Period, zone: string): DateTime {
  return DateTime.fromMillis(period.start, { zone: checkedZone(zone) });
}

function checkedZone(zone: string): string {
  if (!Info.isValidIANAZone(zone)) throw new PeriodError(`unknown time zone "${zone}"`);
  return zone;
}
