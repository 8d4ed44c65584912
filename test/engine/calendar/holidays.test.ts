import { describe, expect, it } from "vitest";
import { holidaysOf } from "../../../src/engine/calendar/holidays.js";
import { type HolidayOptions, holidaysSchema } from "../../../src/engine/calendar/options.js";

const options = (input: Partial<HolidayOptions> = {}): HolidayOptions => holidaysSchema.parse(input);
const datesOf = (year: number, input: Partial<HolidayOptions> = {}) =>
  holidaysOf(year, options(input)).map((h) => h.date);

describe("holidaysOf", () => {
  it("the defaults for 2026: the seven fixed-and-movable days, no Good Friday, no 5 May", () => {
    expect(datesOf(2026)).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-04-27",
      "2026-05-14",
      "2026-05-25",
      "2026-12-25",
      "2026-12-26",
    ]);
  });

  it.each([
    [{ goodFriday: true }, 2026, "2026-04-03", true],
    [{ liberationDay: "yearly" as const }, 2026, "2026-05-05", true],
    [{ liberationDay: "never" as const }, 2030, "2030-05-05", false],
    [{ liberationDay: "lustrum" as const }, 2030, "2030-05-05", true],
  ])("%j in %i lists %s: %s", (input, year, date, listed) => {
    expect(datesOf(year, input).includes(date)).toBe(listed);
  });

  it("drops holidays the organisation works on", () => {
    expect(datesOf(2026, { workingDays: ["2026-05-14", "2026-04-27"] })).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-25",
      "2026-12-25",
      "2026-12-26",
    ]);
  });

  it("adds extra closed days of that year only, sorted in, keyed closed-day", () => {
    const list = holidaysOf(2026, options({ closedDays: ["2027-01-02", "2026-12-24", "2026-12-31"] }));
    expect(list.slice(-4)).toEqual([
      { date: "2026-12-24", key: "closed-day", name: "Closed day" },
      { date: "2026-12-25", key: "christmas", name: "Christmas Day" },
      { date: "2026-12-26", key: "boxing-day", name: "Boxing Day" },
      { date: "2026-12-31", key: "closed-day", name: "Closed day" },
    ]);
    expect(datesOf(2027, { closedDays: ["2027-01-02", "2026-12-24"] })).toContain("2027-01-02");
  });

  it("lists a closed day that is already a holiday once, as the holiday", () => {
    const list = holidaysOf(2026, options({ closedDays: ["2026-12-25"] }));
    expect(list.filter((h) => h.date === "2026-12-25")).toEqual([
      { date: "2026-12-25", key: "christmas", name: "Christmas Day" },
    ]);
  });

  it("a worked holiday that is also listed as closed stays closed (closedDays applies last)", () => {
    const list = holidaysOf(2026, options({ workingDays: ["2026-05-14"], closedDays: ["2026-05-14"] }));
    expect(list.filter((h) => h.date === "2026-05-14")).toEqual([
      { date: "2026-05-14", key: "closed-day", name: "Closed day" },
    ]);
  });

  it('country "none": no public holidays, closed days still apply, Good Friday/5 May moot', () => {
    expect(
      datesOf(2025, {
        country: "none",
        goodFriday: true,
        liberationDay: "yearly",
        closedDays: ["2025-12-24"],
      }),
    ).toEqual(["2025-12-24"]);
  });

  it("Christmas and New Year across a weekend are not moved (no substitute days in NL)", () => {
    // 2021-12-25 Sat, 12-26 Sun, 2022-01-01 Sat; 2027-12-25 Sat, 12-26 Sun, 2028-01-01 Sat.
    expect(datesOf(2021).filter((d) => d >= "2021-12-01")).toEqual(["2021-12-25", "2021-12-26"]);
    expect(datesOf(2022)[0]).toBe("2022-01-01");
    expect(datesOf(2027).filter((d) => d >= "2027-12-01")).toEqual(["2027-12-25", "2027-12-26"]);
    expect(datesOf(2028)[0]).toBe("2028-01-01");
  });
});
