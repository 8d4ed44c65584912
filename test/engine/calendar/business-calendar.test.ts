import { describe, expect, it } from "vitest";
import { businessCalendar, CalendarOptionsError } from "../../../src/engine/calendar/index.js";

// The contract's service desk: Mon–Fri 08:00–18:00 Europe/Amsterdam, NL holidays (defaults).
const cal = businessCalendar({
  serviceWindow: {
    timezone: "Europe/Amsterdam",
    days: ["mon", "tue", "wed", "thu", "fri"],
    from: "08:00",
    to: "18:00",
  },
  holidays: { country: "NL", goodFriday: false, liberationDay: "lustrum", workingDays: [], closedDays: [] },
});
const ms = (iso: string) => Date.parse(iso);

describe("elapsedMinutes on the business clock (Mon–Fri 08:00–18:00)", () => {
  it.each([
    ["same day inside the window", "2026-06-01T09:00:00+02:00", "2026-06-01T11:30:00+02:00", 150],
    ["a full day", "2026-06-01T08:00:00+02:00", "2026-06-01T18:00:00+02:00", 600],
    ["across the night", "2026-06-01T17:00:00+02:00", "2026-06-02T09:00:00+02:00", 120],
    ["across the weekend", "2026-03-13T17:00:00+01:00", "2026-03-16T09:00:00+01:00", 120],
    ["a whole week, Monday to Monday", "2026-06-08T08:00:00+02:00", "2026-06-15T08:00:00+02:00", 3000],
    ["from before opening", "2026-06-01T06:00:00+02:00", "2026-06-01T08:45:00+02:00", 45],
    ["to after closing", "2026-06-01T17:15:00+02:00", "2026-06-01T23:00:00+02:00", 45],
    ["over King's Day (Mon 27 April 2026)", "2026-04-24T17:00:00+02:00", "2026-04-28T09:00:00+02:00", 120],
    ["over Ascension (Thu 14 May 2026)", "2026-05-13T17:00:00+02:00", "2026-05-15T09:00:00+02:00", 120],
    [
      "over Easter (Fri 3 April worked, Mon 6 April off)",
      "2026-04-02T17:00:00+02:00",
      "2026-04-07T09:00:00+02:00",
      720,
    ],
    ["Christmas 2026 (Fri) and the weekend", "2026-12-24T17:00:00+01:00", "2026-12-28T09:00:00+01:00", 120],
    ["New Year 2027 (Fri)", "2026-12-31T17:00:00+01:00", "2027-01-04T09:00:00+01:00", 120],
    [
      "Christmas 2021 on Sat/Sun: Mon 27th is worked",
      "2021-12-24T17:00:00+01:00",
      "2021-12-27T09:00:00+01:00",
      120,
    ],
    [
      "New Year 2022 on a Saturday: Mon 3rd is worked",
      "2021-12-31T17:00:00+01:00",
      "2022-01-03T09:00:00+01:00",
      120,
    ],
    [
      "Christmas 2027 on Sat/Sun, New Year 2028 on Sat",
      "2027-12-24T17:00:00+01:00",
      "2028-01-03T09:00:00+01:00",
      3120,
    ],
  ])("%s: %s → %s = %d min", (_label, from, to, minutes) => {
    expect(cal.elapsedMinutes(from, to)).toBe(minutes);
    expect(cal.elapsedMinutes(from, to, "business")).toBe(minutes);
  });

  it.each([
    ["a night", "2026-06-01T18:00:00+02:00", "2026-06-02T08:00:00+02:00"],
    ["a weekend", "2026-06-05T18:00:00+02:00", "2026-06-08T08:00:00+02:00"],
    ["a Saturday afternoon", "2026-06-06T12:00:00+02:00", "2026-06-06T16:00:00+02:00"],
    ["King's Day, during the window hours", "2026-04-27T08:00:00+02:00", "2026-04-27T18:00:00+02:00"],
    ["the early morning", "2026-06-01T00:00:00+02:00", "2026-06-01T08:00:00+02:00"],
    ["an empty span", "2026-06-01T10:00:00+02:00", "2026-06-01T10:00:00+02:00"],
  ])("a span entirely outside the window is 0: %s", (_label, from, to) => {
    expect(cal.elapsedMinutes(from, to)).toBe(0);
  });

  it("is negative when to < from: elapsed(a, b) = −elapsed(b, a)", () => {
    expect(cal.elapsedMinutes("2026-06-02T09:00:00+02:00", "2026-06-01T17:00:00+02:00")).toBe(-120);
    expect(cal.elapsedMinutes("2026-06-02T09:00:00+02:00", "2026-06-01T17:00:00+02:00", "clock")).toBe(-960);
  });

  it("counts business time across a year boundary and over many years", () => {
    // 2025-12-31 Wed 17:00 → 2026-01-02 Fri 09:00: 1 h + New Year + 1 h.
    expect(cal.elapsedMinutes("2025-12-31T17:00:00+01:00", "2026-01-02T09:00:00+01:00")).toBe(120);
    // 2026 has 261 weekdays; 6 of its 7 holidays fall on one (Boxing Day is a Saturday).
    expect(cal.elapsedMinutes("2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00")).toBe(
      (261 - 6) * 600,
    );
  });
});

