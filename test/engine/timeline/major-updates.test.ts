/**
 * O1.11 / M7: major-incident updates. First update ≤ 30 min after becoming major, each next one
 * ≤ 60 min after the previous update, on the clock, until stabilisation. 2026-03-10 is a
 * Tuesday; all times +01:00.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CLOCK_POLICY, majorUpdateSchedule } from "../../../src/engine/timeline/index.js";
import { ams, at, calendar, ticket } from "./helpers.js";

const update = (a: string) => ({ at: a, type: "comment", visibleToCaller: true, automated: false }) as const;
const major = (a: string, value = true) => ({ at: a, type: "major", value }) as const;
const day = (hhmm: string) => `2026-03-10T${hhmm}:00+01:00`;

function scheduleView(events: Parameters<typeof ticket>[1], now: string, createdAt = day("09:00")) {
  const t = ticket({ priority: "P1", createdAt }, events);
  const schedule = majorUpdateSchedule(t, { calendar, policy: DEFAULT_CLOCK_POLICY, now: at(now) });
  if (schedule === null) return null;
  return {
    majorFrom: ams(schedule.majorFrom),
    stabilisedAt: ams(schedule.stabilisedAt),
    runs: schedule.runs.map((r) => ({ from: ams(r.from), until: ams(r.until), endedBy: r.endedBy })),
    updates: schedule.updates.map((u) => ({
      run: ams(u.runFrom),
      due: ams(u.due),
      actual: ams(u.actual),
      late: u.late,
    })),
    nextDue: ams(schedule.nextDue),
    compliant: schedule.compliant,
  };
}

describe("major-incident update cadence", () => {
  it("major from registration, every update on time", () => {
    // M = 09:00 (major at creation). The auto-acknowledgement and the internal note do not count.
    // Dues: 09:30 (09:25 ✓), 10:25 (10:20 ✓), 11:20 (11:15 ✓); the next (12:15) falls after the
    // 11:50 stabilisation and is not owed.
    const view = scheduleView(
      [
        major(day("09:00")),
        { at: day("09:01"), type: "comment", visibleToCaller: true, automated: true },
        { at: day("09:20"), type: "comment", visibleToCaller: false, automated: false },
        update(day("09:25")),
        update(day("10:20")),
        update(day("11:15")),
        { at: day("11:50"), type: "stabilized" },
      ],
      day("13:00"),
    );
    expect(view).toEqual({
      majorFrom: day("09:00"),
      stabilisedAt: day("11:50"),
      runs: [{ from: day("09:00"), until: day("11:50"), endedBy: "stabilised" }],
      updates: [
        { run: day("09:00"), due: day("09:30"), actual: day("09:25"), late: false },
        { run: day("09:00"), due: day("10:25"), actual: day("10:20"), late: false },
        { run: day("09:00"), due: day("11:20"), actual: day("11:15"), late: false },
      ],
      nextDue: null,
      compliant: true,
    });
  });

  it("one late update fails the incident; the cadence follows the actual updates", () => {
    // 09:30 exactly at the due is in time (inclusive); 10:45 misses the 10:30 due; the next due
    // is 60 min after the late update, 11:45, met by 11:40; 12:40 is after the 12:00 stabilisation.
    const view = scheduleView(
      [
        major(day("09:00")),
        update(day("09:30")),
        update(day("10:45")),
        update(day("11:40")),
        { at: day("12:00"), type: "stabilized" },
      ],
      day("13:00"),
    );
    expect(view?.updates).toEqual([
      { run: day("09:00"), due: day("09:30"), actual: day("09:30"), late: false },
      { run: day("09:00"), due: day("10:30"), actual: day("10:45"), late: true },
      { run: day("09:00"), due: day("11:45"), actual: day("11:40"), late: false },
    ]);
    expect(view?.compliant).toBe(false);
    expect(view?.nextDue).toBeNull();
  });

  it.each([
    {
      // Registered 08:00, major at 10:10. The 09:00 comment predates M and does not count.
      // Dues: 10:40 (10:35 ✓), then 11:35: at 11:20 still pending, not late.
      now: day("11:20"),
      last: { run: day("10:10"), due: day("11:35"), actual: null, late: false },
      nextDue: day("11:35"),
      compliant: true,
    },
    {
      // At 11:50 the 11:35 update has not come: late, and still the next one due.
      now: day("11:50"),
      last: { run: day("10:10"), due: day("11:35"), actual: null, late: true },
      nextDue: day("11:35"),
      compliant: false,
    },
  ])("becomes major after registration, as known at $now", ({ now, last, nextDue, compliant }) => {
    const view = scheduleView(
      [update(day("09:00")), major(day("10:10")), update(day("10:35"))],
      now,
      day("08:00"),
    );
    expect(view).toEqual({
      majorFrom: day("10:10"),
      stabilisedAt: null,
      runs: [{ from: day("10:10"), until: null, endedBy: null }],
      updates: [{ run: day("10:10"), due: day("10:40"), actual: day("10:35"), late: false }, last],
      nextDue,
      compliant,
    });
  });

  it("major switched off stops the cadence; switched on again restarts it", () => {
    // Run 1: 09:00–09:50 (update 09:20 for the 09:30 due; 10:20 falls after the switch-off).
    // Run 2 from 14:00: 14:30 due (14:10 ✓), then 15:10 pending at 15:00.
    const view = scheduleView(
      [
        major(day("09:00")),
        update(day("09:20")),
        major(day("09:50"), false),
        major(day("14:00")),
        update(day("14:10")),
      ],
      day("15:00"),
    );
    expect(view).toEqual({
      majorFrom: day("09:00"),
      stabilisedAt: null,
      runs: [
        { from: day("09:00"), until: day("09:50"), endedBy: "no-longer-major" },
        { from: day("14:00"), until: null, endedBy: null },
      ],
      updates: [
        { run: day("09:00"), due: day("09:30"), actual: day("09:20"), late: false },
        { run: day("14:00"), due: day("14:30"), actual: day("14:10"), late: false },
        { run: day("14:00"), due: day("15:10"), actual: null, late: false },
      ],
      nextDue: day("15:10"),
      compliant: true,
    });
  });

  it("a resolve ends the cadence without `stabilized`; a reopen of a major incident restarts it", () => {
    // Run 1: 09:00–10:00 (resolved), 09:30 due met at 09:20. Reopened 13:00 while major: run 2,
    // first due 13:30, not met at 13:40.
    const view = scheduleView(
      [
        major(day("09:00")),
        update(day("09:20")),
        { at: day("10:00"), type: "resolved" },
        { at: day("13:00"), type: "reopened" },
      ],
      day("13:40"),
    );
    expect(view).toEqual({
      majorFrom: day("09:00"),
      stabilisedAt: null,
      runs: [
        { from: day("09:00"), until: day("10:00"), endedBy: "stabilised" },
        { from: day("13:00"), until: null, endedBy: null },
      ],
      updates: [
        { run: day("09:00"), due: day("09:30"), actual: day("09:20"), late: false },
        { run: day("13:00"), due: day("13:30"), actual: null, late: true },
      ],
      nextDue: day("13:30"),
      compliant: false,
    });
  });

  it("an update at the moment the ticket becomes major is the first update", () => {
    // 10:00 update answers the 10:30 due; the next is due 11:00, pending at 10:50.
    const view = scheduleView([major(day("10:00")), update(day("10:00"))], day("10:50"));
    expect(view?.updates).toEqual([
      { run: day("10:00"), due: day("10:30"), actual: day("10:00"), late: false },
      { run: day("10:00"), due: day("11:00"), actual: null, late: false },
    ]);
  });

  it("flagged major only after stabilisation: nothing owed", () => {
    const view = scheduleView([{ at: day("09:30"), type: "stabilized" }, major(day("10:00"))], day("12:00"));
    expect(view).toEqual({
      majorFrom: day("10:00"),
      stabilisedAt: day("09:30"),
      runs: [],
      updates: [],
      nextDue: null,
      compliant: true,
    });
  });

  it.each([
    { name: "never major", events: [update(day("09:10"))] },
    // The major flag at 10:00 is not known at 09:59.
    { name: "major only after now", events: [major(day("10:00"))] },
  ])("$name: no schedule", ({ events }) => {
    expect(scheduleView(events, day("09:59"))).toBeNull();
  });
});
