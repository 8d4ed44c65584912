import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { demoCalendar, iso, localToMs, plusDays, SERVICE_DAY_MINUTES } from "../../src/demo/calendar.js";
import { createRng } from "../../src/demo/rng.js";

const luxonIso = (ms: number): string | null =>
  DateTime.fromMillis(ms, { zone: "Europe/Amsterdam" }).toISO({ suppressMilliseconds: true });

describe("iso", () => {
  it.each([
    ["winter", "2026-01-15T08:30:00Z", "2026-01-15T09:30:00+01:00"],
    ["summer", "2025-07-01T06:00:00Z", "2025-07-01T08:00:00+02:00"],
    ["last summer second", "2025-10-26T00:59:59Z", "2025-10-26T02:59:59+02:00"],
    ["first winter second", "2025-10-26T01:00:00Z", "2025-10-26T02:00:00+01:00"],
    ["last winter second", "2026-03-29T00:59:59Z", "2026-03-29T01:59:59+01:00"],
    ["first summer second", "2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00"],
  ])("writes %s time with the Amsterdam offset", (_, utc, expected) => {
    expect(iso(Date.parse(utc))).toBe(expected);
    expect(luxonIso(Date.parse(utc))).toBe(expected);
  });

  it("equals luxon's toISO for random instants over two years, whole seconds", () => {
    const rng = createRng("iso");
    const from = Date.parse("2025-01-01T00:00:00Z");
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor(rng.float(from, from + 730 * 86_400_000) / 1000) * 1000;
      expect(iso(ms)).toBe(luxonIso(ms));
    }
  });
});

describe("demo calendar", () => {
  const from = Date.parse("2025-09-01T00:00:00+02:00");
  const cal = demoCalendar(from, Date.parse("2026-06-30T00:00:00+02:00"));

  it.each([
    ["a plain Monday", "2026-03-02", true],
    ["a Saturday", "2026-03-07", false],
    ["New Year's Day", "2026-01-01", false],
    ["Good Friday (not a holiday by default)", "2026-04-03", true],
    ["Easter Monday", "2026-04-06", false],
    ["King's Day", "2026-04-27", false],
    ["Liberation Day in a lustrum year", "2025-05-05", false],
    ["5 May outside a lustrum year", "2026-05-05", true],
    ["Ascension Day", "2026-05-14", false],
    ["Whit Monday", "2026-05-25", false],
    ["Christmas Day", "2025-12-25", false],
    ["Boxing Day", "2025-12-26", false],
  ])("knows the default working days: %s", (_, date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it("has ten-hour service days", () => {
    expect(SERVICE_DAY_MINUTES).toBe(600);
  });

  it.each([
    ["within the day", "2026-03-02T09:00:00+01:00", 60, "2026-03-02T10:00:00+01:00"],
    ["up to the window's end", "2026-03-02T17:00:00+01:00", 60, "2026-03-02T18:00:00+01:00"],
    ["over the night", "2026-03-02T17:30:00+01:00", 60, "2026-03-03T08:30:00+01:00"],
    ["over a weekend", "2026-03-06T17:00:00+01:00", 120, "2026-03-09T09:00:00+01:00"],
    ["from the evening", "2026-03-02T21:00:00+01:00", 30, "2026-03-03T08:30:00+01:00"],
    ["over Christmas", "2025-12-24T17:00:00+01:00", 120, "2025-12-29T09:00:00+01:00"],
    ["over the DST change", "2026-03-27T17:00:00+01:00", 120, "2026-03-30T09:00:00+02:00"],
  ])("adds business minutes %s", (_, start, minutes, expected) => {
    const result = cal.add(Date.parse(start), minutes, "business");
    expect(iso(result)).toBe(expected);
    expect(cal.businessMinutes(Date.parse(start), result)).toBe(minutes);
  });

  it("moves by calendar days at the same wall time across a DST change", () => {
    expect(iso(plusDays(Date.parse("2025-10-14T19:00:05+02:00"), 14))).toBe("2025-10-28T19:00:05+01:00");
    expect(iso(plusDays(Date.parse("2026-03-20T08:30:00+01:00"), 14))).toBe("2026-04-03T08:30:00+02:00");
  });

  it("adds clock minutes as elapsed time, 23 hours over the spring night", () => {
    const start = localToMs(2026, 3, 28, 12);
    expect(iso(cal.add(start, 24 * 60, "clock"))).toBe("2026-03-29T13:00:00+02:00");
  });
});

describe("createRng", () => {
  it("repeats for a seed and differs between seeds and forks", () => {
    const draw = (seed: number | string): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(createRng(1).fork("a").next()).not.toBe(createRng(1).fork("b").next());
  });

  it("keeps its draws inside their ranges and roughly uniform", () => {
    const rng = createRng(9);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 8000; i++) {
      const n = rng.int(0, 3);
      counts[n] = (counts[n] ?? 0) + 1;
      const f = rng.float(2, 3);
      expect(f >= 2 && f < 3).toBe(true);
    }
    for (const c of counts) expect(c).toBeGreaterThan(1800);
    expect(rng.weighted([["only", 1]])).toBe("only");
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});
