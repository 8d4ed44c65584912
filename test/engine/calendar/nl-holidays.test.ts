import Holidays, { type HolidaysTypes } from "date-holidays";
import { describe, expect, it } from "vitest";
import {
  dutchPublicHolidays,
  IGNORED_PUBLIC_RULES,
  ruleKey,
} from "../../../src/engine/calendar/nl-holidays.js";

type NlOptions = Parameters<typeof dutchPublicHolidays>[1];
const DEFAULTS: NlOptions = { goodFriday: false, liberationDay: "never" };

function dateOf(year: number, key: string, options: NlOptions = DEFAULTS): string[] {
  return dutchPublicHolidays(year, options)
    .filter((h) => h.key === key)
    .map((h) => h.date);
}

describe("movable feasts (Easter-based), hand-checked against published calendars", () => {
  // Easter Sunday: 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28, 2030-04-21, 2038-04-25,
  // 1990-04-15, 2200-04-06. Good Friday = −2, Easter Monday = +1, Ascension = +39, Whit Monday = +50.
  it.each([
    [1990, "1990-04-13", "1990-04-16", "1990-05-24", "1990-06-04"],
    [2024, "2024-03-29", "2024-04-01", "2024-05-09", "2024-05-20"],
    [2025, "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-09"],
    [2026, "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25"],
    [2027, "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17"],
    [2030, "2030-04-19", "2030-04-22", "2030-05-30", "2030-06-10"],
    [2038, "2038-04-23", "2038-04-26", "2038-06-03", "2038-06-14"],
    [2200, "2200-04-04", "2200-04-07", "2200-05-15", "2200-05-26"],
  ])("%i: Good Friday %s, Easter Monday %s, Ascension %s, Whit Monday %s", (year, gf, em, asc, wm) => {
    expect(dateOf(year, "good-friday", { goodFriday: true, liberationDay: "never" })).toEqual([gf]);
    expect(dateOf(year, "easter-monday")).toEqual([em]);
    expect(dateOf(year, "ascension")).toEqual([asc]);
    expect(dateOf(year, "whit-monday")).toEqual([wm]);
  });

  it("Good Friday only when opted in", () => {
    expect(dateOf(2026, "good-friday")).toEqual([]);
  });

  // An independent Easter computation (Meeus/Jones/Butcher Gregorian algorithm) as an oracle for
  // many more years than the hand-checked table.
  function easterSunday(year: number): number {
    const a = year % 19;
    const b = Math.floor(year / 100);
    const c = year % 100;
    const d = Math.floor(b / 4);
    const e = b % 4;
    const f = Math.floor((b + 8) / 25);
    const g = Math.floor((b - f + 1) / 3);
    const h = (19 * a + b - d - g + 15) % 30;
    const i = Math.floor(c / 4);
    const k = c % 4;
    const l = (32 + 2 * e + 2 * i - h - k) % 7;
    const m = Math.floor((a + 11 * h + 22 * l) / 451);
    const month = Math.floor((h + l - 7 * m + 114) / 31);
    const day = ((h + l - 7 * m + 114) % 31) + 1;
    return Date.UTC(year, month - 1, day);
  }
  const plusDays = (ms: number, days: number) => new Date(ms + days * 86_400_000).toISOString().slice(0, 10);

  it("agrees with the Meeus/Jones/Butcher algorithm for 1950–2250", () => {
    for (let year = 1950; year <= 2250; year++) {
      const easter = easterSunday(year);
      const got = dutchPublicHolidays(year, { goodFriday: true, liberationDay: "never" });
      const byKey = (key: string) => got.filter((h) => h.key === key).map((h) => h.date);
      expect([year, byKey("good-friday")]).toEqual([year, [plusDays(easter, -2)]]);
      expect([year, byKey("easter-monday")]).toEqual([year, [plusDays(easter, 1)]]);
      expect([year, byKey("ascension")]).toEqual([year, [plusDays(easter, 39)]]);
      expect([year, byKey("whit-monday")]).toEqual([year, [plusDays(easter, 50)]]);
    }
  });
});

describe("King's Day and Queen's Day", () => {
  it.each([
    [2014, "2014-04-26"], // the 27th was a Sunday: Saturday the 26th
    [2024, "2024-04-27"],
    [2025, "2025-04-26"], // 27 April 2025 is a Sunday
    [2026, "2026-04-27"],
    [2031, "2031-04-26"], // 27 April 2031 is a Sunday
    [2013, "2013-04-30"], // last Queen's Day (a Tuesday)
    [2006, "2006-04-29"], // 30 April 2006 a Sunday: Saturday the 29th (rule since 1980)
    [1989, "1989-04-29"], // 30 April 1989 a Sunday
    [1990, "1990-04-30"],
    [1978, "1978-05-01"], // Juliana's reign: a Sunday 30 April moved to Monday 1 May
    [1979, "1979-04-30"],
  ])("%i → %s", (year, expected) => {
    expect(dateOf(year, "kings-day")).toEqual([expected]);
  });

  it("names the day after the monarch of the time", () => {
    expect(dutchPublicHolidays(2026, DEFAULTS).find((h) => h.key === "kings-day")?.name).toBe("King's Day");
    expect(dutchPublicHolidays(2006, DEFAULTS).find((h) => h.key === "kings-day")?.name).toBe("Queen's Day");
  });
});

