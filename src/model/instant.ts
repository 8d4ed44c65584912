/**
 * Instants are epoch milliseconds inside the engine. At the edges they arrive as ISO 8601 text,
 * which must carry an offset or `Z`: a zone-less time is ambiguous (local? UTC?) and is rejected.
 *
 * Parsing is hand-written rather than done with luxon because it sits on the sync hot path
 * (about ten timestamps per ticket, millions per full sync) and only one strict shape is allowed.
 */
export type Instant = number;

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Parses an ISO 8601 timestamp with offset; returns null when the text is not one. */
export function parseInstant(text: string): Instant | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-9);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // 24:00 is not accepted: the same instant is always written as 00:00 of the next day.
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const offH = Number(m[10]);
    const offM = Number(m[11]);
    if (offH > 18 || offM > 59) return null;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offH * 60 + offM);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** Why a text is not an instant, for error messages. */
export function explainBadInstant(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/.test(text)) {
    return `timestamp "${text}" has no offset (add Z or e.g. +01:00)`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `"${text}" is a date without a time and offset`;
  return `"${text}" is not an ISO 8601 timestamp with offset`;
}

/** Converts a Date, epoch milliseconds or ISO text with offset into an instant; throws on bad input. */
export function toInstant(value: Date | string | number): Instant {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite instant: ${value}`);
    return value;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError("invalid Date");
    return ms;
  }
  const parsed = parseInstant(value);
  if (parsed === null) throw new RangeError(explainBadInstant(value));
  return parsed;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
