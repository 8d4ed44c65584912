import { describe, expect, it } from "vitest";
import { ticketStateAt } from "../../../src/engine/timeline/index.js";
import { at, ticket } from "./helpers.js";

describe("ticketStateAt", () => {
  const t = ticket({ priority: "P3", createdAt: "2026-03-02T09:00:00+01:00" }, [
    { at: "2026-03-02T09:05:00+01:00", type: "assigned", owner: "op-1", group: "servicedesk", party: null },
    { at: "2026-03-02T09:30:00+01:00", type: "priority", priority: "P2" },
    { at: "2026-03-02T10:00:00+01:00", type: "major", value: true },
    { at: "2026-03-02T10:30:00+01:00", type: "paused", reason: "customer" },
    {
      at: "2026-03-02T11:00:00+01:00",
      type: "assigned",
      owner: null,
      group: "second-line",
      party: "vendor-x",
    },
    { at: "2026-03-02T11:30:00+01:00", type: "resumed" },
    { at: "2026-03-02T12:00:00+01:00", type: "paused", reason: "third-party" },
    { at: "2026-03-02T13:00:00+01:00", type: "resolved" },
    { at: "2026-03-02T14:00:00+01:00", type: "closed" },
    { at: "2026-03-02T15:00:00+01:00", type: "reopened" },
    { at: "2026-03-02T16:00:00+01:00", type: "major", value: false },
  ]);
  const base = {
    created: true,
    priority: "P3",
    owner: null,
    group: null,
    party: null,
    major: false,
    paused: null,
    resolved: false,
    closed: false,
    open: true,
  };

  it.each([
    { at: "2026-03-02T08:59:59+01:00", expected: { ...base, created: false, open: false } },
    { at: "2026-03-02T09:00:00+01:00", expected: base },
    // A change at t is in force from t.
    { at: "2026-03-02T09:05:00+01:00", expected: { ...base, owner: "op-1", group: "servicedesk" } },
    {
      at: "2026-03-02T10:45:00+01:00",
      expected: {
        ...base,
        priority: "P2",
        owner: "op-1",
        group: "servicedesk",
        major: true,
        paused: "customer",
      },
    },
    {
      // The 11:00 assignment replaces owner, group and party together.
      at: "2026-03-02T11:45:00+01:00",
      expected: { ...base, priority: "P2", group: "second-line", party: "vendor-x", major: true },
    },
    {
      at: "2026-03-02T12:30:00+01:00",
      expected: {
        ...base,
        priority: "P2",
        group: "second-line",
        party: "vendor-x",
        major: true,
        paused: "third-party",
      },
    },
    {
      // `resolved` ends the pause.
      at: "2026-03-02T13:30:00+01:00",
      expected: {
        ...base,
        priority: "P2",
        group: "second-line",
        party: "vendor-x",
        major: true,
        resolved: true,
        open: false,
      },
    },
    {
      at: "2026-03-02T14:30:00+01:00",
      expected: {
        ...base,
        priority: "P2",
        group: "second-line",
        party: "vendor-x",
        major: true,
        resolved: true,
        closed: true,
        open: false,
      },
    },
    {
      // `reopened` undoes both resolved and closed.
      at: "2026-03-02T15:30:00+01:00",
      expected: { ...base, priority: "P2", group: "second-line", party: "vendor-x", major: true },
    },
    {
      at: "2026-03-02T16:00:00+01:00",
      expected: { ...base, priority: "P2", group: "second-line", party: "vendor-x" },
    },
  ])("at $at", ({ at: when, expected }) => {
    expect(ticketStateAt(t, at(when))).toEqual(expected);
  });

  it("a ticket closed without being resolved is not open", () => {
    const closedOnly = ticket({ priority: "P4", createdAt: "2026-03-02T09:00:00+01:00" }, [
      { at: "2026-03-02T10:00:00+01:00", type: "closed" },
    ]);
    expect(ticketStateAt(closedOnly, at("2026-03-02T11:00:00+01:00"))).toMatchObject({
      resolved: false,
      closed: true,
      open: false,
    });
  });
});
