/**
 * Dates of the catalog: local dates in the contract's zone, quarter boundaries (appendix 12a
 * §2.2 (iii): a change takes effect "per kwartaalgrens") and version labels.
 */
import { DateTime } from "luxon";
import { parseInstant } from "../model/instant.js";

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface LocalDay {
  /** "YYYY-MM-DD" in the zone */
  date: string;
  /** false for a timestamp that is not 00:00 local: a change cannot start in the middle of a day */
  midnight: boolean;
}

/** A catalog date (local date, or timestamp with offset) as a local day; null when not a real date. */
export function localDay(value: string, zone: string): LocalDay | null {
  if (LOCAL_DATE.test(value)) {
    return DateTime.fromISO(value, { zone }).isValid ? { date: value, midnight: true } : null;
  }
  const instant = parseInstant(value);
  if (instant === null) return null;
  const local = DateTime.fromMillis(instant, { zone });
  const midnight = local.hour === 0 && local.minute === 0 && local.second === 0 && local.millisecond === 0;
  return { date: local.toFormat("yyyy-MM-dd"), midnight };
}

/** The local date of an instant (epoch ms) in the zone. */
export function localDateOf(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat("yyyy-MM-dd");
}

/** 1 January, 1 April, 1 July or 1 October. */
export function isQuarterStart(date: string): boolean {
  return /^\d{4}-(01|04|07|10)-01$/.test(date);
}

/** The quarter start on or after a date, for messages ("the next boundary is …"). */
export function nextQuarterStart(date: string): string {
  if (isQuarterStart(date)) return date;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const next = Math.floor((month - 1) / 3) * 3 + 4;
  return next > 12 ? `${year + 1}-01-01` : `${year}-${String(next).padStart(2, "0")}-01`;
}

const LABEL = /^(.*)-(\d{4})\.(\d+)$/;

/**
 * The version label of the composition that starts on a quarter boundary: the base label's
 * prefix with year and quarter (`sib-2026.1` + 2027-07-01 → `sib-2027.3`); a base label of
 * another form gets the date appended (`acme-v3` → `acme-v3@2027-07-01`).
 */
export function versionLabel(baseVersion: string, quarterStart: string): string {
  const match = LABEL.exec(baseVersion);
  if (match === null) return `${baseVersion}@${quarterStart}`;
  const quarter = Math.floor((Number(quarterStart.slice(5, 7)) - 1) / 3) + 1;
  return `${match[1]}-${quarterStart.slice(0, 4)}.${quarter}`;
}
