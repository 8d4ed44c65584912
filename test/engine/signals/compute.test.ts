/**
 * The section as a whole: one pass places each case in its own period (report or trend), cases
 * are written out for the report's period only, the baseline comes from the trend periods, and
 * signals are ranked. Reopened tickets serve as the example.
 */
import { describe, expect, it } from "vitest";
import { SIGNAL_IDS } from "../../../src/engine/signals/index.js";
import { ev, signalOf, signalsOf, ticket } from "./helpers.js";

/** A ticket resolved on `day` (at 12:00), reopened at 13:00 and resolved again at 15:00 when `reopened`. */
const resolvedOn = (id: string, day: string, reopened: boolean) =>
  ticket(
    id,
    { createdAt: `${day}T09:00:00+01:00` },
    reopened
      ? [
          ev.resolved(`${day}T12:00:00+01:00`),
          ev.reopened(`${day}T13:00:00+01:00`),
          ev.resolved(`${day}T15:00:00+01:00`),
        ]
      : [ev.resolved(`${day}T12:00:00+01:00`)],
  );

const tickets = [
  resolvedOn("JAN-1", "2026-01-12", false),
  resolvedOn("FEB-1", "2026-02-09", true),
  resolvedOn("FEB-2", "2026-02-10", false),
  resolvedOn("MAR-1", "2026-03-09", true),
];
const rules = { signals: { minPopulation: 1, minBaselinePeriods: 2 } };

describe("computeSignals", () => {
  it("places each case in its period, and writes out the report period's cases only", () => {
    const signal = signalOf(signalsOf(tickets, { trend: 2, rules }), "reopened");
    expect(signal.trend).toEqual([
      { label: "2026-01", value: 0, n: 1, hits: 0 },
      { label: "2026-02", value: 0.5, n: 2, hits: 1 },
    ]);
    expect({ value: signal.value, n: signal.n, hits: signal.hits }).toEqual({ value: 1, n: 1, hits: 1 });
    expect(signal.cases.map((c) => c.id)).toEqual(["MAR-1"]);
  });

  it("compares with the median of the trend periods and flags by both thresholds", () => {
    const signal = signalOf(signalsOf(tickets, { trend: 2, rules }), "reopened");
    expect(signal).toMatchObject({
      baseline: 0.25,
      baselinePeriods: 2,
      deviation: 0.75,
      maxRise: 0.02,
      ceiling: 0.08,
      flagged: true,
      flaggedBy: ["baseline", "ceiling"],
    });
  });

  it("without enough history flags by the ceiling only", () => {
    const signal = signalOf(signalsOf(tickets, { trend: 1, rules }), "reopened");
    expect(signal).toMatchObject({
      baseline: null,
      baselinePeriods: 0,
      deviation: null,
      flaggedBy: ["ceiling"],
    });
  });

  it("gives no verdict on a period with fewer cases than minPopulation (default 20)", () => {
    const signal = signalOf(signalsOf(tickets, { trend: 2 }), "reopened");
    expect(signal).toMatchObject({ value: 1, n: 1, baseline: null, flagged: false, flaggedBy: [] });
  });

  it("reports every signal once, flagged first, with the thresholds and windows in force", () => {
    const section = signalsOf(tickets, { trend: 2, rules });
    expect([...section.signals.map((s) => s.id)].sort()).toEqual([...SIGNAL_IDS].sort());
    expect(section.signals[0]?.id).toBe("reopened");
    expect(section.minPopulation).toBe(1);
    expect(signalOf(section, "pause-near-deadline").definition).toContain(
      "at most 60 min of the norm was left",
    );
    expect(signalOf(section, "pause-near-deadline").suggestedMeasure).toBe(
      "resolution time including pauses started within 60 min of the deadline",
    );
  });

  it("has no data, and flags nothing, without tickets", () => {
    const section = signalsOf([], { trend: 2 });
    for (const signal of section.signals) {
      expect(signal).toMatchObject({ value: null, n: 0, hits: 0, flagged: false, cases: [] });
    }
    expect(section.experience.byPeriod).toEqual([
      { key: "2026-01", n: 0, withinNorm: null, satisfied: null },
      { key: "2026-02", n: 0, withinNorm: null, satisfied: null },
      { key: "2026-03", n: 0, withinNorm: null, satisfied: null },
    ]);
    expect(section.normEdges).toEqual([]);
  });
});
