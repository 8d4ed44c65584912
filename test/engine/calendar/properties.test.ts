/**
 * Laws of the calendar arithmetic, checked with fast-check over 1990–2200 for several calendars,
 * plus agreement with a slow day-by-day reference built directly on luxon.
 */
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type BusinessCalendar, businessCalendar } from "../../../src/engine/calendar/index.js";

const EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DAY = 86_400_000;
const FIRST = Date.UTC(1990, 0, 1);
const LAST = Date.UTC(2200, 0, 1);

const calendars: Array<[string, BusinessCalendar]> = [
  ["Mon–Fri 08:00–18:00, NL", businessCalendar({})],
  [
    "Mon/Wed/Sat 07:15–16:45, Good Friday, 5 May yearly, worked and closed days",
    businessCalendar({
      serviceWindow: { days: ["mon", "wed", "sat"], from: "07:15", to: "16:45" },
      holidays: {
        goodFriday: true,
        liberationDay: "yearly",
        workingDays: ["2026-05-14", "2030-04-22"],
        closedDays: ["2026-12-24", "2027-12-31", "2100-06-01"],
      },
    }),
  ],
  [
    "every day 00:00–24:00, NL",
    businessCalendar({ serviceWindow: { days: [...EVERY_DAY], from: "00:00", to: "24:00" } }),
  ],
  [
    "every day 01:00–04:00 (holds the DST hour), no holidays",
    businessCalendar({
      serviceWindow: { days: [...EVERY_DAY], from: "01:00", to: "04:00" },
      holidays: { country: "none" },
    }),
  ],
];

const instant = fc.integer({ min: FIRST, max: LAST });
/** An instant and a later one at most `days` away. */
const span = (days: number) =>
  fc.tuple(instant, fc.integer({ min: 0, max: days * DAY })).map(([t, d]) => [t, t + d] as const);

describe.each(calendars)("%s", (_name, cal) => {
  it("additivity: elapsed(a, c) = elapsed(a, b) + elapsed(b, c) for a ≤ b ≤ c", () => {
    fc.assert(
      fc.property(fc.tuple(instant, instant, instant), (triple) => {
        const [a, b, c] = [...triple].sort((x, y) => x - y) as [number, number, number];
        expect(cal.elapsedMs(a, c, "business")).toBe(
          cal.elapsedMs(a, b, "business") + cal.elapsedMs(b, c, "business"),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("antisymmetry and bounds: elapsed(a, b) = −elapsed(b, a), 0 ≤ business ≤ clock", () => {
    fc.assert(
      fc.property(span(400), ([a, b]) => {
        const business = cal.elapsedMs(a, b, "business");
        // toBe is Object.is, so this also asserts that a zero is never returned as -0.
        expect(cal.elapsedMs(b, a, "business")).toBe(0 - business);
        expect(business).toBeGreaterThanOrEqual(0);
        expect(business).toBeLessThanOrEqual(cal.elapsedMs(a, b, "clock"));
      }),
      { numRuns: 300 },
    );
  });

  it("elapsed(t, addMs(t, m)) = m, and addMs is monotone in m", () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 90 * DAY }),
        fc.integer({ min: 0, max: DAY }),
        (t, m, extra) => {
          const due = cal.addMs(t, m, "business");
          expect(due).toBeGreaterThanOrEqual(t);
          expect(cal.elapsedMs(t, due, "business")).toBe(m);
          expect(cal.addMs(t, m + extra, "business")).toBeGreaterThanOrEqual(due);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("addMs(t, elapsed(t, u)) = u for u inside a window after t", () => {
    fc.assert(
      fc.property(
        instant,
        fc.nat(),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (t, pick, f) => {
          const windows = cal.windowIntervals(t, t + 45 * DAY);
          fc.pre(windows.length > 0);
          const [start, end] = windows[pick % windows.length] as [number, number];
          // (start, end]: at the very opening instant no time has elapsed yet, so the earliest
          // instant with that amount is earlier (the previous closing, or t itself).
          const u = start + 1 + Math.floor(f * (end - start));
          expect(cal.addMs(t, cal.elapsedMs(t, u, "business"), "business")).toBe(u);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("for any u ≥ t, addMs(t, elapsed(t, u)) is the earliest instant with that elapsed time", () => {
    fc.assert(
      fc.property(span(60), ([t, u]) => {
        const amount = cal.elapsedMs(t, u, "business");
        const due = cal.addMs(t, amount, "business");
        expect(due).toBeLessThanOrEqual(u);
        expect(cal.elapsedMs(t, due, "business")).toBe(amount);
        if (due > t) expect(cal.elapsedMs(t, due - 1, "business")).toBeLessThan(amount);
      }),
      { numRuns: 300 },
    );
  });

  it("windowIntervals add up to the business time and lie in ascending order", () => {
    fc.assert(
      fc.property(span(40), ([a, b]) => {
        const windows = cal.windowIntervals(a, b);
        let sum = 0;
        let previousEnd = a;
        for (const [start, end] of windows) {
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect(end).toBeGreaterThan(start);
          sum += end - start;
          previousEnd = end;
        }
        expect(previousEnd).toBeLessThanOrEqual(b);
        expect(sum).toBe(cal.elapsedMs(a, b, "business"));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The obvious, slow way: walk the local days with luxon, build each day's window with
 * `DateTime#set`, intersect with [from, to). Only for windows whose boundaries are never in a
 * DST gap or repeat (08:00, 18:00, midnight in Amsterdam), where luxon's resolution is unambiguous.
 */
function referenceBusinessMs(
  cal: BusinessCalendar,
  window: {
    days: ReadonlySet<number>;
    from: readonly [number, number];
    to: readonly [number, number] | "24:00";
  },
  from: number,
  to: number,
): number {
  let day = DateTime.fromMillis(from, { zone: cal.zone }).startOf("day");
  let sum = 0;
  while (day.toMillis() < to) {
    const next = day.plus({ days: 1 });
    const holidays = new Set(cal.holidaysOf(day.year).map((h) => h.date));
    if (window.days.has(day.weekday) && !holidays.has(day.toISODate() ?? "")) {
      const start = day.set({ hour: window.from[0], minute: window.from[1] }).toMillis();
      const end =
        window.to === "24:00"
          ? next.toMillis()
          : day.set({ hour: window.to[0], minute: window.to[1] }).toMillis();
      sum += Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
    day = next;
  }
  return sum;
}

describe("agreement with a day-by-day luxon reference", () => {
  const office = calendars[0]?.[1] as BusinessCalendar;
  const roundTheClock = calendars[2]?.[1] as BusinessCalendar;

  it.each([
    ["Mon–Fri 08:00–18:00", office, { days: new Set([1, 2, 3, 4, 5]), from: [8, 0], to: [18, 0] }],
    [
      "every day 00:00–24:00",
      roundTheClock,
      { days: new Set([1, 2, 3, 4, 5, 6, 7]), from: [0, 0], to: "24:00" },
    ],
  ] as const)("%s", (_name, cal, window) => {
    fc.assert(
      fc.property(span(45), ([a, b]) => {
        expect(cal.elapsedMs(a, b, "business")).toBe(referenceBusinessMs(cal, window, a, b));
      }),
      { numRuns: 300 },
    );
  });
});