describe("seconds, milliseconds and input forms", () => {
  it.each([
    ["half a minute", "2026-03-10T09:00:00+01:00", "2026-03-10T09:00:30+01:00", 0.5],
    ["seconds on both sides of the night", "2026-03-10T17:59:30+01:00", "2026-03-11T08:00:45+01:00", 1.25],
    ["milliseconds", "2026-03-10T09:00:00.250+01:00", "2026-03-10T09:00:01+01:00", 0.0125],
  ])("%s: %s → %s = %d min", (_label, from, to, minutes) => {
    expect(cal.elapsedMinutes(from, to)).toBeCloseTo(minutes, 12);
    expect(cal.elapsedMs(ms(from), ms(to), "business")).toBe(minutes * 60_000);
  });

  it.each([
    ["offset +02:00", "2026-06-01T10:00:00+02:00"],
    ["UTC Z", "2026-06-01T08:00:00Z"],
    ["offset +05:30", "2026-06-01T13:30:00+05:30"],
    ["offset -04:00", "2026-06-01T04:00:00-04:00"],
    ["Date", new Date("2026-06-01T08:00:00Z")],
    ["epoch ms", Date.UTC(2026, 5, 1, 8)],
  ])("the same instant written as %s gives the same answer", (_label, from) => {
    // Mon 10:00–18:00 + Tue 08:00–16:00 local = 16 h.
    expect(cal.elapsedMinutes(from, "2026-06-02T14:00:00Z")).toBe(960);
    expect(cal.addMinutes(from, 960).toISOString()).toBe("2026-06-02T14:00:00.000Z");
  });

  it.each([["2026-06-01T10:00:00"], ["2026-06-01 10:00"], ["2026-06-01"], ["next monday"]])(
    "rejects %j: a time without an offset is ambiguous",
    (text) => {
      expect(() => cal.elapsedMinutes(text, "2026-06-02T10:00:00+02:00")).toThrow(RangeError);
      expect(() => cal.elapsedMinutes("2026-06-02T10:00:00+02:00", text)).toThrow(RangeError);
      expect(() => cal.addMinutes(text, 60)).toThrow(RangeError);
    },
  );

  it("says why a zone-less timestamp is rejected", () => {
    expect(() => cal.elapsedMinutes("2026-06-01T10:00:00", "2026-06-01T12:00:00Z")).toThrow(/no offset/);
  });
});

