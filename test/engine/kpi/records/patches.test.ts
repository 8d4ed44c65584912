/**
 * O5.1 (M20, M5): a patch is in time when installed by its `dueAt`; a late or still-missing patch
 * counts in the period of its due date, one in time in the period of its installation.
 * March 2026, report made 10 April 2026.
 */
import { describe, expect, it } from "vitest";
import { scorePatchCompliance } from "../../../../src/engine/kpi/records/patch-compliance.js";
import { caseOf, caseRows, context, headline, input, kpi, type Line } from "./helpers.js";

const O51 = kpi("O5.1", { rule: "patch-compliance" }, { norm: { kind: "min", value: 0.9 } });
const NOW = "2026-04-10T12:00:00+02:00";

function patch(asset: string, dueAt: string, installedAt: string | null): Line {
  return {
    kind: "patch",
    asset,
    patch: "KB5034441",
    availableAt: "2026-03-02T09:00:00+01:00",
    dueAt,
    installedAt,
  };
}

describe("O5.1 patch compliance", () => {
  it.each([
    {
      name: "installed before its due date: in time, counted at installation",
      line: patch("LT-1", "2026-03-10T17:00:00+01:00", "2026-03-09T09:00:00+01:00"),
      // available Mar 2 09:00 → installed Mar 9 09:00 = 7 days = 10,080 clock minutes.
      expected: {
        value: 10_080,
        deadline: "2026-03-10T17:00:00+01:00",
        stoppedAt: "2026-03-09T09:00:00+01:00",
        verdict: "within",
      },
    },
    {
      name: "installed late: breached, counted at its due date",
      line: patch("LT-2", "2026-03-10T17:00:00+01:00", "2026-03-12T09:00:00+01:00"),
      expected: {
        value: 14_400,
        deadline: "2026-03-10T17:00:00+01:00",
        stoppedAt: "2026-03-12T09:00:00+01:00",
        verdict: "breached",
      },
    },
    {
      name: "never installed and past due: breached, counted at its due date",
      line: patch("LT-3", "2026-03-25T17:00:00+01:00", null),
      // Mar 2 08:00Z → Apr 10 10:00Z = 39 days 2 h = 56,280 min elapsed so far.
      expected: {
        value: 56_280,
        deadline: "2026-03-25T17:00:00+01:00",
        stoppedAt: null,
        verdict: "breached",
      },
    },
    {
      name: "due in April but installed in March: counts in March",
      line: patch("LT-4", "2026-04-05T17:00:00+02:00", "2026-03-31T09:00:00+02:00"),
      expected: {
        value: 41_700,
        deadline: "2026-04-05T17:00:00+02:00",
        stoppedAt: "2026-03-31T09:00:00+02:00",
        verdict: "within",
      },
    },
    {
      name: "due 31 March, installed 2 April: breached in March",
      line: patch("LT-5", "2026-03-31T17:00:00+02:00", "2026-04-02T09:00:00+02:00"),
      expected: {
        value: 44_580,
        deadline: "2026-03-31T17:00:00+02:00",
        stoppedAt: "2026-04-02T09:00:00+02:00",
        verdict: "breached",
      },
    },
    {
      name: "due after now and not installed: not counted yet",
      line: patch("LT-6", "2026-04-20T17:00:00+02:00", null),
      expected: null,
    },
    {
      name: "due in February, installed late in March: counts in February",
      line: patch("LT-7", "2026-02-27T17:00:00+01:00", "2026-03-03T09:00:00+01:00"),
      expected: null,
    },
  ])("$name", ({ line, expected }) => {
    const score = scorePatchCompliance(input([line]), O51, context({ now: NOW }));
    expect(caseRows(score).map(({ id: _id, ...rest }) => rest)).toEqual(expected === null ? [] : [expected]);
  });

  it("scores March: 2 in time of 5 counted", () => {
    const lines = [
      patch("LT-1", "2026-03-10T17:00:00+01:00", "2026-03-09T09:00:00+01:00"),
      patch("LT-2", "2026-03-10T17:00:00+01:00", "2026-03-12T09:00:00+01:00"),
      patch("LT-3", "2026-03-25T17:00:00+01:00", null),
      patch("LT-4", "2026-04-05T17:00:00+02:00", "2026-03-31T09:00:00+02:00"),
      patch("LT-5", "2026-03-31T17:00:00+02:00", "2026-04-02T09:00:00+02:00"),
      patch("LT-6", "2026-04-20T17:00:00+02:00", null),
    ];
    const score = scorePatchCompliance(input(lines), O51, context({ now: NOW }));
    expect(headline(score)).toEqual({ score: 0.4, target: 0.9, met: false, n: 5 });
    expect(caseOf(score, "LT-2|KB5034441").note).toBe(
      "patch KB5034441 on LT-2; done 2026-03-12 09:00, after the deadline 2026-03-10 17:00",
    );
    expect(caseOf(score, "LT-3|KB5034441").note).toContain("still open at report time");
  });

  it("has no data (null, never green) without patches", () => {
    const score = scorePatchCompliance(input([]), O51, context({ now: NOW }));
    expect(headline(score)).toEqual({ score: null, target: 0.9, met: null, n: 0 });
  });
});
