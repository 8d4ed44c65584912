import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

// Without -c and without ./sla-sentinel.yaml the contract defaults apply:
// Mon–Fri 08:00–18:00 Europe/Amsterdam, Dutch holidays, Liberation Day every 5 years.
const inEmptyDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-cal-"));
  process.chdir(dir);
  return dir;
};

describe("calendar elapsed", () => {
  it.each([
    // Fri 17:00 → Mon 09:00 across the weekend: 60 + 60 business minutes.
    ["2026-03-27T17:00:00+01:00", "2026-03-30T09:00:00+02:00", "business", 120],
    // The same span on the clock crosses the spring DST change: 64 h − 1 h = 63 h.
    ["2026-03-27T17:00:00+01:00", "2026-03-30T09:00:00+02:00", "clock", 63 * 60],
    // UTC input: 16:00Z = 17:00 CET, 08:00Z Monday = 10:00 CEST → 60 + 120.
    ["2026-03-27T16:00:00Z", "2026-03-30T08:00:00Z", "business", 180],
    // King's Day 2026 (Mon 27 April) is closed: 17:00 Fri → 09:00 Tue = 60 + 60.
    ["2026-04-24T17:00:00+02:00", "2026-04-28T09:00:00+02:00", "business", 120],
    // 30 seconds is half a minute: seconds precision.
    ["2026-03-02T09:00:00+01:00", "2026-03-02T09:00:30+01:00", "business", 0.5],
  ])("%s → %s on the %s clock = %d min", async (from, to, clock, minutes) => {
    inEmptyDir();
    const run = await cli(
      "calendar",
      "elapsed",
      "--from",
      from,
      "--to",
      to,
      "--clock",
      clock,
      "--format",
      "json",
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ minutes });
  });
});

describe("calendar add", () => {
  it.each([
    // 17:00 + 60 business minutes is 18:00 the same day: the earliest instant they have elapsed.
    ["2026-03-02T17:00:00+01:00", "60", "business", "2026-03-02T18:00:00+01:00"],
    ["2026-03-02T17:00:00+01:00", "61", "business", "2026-03-03T08:01:00+01:00"],
    // Christmas 2026 is Friday; Boxing Day Saturday: Thu 24 Dec 17:30 + 60 → Mon 28 Dec 08:30.
    ["2026-12-24T17:30:00+01:00", "60", "business", "2026-12-28T08:30:00+01:00"],
    // P1 clock across the autumn DST night: 00:30 + 180 min = 02:30 CET (the hour repeats).
    ["2026-10-25T00:30:00+02:00", "180", "clock", "2026-10-25T02:30:00+01:00"],
  ])("%s + %s min on the %s clock = %s", async (from, minutes, clock, due) => {
    inEmptyDir();
    const run = await cli(
      "calendar",
      "add",
      "--from",
      from,
      "--minutes",
      minutes,
      "--clock",
      clock,
      "--format",
      "json",
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ due });
  });

  it("uses the configured window and working holidays", async () => {
    const dir = inEmptyDir();
    writeFileSync(
      join(dir, "sla-sentinel.yaml"),
      "contract:\n  serviceWindow: {from: '07:00', to: '19:00'}\n  holidays: {workingDays: ['2026-04-27']}\n",
    );
    // King's Day worked: Mon 27 April 18:30 + 60 → 30 min Monday + 30 min Tuesday from 07:00.
    const run = await cli(
      "calendar",
      "add",
      "--from",
      "2026-04-27T18:30:00+02:00",
      "--minutes",
      "60",
      "--format",
      "json",
    );
    expect(JSON.parse(run.stdout)).toEqual({ due: "2026-04-28T07:30:00+02:00" });
  });
});

describe("calendar usage errors exit 2", () => {
  it.each([
    [
      ["calendar", "elapsed", "--from", "2026-03-02T09:00:00", "--to", "2026-03-02T10:00:00+01:00"],
      /no offset/,
    ],
    [
      ["calendar", "add", "--from", "2026-03-02T09:00:00Z", "--minutes", "-5"],
      /--minutes must be a number ≥ 0/,
    ],
    [
      ["calendar", "add", "--from", "2026-03-02T09:00:00Z", "--minutes", "10", "--clock", "wall"],
      /--clock must be/,
    ],
    [["calendar", "elapsed", "--from", "2026-03-02T09:00:00Z"], /--to/],
    [
      [
        "-c",
        "/nonexistent/x.yaml",
        "calendar",
        "elapsed",
        "--from",
        "2026-03-02T09:00:00Z",
        "--to",
        "2026-03-02T09:00:00Z",
      ],
      /does not exist/,
    ],
  ])("%j", async (args, message) => {
    inEmptyDir();
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
