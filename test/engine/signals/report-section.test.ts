/** The period report carries the signals section, computed from the report's own tickets and trend periods. */
import { describe, expect, it } from "vitest";
import { contractRulesSchema } from "../../../src/config/schema/contract.js";
import { buildPeriodReport } from "../../../src/engine/report/build.js";
import { precedingPeriods } from "../../../src/engine/report/period.js";
import { EMPTY_INPUT } from "../report/fixture.js";
import { APRIL_FIRST, at, calendar, ev, MARCH, policy, ticket, ZONE } from "./helpers.js";

const reopenedIn = (id: string, day: string) =>
  ticket(id, { createdAt: `${day}T09:00:00+01:00` }, [
    ev.resolved(`${day}T10:00:00+01:00`),
    ev.reopened(`${day}T11:00:00+01:00`),
    ev.resolved(`${day}T12:00:00+01:00`),
  ]);

describe("buildPeriodReport", () => {
  const report = buildPeriodReport({
    period: MARCH,
    definitions: [],
    catalogVersion: "test",
    input: {
      ...EMPTY_INPUT,
      tickets: [reopenedIn("I-FEB", "2026-02-10"), reopenedIn("I-MAR", "2026-03-10")],
    },
    calendar,
    policy,
    rules: contractRulesSchema.parse({ signals: { reopened: { ceiling: 0.5 } } }),
    now: at(APRIL_FIRST),
    trendPeriods: precedingPeriods(MARCH, 2, ZONE),
  });

  it("has a signals section over the report's period and trend periods", () => {
    const reopened = report.signals?.signals.find((s) => s.id === "reopened");
    expect(reopened).toMatchObject({ value: 1, n: 1, ceiling: 0.5, cases: [{ id: "I-MAR" }] });
    expect(reopened?.trend.map((t) => [t.label, t.value, t.n])).toEqual([
      ["2026-01", null, 0],
      ["2026-02", 1, 1],
    ]);
  });

  it("states the signals' thresholds among the settings used", () => {
    const byKey = new Map(report.settings.map((s) => [`${s.group}/${s.key}`, s.value]));
    expect(byKey.get("rules/signals.reopened.ceiling")).toBe("0.5");
    expect(byKey.get("rules/signals.downgradeNearDeadline.windowMinutes")).toBe("60");
    expect(byKey.get("rules/signals.minBaselinePeriods")).toBe("3");
  });
});
