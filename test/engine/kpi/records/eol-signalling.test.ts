/**
 * T1.2 (M20, M5): an end-of-support item is in time when signalled at least 90 calendar days
 * before its eosDate. Q1 2026, report made 10 April 2026.
 */
import { describe, expect, it } from "vitest";
import { scoreEolSignalling } from "../../../../src/engine/kpi/records/eol-signalling.js";
import { caseOf, caseRows, context, headline, input, kpi, type Line, Q1_2026 } from "./helpers.js";

const T12 = kpi("T1.2", { rule: "eol-signalling" }, { norm: { kind: "min", value: 0.9 } });
const NOW = "2026-04-10T12:00:00+02:00";

function item(asset: string, eosDate: string, signalledAt: string | null): Line {
  return { kind: "eol-item", asset, eosDate, signalledAt };
}

describe("T1.2 end-of-life signalling", () => {
  it.each([
    {
      name: "signalled 101 days ahead: in time, counted when signalled",
      // 1 June − 90 days = 3 March (1 Jun → 1 May 31 d, → 1 Apr 30 d, → 3 Mar 29 d).
      line: item("FW-1", "2026-06-01T00:00:00+02:00", "2026-02-20T00:00:00+01:00"),
      expected: {
        deadline: "2026-03-03T00:00:00+01:00",
        stoppedAt: "2026-02-20T00:00:00+01:00",
        verdict: "within",
      },
      note: "FW-1: signalled 101 days before end of support",
    },
    {
      name: "signalled 83 days ahead: breached, counted at the deadline",
      line: item("FW-2", "2026-06-01T00:00:00+02:00", "2026-03-10T00:00:00+01:00"),
      expected: {
        deadline: "2026-03-03T00:00:00+01:00",
        stoppedAt: "2026-03-10T00:00:00+01:00",
        verdict: "breached",
      },
      note: "FW-2: signalled 83 days before end of support; done 2026-03-10 00:00, after the deadline 2026-03-03 00:00",
    },
    {
      name: "never signalled: breached at the deadline",
      // 1 May − 90 days = 31 January.
      line: item("SW-3", "2026-05-01T00:00:00+02:00", null),
      expected: { deadline: "2026-01-31T00:00:00+01:00", stoppedAt: null, verdict: "breached" },
      note: "SW-3: not signalled; still open at report time, deadline 2026-01-31 00:00 passed",
    },
  ])("$name", ({ line, expected, note }) => {
    const score = scoreEolSignalling(input([line]), T12, context({ now: NOW, period: Q1_2026 }));
    expect(caseRows(score).map(({ id: _id, ...rest }) => rest)).toEqual([{ value: null, ...expected }]);
    expect(score.cases[0]?.note).toBe(note);
  });

  it("does not count an unsignalled item whose deadline is still ahead", () => {
    // 1 September − 90 days = 3 June 2026: after now.
    const score = scoreEolSignalling(
      input([item("SW-4", "2026-09-01T00:00:00+02:00", null)]),
      T12,
      context({ now: NOW, period: Q1_2026 }),
    );
    expect(headline(score)).toEqual({ score: null, target: 0.9, met: null, n: 0 });
  });

  it("scores the quarter: 1 in time of 3", () => {
    const score = scoreEolSignalling(
      input([
        item("FW-1", "2026-06-01T00:00:00+02:00", "2026-02-20T00:00:00+01:00"),
        item("FW-2", "2026-06-01T00:00:00+02:00", "2026-03-10T00:00:00+01:00"),
        item("SW-3", "2026-05-01T00:00:00+02:00", null),
        item("SW-4", "2026-09-01T00:00:00+02:00", null),
      ]),
      T12,
      context({ now: NOW, period: Q1_2026 }),
    );
    expect(headline(score)).toEqual({ score: 1 / 3, target: 0.9, met: false, n: 3 });
    expect(caseOf(score, "FW-1").verdict).toBe("within");
  });
});
