import { describe, expect, it } from "vitest";
import { finalThreadCandidates, lastReopening } from "../../src/alerts/final-state.js";
import { finalAlerts, ticketFinish } from "../../src/alerts/index.js";
import { context } from "../sinks/writeback/helpers.js";
import { MON, response, TUE, ticket } from "./helpers.js";

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
const resolved = (when: string) => ({ at: when, type: "resolved" }) as const;
const closed = (when: string) => ({ at: when, type: "closed" }) as const;
const reopened = (when: string) => ({ at: when, type: "reopened" }) as const;

/** The final states as at `now`, reduced to what a message shows. */
function finals(t: ReturnType<typeof ticket>, now: string) {
  const finish = ticketFinish(t, at(now));
  if (finish === null) throw new Error(`${t.id} is not finished at ${now}`);
  return finalAlerts(t, finish, context(now), null).map((a) => ({
    clock: a.clock,
    transition: a.transition,
    end: a.finish?.end,
    remainingMin: a.remainingMs / MIN,
    deadline: new Date(a.deadline).toISOString(),
    keyInstant: new Date(a.keyInstant).toISOString(),
  }));
}

describe("ticketFinish", () => {
  it.each([
    ["open", [], null],
    ["resolved", [resolved(MON("11:00"))], { transition: "resolved", at: MON("11:00") }],
    ["closed without a resolution", [closed(MON("11:00"))], { transition: "closed", at: MON("11:00") }],
    [
      "resolved, then closed",
      [resolved(MON("11:00")), closed(TUE("09:00"))],
      { transition: "resolved", at: MON("11:00") },
    ],
    ["resolved, then reopened", [resolved(MON("11:00")), reopened(MON("12:00"))], null],
    [
      "resolved, reopened, closed",
      [resolved(MON("11:00")), reopened(MON("12:00")), closed(MON("13:00"))],
      { transition: "closed", at: MON("13:00") },
    ],
    ["resolved after now", [resolved(TUE("11:00"))], null],
  ] as const)("%s", (_what, events, expected) => {
    const t = ticket("T", { priority: "P2" }, [...events]);
    const finish = ticketFinish(t, at(TUE("10:00")));
    expect(finish).toEqual(
      expected === null ? null : { transition: expected.transition, at: at(expected.at) },
    );
  });

  it("knows the last reopening, and none for a ticket never reopened", () => {
    const twice = ticket("T", { priority: "P2" }, [
      resolved(MON("11:00")),
      reopened(MON("12:00")),
      resolved(MON("13:00")),
      reopened(MON("14:00")),
    ]);
    expect(lastReopening(twice, at(MON("15:00")))).toBe(at(MON("14:00")));
    expect(lastReopening(twice, at(MON("13:30")))).toBe(at(MON("12:00")));
    expect(lastReopening(ticket("T", { priority: "P2" }), at(MON("15:00")))).toBeNull();
  });
});