describe("Liberation Day (5 May)", () => {
  it.each([
    ["never", 2025, []],
    ["never", 2026, []],
    ["never", 2030, []],
    ["lustrum", 2025, ["2025-05-05"]],
    ["lustrum", 2026, []],
    ["lustrum", 2030, ["2030-05-05"]],
    ["yearly", 2025, ["2025-05-05"]],
    ["yearly", 2026, ["2026-05-05"]],
    ["yearly", 2030, ["2030-05-05"]],
  ] as const)("%s in %i → %j", (liberationDay, year, expected) => {
    expect(dateOf(year, "liberation-day", { goodFriday: false, liberationDay })).toEqual(expected);
  });

  it("does not exist before 1946", () => {
    expect(dateOf(1940, "liberation-day", { goodFriday: false, liberationDay: "yearly" })).toEqual([]);
    expect(dateOf(1946, "liberation-day", { goodFriday: false, liberationDay: "yearly" })).toEqual([
      "1946-05-05",
    ]);
  });
});

describe("the full default list", () => {
  it("2026 with the contract defaults (no Good Friday, Liberation Day only in lustrum years)", () => {
    expect(dutchPublicHolidays(2026, { goodFriday: false, liberationDay: "lustrum" })).toEqual([
      { date: "2026-01-01", key: "new-year", name: "New Year's Day" },
      { date: "2026-04-06", key: "easter-monday", name: "Easter Monday" },
      { date: "2026-04-27", key: "kings-day", name: "King's Day" },
      { date: "2026-05-14", key: "ascension", name: "Ascension Day" },
      { date: "2026-05-25", key: "whit-monday", name: "Whit Monday" },
      { date: "2026-12-25", key: "christmas", name: "Christmas Day" },
      { date: "2026-12-26", key: "boxing-day", name: "Boxing Day" },
    ]);
  });

  it("2025 has Liberation Day (lustrum) and King's Day on the 26th", () => {
    expect(
      dutchPublicHolidays(2025, { goodFriday: false, liberationDay: "lustrum" }).map((h) => h.date),
    ).toEqual([
      "2025-01-01",
      "2025-04-21",
      "2025-04-26",
      "2025-05-05",
      "2025-05-29",
      "2025-06-09",
      "2025-12-25",
      "2025-12-26",
    ]);
  });
});

describe("the date-holidays data this relies on", () => {
  // Fails when a package update adds or renames a public NL rule, so the change is reviewed here
  // instead of silently adding or dropping a day off.
  it("every public NL rule is either mapped to a key or deliberately ignored", () => {
    // The package declares getRules() as its HolidayRule class; the objects carry `rule` and `type`.
    const rules = new Holidays("NL").getRules() as unknown as HolidaysTypes.HolidayRule[];
    const unknown = rules
      .filter((r) => r.type === undefined || r.type === "public")
      .map((r) => r.rule)
      .filter((rule) => ruleKey(rule) === undefined && !IGNORED_PUBLIC_RULES.includes(rule));
    expect(unknown).toEqual([]);
    expect(rules.map((r) => r.rule)).toEqual(
      expect.arrayContaining(["easter -2", "05-05", ...IGNORED_PUBLIC_RULES]),
    );
  });

  it.each([
    ["04-27 if sunday then previous saturday since 2014", "kings-day"],
    ["04-30 if sunday then previous saturday since 1980 and prior to 2014", "kings-day"],
    ["05-04", undefined], // Remembrance of the Dead: an observance, not a day off
    ["12-31", undefined],
    ["easter", undefined],
    ["easter 49", undefined],
  ])("rule %j → %s", (rule, key) => {
    expect(ruleKey(rule)).toBe(key);
  });

  it("gives the same local dates whatever the host zone", () => {
    const saved = process.env.TZ;
    try {
      const datesIn = (tz: string) => {
        process.env.TZ = tz;
        return new Holidays("NL").getHolidays(2026).map((h) => h.date.slice(0, 10));
      };
      expect(datesIn("Pacific/Kiritimati")).toEqual(datesIn("America/Los_Angeles"));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
