import { describe, expect, it } from "vitest";
import { timerValues } from "../../../src/sinks/writeback/index.js";
import { context, MON, response, ticket } from "./helpers.js";

// Hand-checked: a P2 incident registered Monday 09:00 (Amsterdam) has 60 business minutes to
// respond (due 10:00 = 09:00Z) and 8 business hours to resolve (due 17:00 = 16:00Z).
const P2_RESPONSE_DUE = "2026-03-02T09:00:00.000Z";
const P2_RESOLUTION_DUE = "2026-03-02T16:00:00.000Z";

describe("timerValues", () => {
  it.each([
    ["09:30", "running", 30],
    // 45 of 60 minutes is exactly the at-risk share
    ["09:45", "at-risk", 15],
    ["10:30", "breached", -30],
  ] as const)("P2 without a response at %s → %s, %i minutes left", (now, status, remaining) => {
    expect(timerValues(ticket("T", { priority: "P2" }), context(MON(now)))).toEqual({
      slaStatus: status,
      responseDue: P2_RESPONSE_DUE,
      resolutionDue: P2_RESOLUTION_DUE,
      remainingMinutes: remaining,
      nextUpdateDue: null,
    });
  });

  it("counts a paused resolution clock as paused, with its remaining time frozen and no deadline", () => {
    const t = ticket("T", { priority: "P2" }, [
      response("09:20"),
      { at: MON("10:00"), type: "paused", reason: "customer" },
    ]);
    const paused = {
      slaStatus: "paused",
      responseDue: P2_RESPONSE_DUE,
      // the deadline would move with every minute of the pause: none is written
      resolutionDue: null,
      remainingMinutes: 8 * 60 - 60,
      nextUpdateDue: null,
    };
    expect(timerValues(t, context(MON("11:00")))).toEqual(paused);
    // an hour later nothing has changed, so the write-back has nothing to send
    expect(timerValues(t, context(MON("12:00")))).toEqual(paused);
    // resumed at 12:30 with 7 of the 8 hours left: the deadline is fixed again
    const resumed = ticket("T", { priority: "P2" }, [
      response("09:20"),
      { at: MON("10:00"), type: "paused", reason: "customer" },
      { at: MON("12:30"), type: "resumed" },
    ]);
    expect(timerValues(resumed, context(MON("13:00")))).toMatchObject({
      slaStatus: "running",
      // 7 business hours from 12:30: 12:30–18:00 is 5.5 h, then 1.5 h from 08:00 Tuesday → 09:30 (08:30Z)
      resolutionDue: "2026-03-03T08:30:00.000Z",
      remainingMinutes: 7 * 60 - 30,
    });
  });

  it("is met once every clock stopped in time, with nothing left to count down", () => {
    const t = ticket("T", { priority: "P2" }, [response("09:20"), { at: MON("11:00"), type: "resolved" }]);
    expect(timerValues(t, context(MON("12:00")))).toMatchObject({ slaStatus: "met", remainingMinutes: null });
  });

  it("stays breached after a late resolution", () => {
    const t = ticket("T", { priority: "P2" }, [response("10:30"), { at: MON("11:00"), type: "resolved" }]);
    expect(timerValues(t, context(MON("12:00")))).toMatchObject({
      slaStatus: "breached",
      remainingMinutes: null,
    });
  });

  it("shows a P1 major incident's stabilisation deadline and next update", () => {
    // P1 runs on the clock: stabilisation 4 h (13:00 = 12:00Z), resolution 48 h. Major from 09:00,
    // the 09:10 update answers the first due (09:30); the next is due 60 min after it.
    const t = ticket("T", { priority: "P1" }, [
      { at: MON("09:00"), type: "major", value: true },
      response("09:10"),
    ]);
    expect(timerValues(t, context(MON("09:40")))).toEqual({
      slaStatus: "running",
      responseDue: "2026-03-02T08:15:00.000Z",
      resolutionDue: "2026-03-02T12:00:00.000Z",
      remainingMinutes: 240 - 40,
      nextUpdateDue: "2026-03-02T09:10:00.000Z",
    });
  });

  it("shows the P1 resolution deadline once stabilised", () => {
    const t = ticket("T", { priority: "P1" }, [response("09:05"), { at: MON("10:00"), type: "stabilized" }]);
    expect(timerValues(t, context(MON("10:30"))).resolutionDue).toBe("2026-03-04T08:00:00.000Z");
  });

  it("has nothing to show for a ticket whose clocks have no norm", () => {
    expect(timerValues(ticket("T", { priority: "P3" }), context(MON("10:00")))).toEqual({
      slaStatus: null,
      responseDue: null,
      resolutionDue: null,
      remainingMinutes: null,
      nextUpdateDue: null,
    });
  });
});
