import { describe, expect, it } from "vitest";
import {
  advanceHistory,
  type HistoryState,
  historyEvents,
  type Observation,
} from "../../../connectors/topdesk/history.js";

const T = (hhmm: string, day = "02") => `2026-03-${day}T${hhmm}:00.000Z`;

/** A version of one incident: created 08:00, assigned to op-1 in "Servicedesk", P3, open. */
function version(at: string, changes: Partial<Observation> = {}): Observation {
  return {
    at,
    createdAt: T("08:00"),
    owner: "op-1",
    group: "Servicedesk",
    party: null,
    priority: "P3",
    priorityUnmapped: false,
    pause: null,
    pauseSince: null,
    major: false,
    resolvedAt: null,
    closedAt: null,
    ...changes,
  };
}

/** The events after seeing the versions in turn. */
function replay(...versions: Observation[]) {
  let state: HistoryState | null = null;
  for (const v of versions) state = advanceHistory(state, v);
  return historyEvents(state as HistoryState);
}

const assignedAtCreation = {
  at: T("08:00"),
  type: "assigned",
  owner: "op-1",
  group: "Servicedesk",
  party: null,
};

describe("advanceHistory", () => {
  it("dates the first version's assignment and major flag at registration, and a hold at its onHoldDate", () => {
    const first = version(T("09:00"), { major: true, pause: "customer", pauseSince: T("08:30") });
    expect(replay(first)).toEqual([
      assignedAtCreation,
      { at: T("08:00"), type: "major", value: true },
      { at: T("08:30"), type: "paused", reason: "customer" },
    ]);
  });

  it("records a reassignment at the version that shows it", () => {
    expect(
      replay(version(T("09:00")), version(T("10:00"), { owner: "op-2", group: "Network team" })),
    ).toEqual([
      assignedAtCreation,
      { at: T("10:00"), type: "assigned", owner: "op-2", group: "Network team", party: null },
    ]);
  });

  it("collapses two changes between polls into one (op-1 → op-2 → op-3 is seen as op-1 → op-3)", () => {
    expect(replay(version(T("09:00")), version(T("10:00"), { owner: "op-3" }))).toEqual([
      assignedAtCreation,
      { at: T("10:00"), type: "assigned", owner: "op-3", group: "Servicedesk", party: null },
    ]);
  });

  it("records a priority change; the ticket's priority stays the first one seen", () => {
    let state = advanceHistory(null, version(T("09:00")));
    state = advanceHistory(state, version(T("10:00"), { priority: "P1" }));
    expect(state.firstPriority).toBe("P3");
    expect(historyEvents(state)).toContainEqual({ at: T("10:00"), type: "priority", priority: "P1" });
  });

  it("ignores an unmapped priority instead of guessing", () => {
    const events = replay(
      version(T("09:00")),
      version(T("10:00"), { priority: null, priorityUnmapped: true }),
    );
    expect(events).toEqual([assignedAtCreation]);
  });

  it("dates a hold at onHoldDate when it falls between the polls, and the resume at the version", () => {
    expect(
      replay(
        version(T("09:00")),
        version(T("11:00"), { pause: "customer", pauseSince: T("10:15") }),
        version(T("13:00")),
      ),
    ).toEqual([
      assignedAtCreation,
      { at: T("10:15"), type: "paused", reason: "customer" },
      { at: T("13:00"), type: "resumed" },
    ]);
  });

  it("turns a change of pause reason into a resume and a new pause", () => {
    const events = replay(
      version(T("09:00"), { pause: "customer" }),
      version(T("10:00"), { pause: "third-party", pauseSince: T("08:00") }),
    );
    expect(events.slice(-2)).toEqual([
      { at: T("10:00"), type: "resumed" },
      { at: T("10:00"), type: "paused", reason: "third-party" },
    ]);
  });

  it("records major on and off", () => {
    const events = replay(version(T("09:00")), version(T("10:00"), { major: true }), version(T("12:00")));
    expect(events.filter((e) => e.type === "major")).toEqual([
      { at: T("10:00"), type: "major", value: true },
      { at: T("12:00"), type: "major", value: false },
    ]);
  });

  it("keeps a resolution a reopen undid, and the reopen", () => {
    const events = replay(
      version(T("09:00")),
      version(T("11:00"), { resolvedAt: T("10:30") }),
      version(T("14:00")),
      version(T("16:00"), { resolvedAt: T("15:45"), closedAt: T("16:00") }),
    );
    expect(events.filter((e) => e.type !== "assigned")).toEqual([
      { at: T("10:30"), type: "resolved" },
      { at: T("14:00"), type: "reopened" },
      { at: T("15:45"), type: "resolved" },
      { at: T("16:00"), type: "closed" },
    ]);
  });

  it("places a reopen-and-resolve-again between polls at the earliest moment it can have been", () => {
    const events = replay(
      version(T("11:00"), { resolvedAt: T("10:30") }),
      version(T("15:00"), { resolvedAt: T("14:50") }),
    );
    expect(events.filter((e) => e.type !== "assigned")).toEqual([
      { at: T("10:30"), type: "resolved" },
      { at: T("11:00"), type: "reopened" },
      { at: T("14:50"), type: "resolved" },
    ]);
  });

  it("does not take closing a resolved incident for a reopen", () => {
    const events = replay(
      version(T("11:00"), { resolvedAt: T("10:30") }),
      version(T("12:00", "04"), { resolvedAt: T("10:30"), closedAt: T("12:00", "04") }),
    );
    expect(events.filter((e) => e.type !== "assigned")).toEqual([
      { at: T("10:30"), type: "resolved" },
      { at: T("12:00", "04"), type: "closed" },
    ]);
  });

  it("counts a closing without completion date as resolved at the closing", () => {
    expect(replay(version(T("11:00"), { closedAt: T("10:45") })).slice(1)).toEqual([
      { at: T("10:45"), type: "resolved" },
      { at: T("10:45"), type: "closed" },
    ]);
  });

  it("changes nothing for a version not newer than the last one seen", () => {
    const state = advanceHistory(null, version(T("10:00")));
    expect(advanceHistory(state, version(T("10:00"), { owner: "op-9" }))).toBe(state);
    expect(advanceHistory(state, version(T("09:00"), { owner: "op-9" }))).toBe(state);
  });
});