describe("finalAlerts: how each clock ended, as at the finish", () => {
  it("a P2 incident answered at 09:20 and resolved at 17:30: response met, resolution 30 min over", () => {
    const t = ticket("T", { priority: "P2" }, [response("09:20"), resolved(MON("17:30"))]);
    // Seen a day later: the outcome is the one at the resolution.
    expect(finals(t, TUE("12:00"))).toEqual([
      {
        clock: "response",
        transition: "resolved",
        end: "met",
        remainingMin: 40,
        deadline: "2026-03-02T09:00:00.000Z",
        keyInstant: "2026-03-02T16:30:00.000Z",
      },
      {
        clock: "resolution",
        transition: "resolved",
        end: "breached",
        remainingMin: -30,
        deadline: "2026-03-02T16:00:00.000Z",
        keyInstant: "2026-03-02T16:30:00.000Z",
      },
    ]);
  });

  it("a clock that had not stopped ends where it stood: open within its time, breached past it", () => {
    // Resolved at 09:30 without a response: 30 of 60 business minutes used.
    const early = ticket("T", { priority: "P2" }, [resolved(MON("09:30"))]);
    expect(finals(early, MON("10:30")).map((f) => [f.clock, f.end, f.remainingMin])).toEqual([
      ["response", "open", 30],
      ["resolution", "met", 7.5 * 60],
    ]);
    // Closed at 10:30 without a response or a resolution.
    const late = ticket("T", { priority: "P2" }, [closed(MON("10:30"))]);
    expect(finals(late, MON("10:45")).map((f) => [f.clock, f.transition, f.end, f.remainingMin])).toEqual([
      ["response", "closed", "breached", -30],
      ["resolution", "closed", "open", 6.5 * 60],
    ]);
  });

  it("a major incident's updates: one given in time, one 20 min late at the stabilisation", () => {
    // P1, major from 09:00: first update due 09:30 (given 09:20), the next 60 min later at 10:20,
    // not given before the stabilisation at 10:40.
    const t = ticket("T", { priority: "P1" }, [
      { at: MON("09:00"), type: "major", value: true },
      response("09:20"),
      { at: MON("10:40"), type: "stabilized" },
      resolved(MON("11:00")),
    ]);
    const updates = finals(t, MON("11:05")).filter((f) => f.clock === "major-update");
    expect(updates).toEqual([
      {
        clock: "major-update",
        transition: "resolved",
        end: "met",
        remainingMin: 10,
        deadline: "2026-03-02T08:30:00.000Z",
        keyInstant: "2026-03-02T08:30:00.000Z",
      },
      {
        clock: "major-update",
        transition: "resolved",
        end: "breached",
        remainingMin: -20,
        deadline: "2026-03-02T09:20:00.000Z",
        keyInstant: "2026-03-02T09:20:00.000Z",
      },
    ]);
  });

  it("an update the cadence no longer owed ends open", () => {
    // Next update due 10:20; stabilised at 09:50, with 30 of its 60 minutes left.
    const t = ticket("T", { priority: "P1" }, [
      { at: MON("09:00"), type: "major", value: true },
      response("09:20"),
      { at: MON("09:50"), type: "stabilized" },
      resolved(MON("10:00")),
    ]);
    const updates = finals(t, MON("10:05")).filter((f) => f.clock === "major-update");
    expect(updates.map((u) => [u.deadline, u.end, u.remainingMin])).toEqual([
      ["2026-03-02T08:30:00.000Z", "met", 10],
      ["2026-03-02T09:20:00.000Z", "open", 30],
    ]);
  });

  it("names the threads a finished ticket can have, without computing its SLA clocks", () => {
    const t = ticket("T", { priority: "P1", type: "security-incident" }, [
      { at: MON("09:00"), type: "major", value: true },
      resolved(MON("09:45")),
    ]);
    const finish = ticketFinish(t, at(MON("10:00")));
    if (finish === null) throw new Error("not finished");
    const threads = finalThreadCandidates(t, finish, context(MON("10:00")));
    expect(
      threads.map((c) =>
        c.clock === "major-update" ? `${c.clock} ${new Date(c.deadline).toISOString()}` : c.clock,
      ),
    ).toEqual([
      "response",
      "resolution",
      "stabilisation",
      "containment",
      // due 09:30, not given before the resolution at 09:45
      "major-update 2026-03-02T08:30:00.000Z",
    ]);
    const request = ticket("R", { priority: "P2", type: "service-request" }, [resolved(MON("09:45"))]);
    expect(finalThreadCandidates(request, finish, context(MON("10:00"))).map((c) => c.clock)).toEqual([
      "response",
      "resolution",
    ]);
    // P4 has no norms (without supplier norms): no thread, unless it was P2 for a while.
    const p4 = ticket("L", { priority: "P4" }, [resolved(MON("09:45"))]);
    expect(finalThreadCandidates(p4, finish, context(MON("10:00")))).toEqual([]);
    const downgraded = ticket("D", { priority: "P2" }, [
      { at: MON("09:10"), type: "priority", priority: "P4" },
      resolved(MON("09:45")),
    ]);
    expect(finalThreadCandidates(downgraded, finish, context(MON("10:00"))).map((c) => c.clock)).toEqual([
      "response",
      "resolution",
    ]);
  });
});