describe("addMinutes on the business clock", () => {
  it.each([
    ["inside the window", "2026-06-01T09:00:00+02:00", 90, "2026-06-01T10:30:00+02:00"],
    [
      "ending exactly at closing (17:00 + 60 = 18:00 same day)",
      "2026-06-01T17:00:00+02:00",
      60,
      "2026-06-01T18:00:00+02:00",
    ],
    ["running over into the next morning", "2026-06-01T17:30:00+02:00", 60, "2026-06-02T08:30:00+02:00"],
    [
      "from outside the window: starts at the next opening",
      "2026-06-05T20:00:00+02:00",
      60,
      "2026-06-08T09:00:00+02:00",
    ],
    ["from before opening", "2026-06-01T06:00:00+02:00", 30, "2026-06-01T08:30:00+02:00"],
    ["over King's Day", "2026-04-24T17:30:00+02:00", 60, "2026-04-28T08:30:00+02:00"],
    ["8 business hours from Friday 14:00", "2026-06-05T14:00:00+02:00", 480, "2026-06-08T12:00:00+02:00"],
    ["seconds", "2026-03-10T17:59:30+01:00", 1.25, "2026-03-11T08:00:45+01:00"],
    ["into the next year", "2026-12-31T17:00:00+01:00", 120, "2027-01-04T09:00:00+01:00"],
    ["zero from outside the window stays put", "2026-06-05T20:00:00+02:00", 0, "2026-06-05T20:00:00+02:00"],
  ])("%s: %s + %d min = %s", (_label, from, minutes, due) => {
    expect(cal.addMinutes(from, minutes).getTime()).toBe(ms(due));
  });

  it("on the clock: real elapsed time, 24 h over a DST night is 25 h of wall time later", () => {
    expect(cal.addMinutes("2026-06-05T20:00:00+02:00", 60, "clock").getTime()).toBe(
      ms("2026-06-05T21:00:00+02:00"),
    );
    expect(cal.addMinutes("2026-03-28T12:00:00+01:00", 1440, "clock").getTime()).toBe(
      ms("2026-03-29T13:00:00+02:00"),
    );
  });

  it("rejects negative or non-finite amounts", () => {
    expect(() => cal.addMinutes("2026-06-01T09:00:00+02:00", -1)).toThrow(RangeError);
    expect(() => cal.addMs(ms("2026-06-01T09:00:00+02:00"), Number.NaN, "business")).toThrow(RangeError);
    expect(() => cal.elapsedMs(Number.NaN, 0, "business")).toThrow(RangeError);
  });
});

describe("norms are inclusive (M1)", () => {
  // A P2 ticket at 17:30 has 1 business hour for its first response: due 08:30 the next morning.
  const created = "2026-06-01T17:30:00+02:00";
  const due = cal.addMinutes(created, 60);

  it("add then elapsed gives exactly the amount", () => {
    expect(due.getTime()).toBe(ms("2026-06-02T08:30:00+02:00"));
    expect(cal.elapsedMinutes(created, due)).toBe(60);
    expect(cal.elapsedMinutes(created, due) <= 60).toBe(true);
  });

  it("one second later is over the norm", () => {
    expect(cal.elapsedMinutes(created, new Date(due.getTime() + 1000))).toBeGreaterThan(60);
  });
});

