import { describe, expect, it } from "vitest";
import { businessCalendar } from "../src/index.js";

describe("package entry", () => {
  it("exports businessCalendar with the documented semantics", () => {
    const cal = businessCalendar({
      serviceWindow: {
        timezone: "Europe/Amsterdam",
        days: ["mon", "tue", "wed", "thu", "fri"],
        from: "08:00",
        to: "18:00",
      },
      holidays: { country: "NL" },
    });
    // Fri 17:00 CET → Mon 09:00 CEST: 60 minutes on Friday, 60 on Monday.
    expect(cal.elapsedMinutes("2026-03-27T17:00:00+01:00", "2026-03-30T09:00:00+02:00", "business")).toBe(
      120,
    );
    // 17:00 + 60 business minutes = 18:00 the same day (17:00Z in winter).
    expect(cal.addMinutes("2026-03-02T17:00:00+01:00", 60, "business").toISOString()).toBe(
      "2026-03-02T17:00:00.000Z",
    );
    expect(() => cal.elapsedMinutes("2026-03-02T17:00:00", "2026-03-02T18:00:00+01:00", "business")).toThrow(
      /offset/,
    );
  });
});
