import { describe, expect, it } from "vitest";
import {
  CLOCK_NAMES,
  DEFAULT_CLOCK_POLICY,
  overrideClockPolicy,
} from "../../../src/engine/timeline/index.js";
import { HOUR_MS, MINUTE_MS } from "./helpers.js";

describe("DEFAULT_CLOCK_POLICY follows the catalog", () => {
  it.each([
    // O1.2, O1.3; O1.4/O1.5 are supplier norms.
    {
      clock: "response",
      P1: { ms: 15 * MINUTE_MS, clock: "clock" },
      P2: { ms: 60 * MINUTE_MS, clock: "business" },
      P3: null,
      P4: null,
    },
    // O1.6 definitive, O1.7; O1.8/O1.9 are supplier norms.
    {
      clock: "resolution",
      P1: { ms: 48 * HOUR_MS, clock: "clock" },
      P2: { ms: 8 * HOUR_MS, clock: "business" },
      P3: null,
      P4: null,
    },
    // O1.6 stabilisation, P1 only.
    { clock: "stabilisation", P1: { ms: 4 * HOUR_MS, clock: "clock" }, P2: null, P3: null, P4: null },
    // O1.10 and decision 2.
    {
      clock: "containment",
      P1: { ms: 4 * HOUR_MS, clock: "clock" },
      P2: { ms: 24 * HOUR_MS, clock: "business" },
      P3: null,
      P4: null,
    },
  ] as const)("$clock", ({ clock, ...norms }) => {
    expect(DEFAULT_CLOCK_POLICY.clocks[clock]).toEqual(norms);
  });

  it("pauses: response never, resolution and stabilisation for the customer, containment for third parties", () => {
    expect(DEFAULT_CLOCK_POLICY.pauseReasons).toEqual({
      response: [],
      resolution: ["customer"],
      stabilisation: ["customer"],
      containment: ["third-party"],
    });
  });

  it("major updates: first within 30 min, then every 60 min, on the clock", () => {
    expect(DEFAULT_CLOCK_POLICY.majorUpdates).toEqual({
      firstMs: 30 * MINUTE_MS,
      intervalMs: 60 * MINUTE_MS,
      clock: "clock",
    });
  });

  it("no clock for changes", () => {
    for (const name of CLOCK_NAMES) {
      expect(DEFAULT_CLOCK_POLICY.ticketTypes[name]).not.toContain("change");
      expect(DEFAULT_CLOCK_POLICY.ticketTypes[name]).not.toContain("standard-change");
    }
  });
});

describe("overrideClockPolicy", () => {
  it("adds supplier norms and keeps the rest", () => {
    const policy = overrideClockPolicy(DEFAULT_CLOCK_POLICY, {
      clocks: {
        response: {
          P3: { ms: 240 * MINUTE_MS, clock: "business" },
          P4: { ms: 480 * MINUTE_MS, clock: "business" },
        },
      },
      pauseReasons: { resolution: ["customer", "other"] },
      majorUpdates: { intervalMs: 45 * MINUTE_MS },
    });
    expect(policy.clocks.response).toEqual({
      P1: { ms: 15 * MINUTE_MS, clock: "clock" },
      P2: { ms: 60 * MINUTE_MS, clock: "business" },
      P3: { ms: 240 * MINUTE_MS, clock: "business" },
      P4: { ms: 480 * MINUTE_MS, clock: "business" },
    });
    expect(policy.clocks.resolution).toBe(DEFAULT_CLOCK_POLICY.clocks.resolution);
    expect(policy.pauseReasons.resolution).toEqual(["customer", "other"]);
    expect(policy.pauseReasons.containment).toEqual(["third-party"]);
    expect(policy.majorUpdates).toEqual({
      firstMs: 30 * MINUTE_MS,
      intervalMs: 45 * MINUTE_MS,
      clock: "clock",
    });
    // The base is not touched.
    expect(DEFAULT_CLOCK_POLICY.clocks.response.P3).toBeNull();
  });

  it("a null removes a norm", () => {
    const policy = overrideClockPolicy(DEFAULT_CLOCK_POLICY, { clocks: { containment: { P2: null } } });
    expect(policy.clocks.containment.P2).toBeNull();
    expect(policy.clocks.containment.P1).toEqual({ ms: 4 * HOUR_MS, clock: "clock" });
  });

  it.each([
    {
      name: "negative",
      override: { clocks: { response: { P3: { ms: -1000, clock: "business" } } } },
      message: /clocks\.response\.P3\.ms/,
    },
    {
      name: "not whole seconds",
      override: { clocks: { resolution: { P4: { ms: 1500, clock: "business" } } } },
      message: /clocks\.resolution\.P4\.ms/,
    },
    {
      name: "not finite",
      override: { majorUpdates: { firstMs: Number.NaN } },
      message: /majorUpdates\.firstMs/,
    },
    {
      name: "zero interval",
      override: { majorUpdates: { intervalMs: 0 } },
      message: /majorUpdates\.intervalMs/,
    },
  ] as const)("rejects a duration that is $name", ({ override, message }) => {
    expect(() => overrideClockPolicy(DEFAULT_CLOCK_POLICY, override)).toThrow(message);
  });
});
