import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  formatInstant,
  lastCompletePeriod,
  PeriodError,
  parsePeriod,
  periodContaining,
  precedingPeriods,
} from "../../../src/engine/report/period.js";

const ZONE = "Europe/Amsterdam";

function bounds(text: string, zone = ZONE) {
  const p = parsePeriod(text, zone);
  return {
    label: p.label,
    kind: p.kind,
    start: formatInstant(p.start, zone),
    end: formatInstant(p.end, zone),
  };
}

describe("parsePeriod", () => {
  it.each([
    // month in winter time that ends in summer time (DST starts 2026-03-29)
    ["2026-03", "month", "2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00"],
    ["2026-02", "month", "2026-02-01T00:00:00+01:00", "2026-03-01T00:00:00+01:00"],
    // summer time to winter time (DST ends 2026-10-25)
    ["2026-10", "month", "2026-10-01T00:00:00+02:00", "2026-11-01T00:00:00+01:00"],
    ["2026-12", "month", "2026-12-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00"],
    ["2026-Q1", "quarter", "2026-01-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00"],
    ["2026-Q2", "quarter", "2026-04-01T00:00:00+02:00", "2026-07-01T00:00:00+02:00"],
    ["2026-Q4", "quarter", "2026-10-01T00:00:00+02:00", "2027-01-01T00:00:00+01:00"],
    ["2026", "year", "2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00"],
  ])("%s is a %s from %s to %s", (text, kind, start, end) => {
    expect(bounds(text)).toEqual({ label: text, kind, start, end });
  });

  it("measures a DST month in real hours: March 2026 is 743 hours long", () => {
    const march = parsePeriod("2026-03", ZONE);
    expect((march.end - march.start) / 3_600_000).toBe(31 * 24 - 1);
    const october = parsePeriod("2026-10", ZONE);
    expect((october.end - october.start) / 3_600_000).toBe(31 * 24 + 1);
  });

  it("accepts a lower-case q and surrounding blanks, and normalises the label", () => {
    expect(parsePeriod(" 2026-q3 ", ZONE).label).toBe("2026-Q3");
  });

  it("uses the zone it is given", () => {
    expect(bounds("2026-03", "UTC")).toMatchObject({
      start: "2026-03-01T00:00:00Z",
      end: "2026-04-01T00:00:00Z",
    });
  });

  it.each([
    ["2026-13", /month 13 does not exist/],
    ["2026-00", /month 00 does not exist/],
    ["2026-Q5", /is not a month \(2026-03\), a quarter \(2026-Q1\) or a year \(2026\)/],
    ["26-03", /is not a month/],
    ["2026-3", /is not a month/],
    ["March 2026", /is not a month/],
    ["", /period "" is not a month/],
    ["2026-03-01", /is not a month/],
  ])("rejects %j with a clear PeriodError", (text, message) => {
    expect(() => parsePeriod(text, ZONE)).toThrow(PeriodError);
    expect(() => parsePeriod(text, ZONE)).toThrow(message);
  });

  it("rejects an unknown zone", () => {
    expect(() => parsePeriod("2026-03", "Mars/Olympus")).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe("precedingPeriods", () => {
  it.each([
    ["2026-02", 3, ["2025-11", "2025-12", "2026-01"]],
    ["2026-Q1", 4, ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]],
    ["2026", 2, ["2024", "2025"]],
    ["2026-03", 0, []],
  ] as const)("before %s, %i periods are %j (oldest first)", (text, count, labels) => {
    const periods = precedingPeriods(parsePeriod(text, ZONE), count, ZONE);
    expect(periods.map((p) => p.label)).toEqual(labels);
  });

  it("gives adjacent periods: each ends where the next starts", () => {
    const march = parsePeriod("2026-03", ZONE);
    const periods = [...precedingPeriods(march, 6, ZONE), march];
    for (let i = 1; i < periods.length; i++) expect(periods[i - 1]?.end).toBe(periods[i]?.start);
    expect(periods.every((p) => p.kind === "month")).toBe(true);
  });
});

describe("periodContaining and lastCompletePeriod", () => {
  // 2026-03-31T23:30 in Amsterdam is still March, though it is already 21:30 UTC.
  const lateMarch = Date.parse("2026-03-31T23:30:00+02:00");
  it.each([
    ["month", "2026-03", "2026-02"],
    ["quarter", "2026-Q1", "2025-Q4"],
    ["year", "2026", "2025"],
  ] as const)("at the end of March 2026 the %s is %s, the last complete one %s", (kind, current, last) => {
    expect(periodContaining(kind, lateMarch, ZONE).label).toBe(current);
    expect(lastCompletePeriod(kind, lateMarch, ZONE).label).toBe(last);
  });

  it("takes the first instant of a period as inside it", () => {
    const april = parsePeriod("2026-04", ZONE);
    expect(periodContaining("month", april.start, ZONE)).toEqual(april);
  });
});

describe("formatInstant", () => {
  it.each([
    ["2026-03-29T00:59:59Z", "Europe/Amsterdam", "2026-03-29T01:59:59+01:00"],
    ["2026-03-29T01:00:00Z", "Europe/Amsterdam", "2026-03-29T03:00:00+02:00"],
    ["2026-10-25T00:59:59Z", "Europe/Amsterdam", "2026-10-25T02:59:59+02:00"],
    ["2026-10-25T01:00:00Z", "Europe/Amsterdam", "2026-10-25T02:00:00+01:00"],
    ["2026-03-02T08:15:30.750Z", "Europe/Amsterdam", "2026-03-02T09:15:30+01:00"],
    ["2026-03-02T08:15:00Z", "UTC", "2026-03-02T08:15:00Z"],
    ["2026-03-02T08:15:00Z", "America/St_Johns", "2026-03-02T04:45:00-03:30"],
    ["1969-12-31T23:59:59Z", "Europe/Amsterdam", "1970-01-01T00:59:59+01:00"],
  ])("%s in %s is %s", (iso, zone, text) => {
    expect(formatInstant(Date.parse(iso), zone)).toBe(text);
  });

  it("agrees with luxon every 97 minutes through a year of Amsterdam and New York time", () => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (const zone of ["Europe/Amsterdam", "America/New_York"]) {
      for (let at = start; at < start + 366 * 86_400_000; at += 97 * 60_000 + 7_000) {
        const expected = DateTime.fromMillis(at, { zone }).toISO({ suppressMilliseconds: true });
        expect(formatInstant(at, zone)).toBe(expected);
      }
    }
  });
});