describe("holidays the organisation works on, and extra closed days", () => {
  const worksAscension = businessCalendar({ holidays: { workingDays: ["2026-05-14"] } });
  const closedChristmasEve = businessCalendar({ holidays: { closedDays: ["2026-12-24"] } });

  it.each([
    [cal, "2026-05-14", false],
    [worksAscension, "2026-05-14", true],
    [worksAscension, "2026-05-25", false],
    [cal, "2026-12-24", true],
    [closedChristmasEve, "2026-12-24", false],
    [cal, "2026-06-06", false], // a Saturday
    [cal, "2021-12-27", true], // Monday after Christmas on a weekend
    [cal, "2027-12-27", true],
    [cal, "2028-01-03", true],
  ])("isWorkingDay(%#) %s = %s", (calendar, date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it("a worked holiday counts in full", () => {
    const [from, to] = ["2026-05-14T08:00:00+02:00", "2026-05-14T18:00:00+02:00"];
    expect(cal.elapsedMinutes(from, to)).toBe(0);
    expect(worksAscension.elapsedMinutes(from, to)).toBe(600);
  });

  it("an extra closed day counts nothing", () => {
    const [from, to] = ["2026-12-23T17:00:00+01:00", "2026-12-28T09:00:00+01:00"];
    expect(cal.elapsedMinutes(from, to)).toBe(60 + 600 + 60);
    expect(closedChristmasEve.elapsedMinutes(from, to)).toBe(120);
    expect(closedChristmasEve.addMinutes("2026-12-23T17:30:00+01:00", 60).getTime()).toBe(
      ms("2026-12-28T08:30:00+01:00"),
    );
  });

  it("holidaysOf reports what is configured", () => {
    expect(worksAscension.holidaysOf(2026).map((h) => h.key)).not.toContain("ascension");
    expect(closedChristmasEve.holidaysOf(2026).find((h) => h.date === "2026-12-24")?.key).toBe("closed-day");
  });

  it("isWorkingDay rejects what is not a date", () => {
    expect(() => cal.isWorkingDay("2026-02-30")).toThrow(RangeError);
    expect(() => cal.isWorkingDay("14-05-2026")).toThrow(RangeError);
  });
});

describe("windowIntervals and serviceDayMs", () => {
  it("lists the clipped windows between two instants", () => {
    const got = cal.windowIntervals(ms("2026-03-27T12:00:00+01:00"), ms("2026-03-30T10:00:00+02:00"));
    expect(got).toEqual([
      [ms("2026-03-27T12:00:00+01:00"), ms("2026-03-27T18:00:00+01:00")],
      [ms("2026-03-30T08:00:00+02:00"), ms("2026-03-30T10:00:00+02:00")],
    ]);
  });

  it("is empty for an empty or reversed span, and for a span outside the window", () => {
    expect(cal.windowIntervals(ms("2026-06-01T12:00:00Z"), ms("2026-06-01T12:00:00Z"))).toEqual([]);
    expect(cal.windowIntervals(ms("2026-06-02T12:00:00Z"), ms("2026-06-01T12:00:00Z"))).toEqual([]);
    expect(cal.windowIntervals(ms("2026-06-06T00:00:00Z"), ms("2026-06-07T12:00:00Z"))).toEqual([]);
  });

  it.each([
    ["08:00", "18:00", 10 * 3_600_000],
    ["00:00", "24:00", 24 * 3_600_000],
    ["07:30", "17:45", (10 * 60 + 15) * 60_000],
  ])("serviceDayMs of %s–%s", (from, to, expected) => {
    expect(businessCalendar({ serviceWindow: { from, to } }).serviceDayMs).toBe(expected);
  });

  it("exposes its zone", () => {
    expect(cal.zone).toBe("Europe/Amsterdam");
  });
});

describe("options validation", () => {
  it("fills in the contract defaults", () => {
    const defaults = businessCalendar({});
    expect(defaults.elapsedMinutes("2026-04-24T17:00:00+02:00", "2026-04-28T09:00:00+02:00")).toBe(120);
    expect(defaults.serviceDayMs).toBe(10 * 3_600_000);
  });

  it("lists every problem with its path", () => {
    const bad = {
      serviceWindow: { timezone: "Mars/Olympus", days: ["mon", "mon"], from: "8:00", to: "18:00" },
      holidays: { country: "BE", closedDays: ["2026-02-30"], extra: true },
    };
    let error: unknown;
    try {
      businessCalendar(bad as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarOptionsError);
    expect(error).toBeInstanceOf(Error);
    const problems = (error as CalendarOptionsError).problems.map((p) => p.path);
    expect(problems).toEqual(
      expect.arrayContaining([
        "serviceWindow.timezone",
        "serviceWindow.days",
        "serviceWindow.from",
        "holidays.country",
        "holidays.closedDays[0]",
        "holidays",
      ]),
    );
    expect((error as Error).message).toMatch(/holidays\.closedDays\[0\]: not a calendar date/);
    expect((error as Error).message).toMatch(/serviceWindow\.timezone: not an IANA time zone/);
  });

  it("rejects a window that ends before it starts", () => {
    expect(() => businessCalendar({ serviceWindow: { from: "18:00", to: "08:00" } })).toThrow(
      /serviceWindow\.to: the window must end after it starts/,
    );
  });
});
