/**
 * Daylight saving time in Europe/Amsterdam, 2026: clocks go forward on Sunday 29 March at
 * 02:00 CET (01:00 UTC) to 03:00 CEST, and back on Sunday 25 October at 03:00 CEST (01:00 UTC)
 * to 02:00 CET. All expected values are worked out by hand from those two instants.
 */
import { describe, expect, it } from "vitest";
import { businessCalendar } from "../../../src/engine/calendar/index.js";
import { offsetTimeline, wallTimeToInstant } from "../../../src/engine/calendar/zone-offsets.js";

const EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const NO_HOLIDAYS = { country: "none" } as const;
const ms = (iso: string) => Date.parse(iso);

const officeHours = businessCalendar({});
const allWeek = businessCalendar({ serviceWindow: { days: [...EVERY_DAY] }, holidays: NO_HOLIDAYS });
const roundTheClock = businessCalendar({
  serviceWindow: { days: [...EVERY_DAY], from: "00:00", to: "24:00" },
  holidays: NO_HOLIDAYS,
});
const window = (from: string, to: string) =>
  businessCalendar({ serviceWindow: { days: [...EVERY_DAY], from, to }, holidays: NO_HOLIDAYS });

describe("the clock: real elapsed time", () => {
  it.each([
    ["spring night: 23 h", "2026-03-28T12:00:00+01:00", "2026-03-29T12:00:00+02:00", 23 * 60],
    ["autumn night: 25 h", "2026-10-24T12:00:00+02:00", "2026-10-25T12:00:00+01:00", 25 * 60],
    ["midnight to midnight, 29 March", "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 23 * 60],
    ["midnight to midnight, 25 October", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00", 25 * 60],
    ["01:30 → 03:30 across the gap", "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", 60],
    ["first 02:30 → second 02:30", "2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00", 60],
  ])("%s", (_label, from, to, minutes) => {
    expect(officeHours.elapsedMinutes(from, to, "clock")).toBe(minutes);
  });
});

describe("the business clock", () => {
  it.each([
    [
      "08:00–18:00 Mon–Fri, spring weekend",
      officeHours,
      "2026-03-27T08:00:00+01:00",
      "2026-03-30T18:00:00+02:00",
      1200,
    ],
    [
      "08:00–18:00 Mon–Fri, autumn weekend",
      officeHours,
      "2026-10-23T08:00:00+02:00",
      "2026-10-26T18:00:00+01:00",
      1200,
    ],
    [
      "08:00–18:00 every day, Sunday 29 March",
      allWeek,
      "2026-03-29T00:00:00+01:00",
      "2026-03-30T00:00:00+02:00",
      600,
    ],
    [
      "08:00–18:00 every day, Sunday 25 October",
      allWeek,
      "2026-10-25T00:00:00+02:00",
      "2026-10-26T00:00:00+01:00",
      600,
    ],
    [
      "00:00–24:00 loses the hour on 29 March",
      roundTheClock,
      "2026-03-29T00:00:00+01:00",
      "2026-03-30T00:00:00+02:00",
      1380,
    ],
    [
      "00:00–24:00 gains the hour on 25 October",
      roundTheClock,
      "2026-10-25T00:00:00+02:00",
      "2026-10-26T00:00:00+01:00",
      1500,
    ],
    [
      "00:00–24:00, Saturday and Sunday in March",
      roundTheClock,
      "2026-03-28T00:00:00+01:00",
      "2026-03-30T00:00:00+02:00",
      2820,
    ],
    [
      "00:00–24:00, Saturday and Sunday in October",
      roundTheClock,
      "2026-10-24T00:00:00+02:00",
      "2026-10-26T00:00:00+01:00",
      2940,
    ],
    [
      "01:00–04:00 holds the spring gap: 2 h",
      window("01:00", "04:00"),
      "2026-03-29T00:00:00+01:00",
      "2026-03-30T00:00:00+02:00",
      120,
    ],
    [
      "01:00–04:00 holds the autumn repeat: 4 h",
      window("01:00", "04:00"),
      "2026-10-25T00:00:00+02:00",
      "2026-10-26T00:00:00+01:00",
      240,
    ],
  ])("%s", (_label, calendar, from, to, minutes) => {
    expect(calendar.elapsedMinutes(from, to)).toBe(minutes);
  });

  it("adds across the spring change without drift", () => {
    expect(officeHours.addMinutes("2026-03-27T17:00:00+01:00", 120).getTime()).toBe(
      ms("2026-03-30T09:00:00+02:00"),
    );
    expect(roundTheClock.addMinutes("2026-03-29T00:00:00+01:00", 1380).getTime()).toBe(
      ms("2026-03-30T00:00:00+02:00"),
    );
    expect(roundTheClock.addMinutes("2026-10-25T00:00:00+02:00", 1500).getTime()).toBe(
      ms("2026-10-26T00:00:00+01:00"),
    );
  });

  it("window boundaries on the change days are local wall times", () => {
    expect(allWeek.windowIntervals(ms("2026-03-29T00:00:00Z"), ms("2026-03-30T00:00:00Z"))).toEqual([
      [ms("2026-03-29T08:00:00+02:00"), ms("2026-03-29T18:00:00+02:00")],
    ]);
    expect(allWeek.windowIntervals(ms("2026-10-25T00:00:00Z"), ms("2026-10-26T00:00:00Z"))).toEqual([
      [ms("2026-10-25T08:00:00+01:00"), ms("2026-10-25T18:00:00+01:00")],
    ]);
  });
});

describe("window boundaries that fall in the gap or the repeated hour", () => {
  it("a window opening at 02:30 on 29 March opens at 03:00 CEST, when the clock first reads ≥ 02:30", () => {
    expect(
      window("02:30", "12:00").windowIntervals(ms("2026-03-29T00:00:00Z"), ms("2026-03-29T12:00:00Z")),
    ).toEqual([[ms("2026-03-29T03:00:00+02:00"), ms("2026-03-29T12:00:00+02:00")]]);
  });

  it("a window opening at 02:30 on 25 October opens at the first 02:30 (CEST)", () => {
    expect(
      window("02:30", "12:00").elapsedMinutes("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"),
    ).toBe(630);
  });

  it("a window closing at 02:30 on 25 October closes at the first 02:30", () => {
    expect(
      window("00:00", "02:30").elapsedMinutes("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"),
    ).toBe(150);
  });
});

describe("zone-offsets", () => {
  const timeline = offsetTimeline("Europe/Amsterdam", Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));

  it("finds both 2026 changes to the second", () => {
    expect(timeline.starts.slice(1)).toEqual([ms("2026-03-29T01:00:00Z"), ms("2026-10-25T01:00:00Z")]);
    expect(timeline.offsetsMs).toEqual([3_600_000, 7_200_000, 3_600_000]);
  });

  it.each([
    ["an ordinary winter time", Date.UTC(2026, 0, 15, 8), "2026-01-15T07:00:00Z"],
    ["an ordinary summer time", Date.UTC(2026, 5, 15, 8), "2026-06-15T06:00:00Z"],
    ["02:30 in the gap → the gap's end, 03:00 CEST", Date.UTC(2026, 2, 29, 2, 30), "2026-03-29T01:00:00Z"],
    ["03:00 just after the gap", Date.UTC(2026, 2, 29, 3), "2026-03-29T01:00:00Z"],
    ["02:30 twice → the first (CEST)", Date.UTC(2026, 9, 25, 2, 30), "2026-10-25T00:30:00Z"],
    ["03:00 after the repeat", Date.UTC(2026, 9, 25, 3), "2026-10-25T02:00:00Z"],
  ])("wall time %s", (_label, wall, expected) => {
    expect(new Date(wallTimeToInstant(timeline, wall)).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe("independence from the host zone", () => {
  it("gives the same answers when the process runs in another zone", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = "Pacific/Kiritimati";
      // A year no other test touches, so its tables are built under this host zone.
      const calendar = businessCalendar({
        serviceWindow: { days: [...EVERY_DAY], from: "00:00", to: "24:00" },
        holidays: NO_HOLIDAYS,
      });
      // Sunday 31 March 2041 is the last Sunday of March: a 23-hour day in Amsterdam.
      expect(calendar.elapsedMinutes("2041-03-31T00:00:00+01:00", "2041-04-01T00:00:00+02:00")).toBe(1380);
      expect(calendar.isWorkingDay("2041-03-31")).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe("other zones", () => {
  it("Pacific/Apia skipped 30 December 2011 entirely: that day has no service time", () => {
    const apia = businessCalendar({
      serviceWindow: { timezone: "Pacific/Apia", days: [...EVERY_DAY], from: "00:00", to: "24:00" },
      holidays: NO_HOLIDAYS,
    });
    // 29 December 00:00 (UTC−10) to 31 December 00:00 (UTC+14) is only 24 h of real time.
    expect(apia.elapsedMinutes("2011-12-29T00:00:00-10:00", "2011-12-31T00:00:00+14:00")).toBe(1440);
    expect(apia.elapsedMinutes("2011-12-29T00:00:00-10:00", "2011-12-31T00:00:00+14:00", "clock")).toBe(1440);
  });

  it("a half-hour zone (Asia/Kolkata, no DST)", () => {
    const kolkata = businessCalendar({ serviceWindow: { timezone: "Asia/Kolkata" }, holidays: NO_HOLIDAYS });
    expect(kolkata.elapsedMinutes("2026-06-01T02:30:00Z", "2026-06-01T12:30:00Z")).toBe(600);
    expect(kolkata.addMinutes("2026-06-05T12:00:00Z", 60).toISOString()).toBe("2026-06-08T03:00:00.000Z");
  });
});
