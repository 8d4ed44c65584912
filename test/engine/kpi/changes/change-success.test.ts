/**
 * T2.1 (M19): changes executed in March 2026, successful without a rollback or caused incident in
 * the 5 working days (50 business hours) after execution. Executed Mon 2 Mar 10:00, the window
 * ends Mon 9 Mar 10:00: Mon 10:00–18:00 8 h + Tue–Fri 40 h + Mon 08:00–10:00 2 h = 50 h.
 */
import { describe, expect, it } from "vitest";
import { scoreChangeSuccess } from "../../../../src/engine/kpi/changes/change-success.js";
import { caseOf, caseRows, context, ev, headline, input, kpi, ticket } from "./helpers.js";

const T21 = kpi("T2.1", { rule: "change-success" }, { norm: { kind: "min", value: 0.95 } });
const EXECUTED = "2026-03-02T10:00:00+01:00";
const AFTER = "2026-04-10T12:00:00+02:00";

const ROLLED_BACK = ticket("C1", { createdAt: "2026-02-20T09:00:00+01:00" }, [
  ev.executed(EXECUTED),
  ev.rolledBack("2026-03-04T09:00:00+01:00"),
]);

const rows = [
  {
    name: "a rollback within the window fails the change",
    line: ROLLED_BACK,
    now: AFTER,
    // Mon 10:00–18:00 480 + Tue 600 + Wed 08:00–09:00 60 = 1,140 business minutes to the rollback.
    expected: { value: 1140, verdict: "breached" },
    provisional: undefined,
    note: "rolled back 2026-03-04 09:00",
  },
  {
    name: "a rollback after the window does not count",
    line: ticket("C2", { createdAt: "2026-02-20T09:00:00+01:00" }, [
      ev.executed(EXECUTED),
      ev.rolledBack("2026-03-09T10:30:00+01:00"),
    ]),
    now: AFTER,
    expected: { value: null, verdict: "within" },
    provisional: undefined,
    note: "rolled back 2026-03-09 10:30, after the 5-working-day window: does not count",
  },
  {
    name: "an incident caused exactly at the window's end still fails it (inclusive)",
    line: ticket("C3", { createdAt: "2026-02-20T09:00:00+01:00" }, [
      ev.executed(EXECUTED),
      ev.causedIncident("2026-03-09T10:00:00+01:00", "I-77"),
    ]),
    now: AFTER,
    expected: { value: 3000, verdict: "breached" },
    provisional: undefined,
    note: "caused incident I-77 2026-03-09 10:00",
  },
  {
    name: "a change whose window is still open is provisionally successful",
    // Fri 27 Mar 16:00: Fri 2 h + Mon 30, Tue 31, Wed 1, Thu 2 April 40 h + Fri 3 April 8 h →
    // 3 April 16:00 (+02:00; Good Friday is a working day by default).
    line: ticket("C4", { createdAt: "2026-03-20T09:00:00+01:00" }, [
      ev.executed("2026-03-27T16:00:00+01:00"),
    ]),
    now: "2026-04-01T12:00:00+02:00",
    expected: { value: null, verdict: "within" },
    provisional: true,
    note: "provisional: window open until 2026-04-03 16:00",
  },
  {
    name: "… and final once the window has passed",
    line: ticket("C4", { createdAt: "2026-03-20T09:00:00+01:00" }, [
      ev.executed("2026-03-27T16:00:00+01:00"),
    ]),
    now: AFTER,
    expected: { value: null, verdict: "within" },
    provisional: undefined,
    note: undefined,
  },
];

describe("T2.1 change success", () => {
  it.each(rows)("$name", ({ line, now, expected, provisional, note }) => {
    const score = scoreChangeSuccess(input([line]), T21, context({ now }));
    expect(caseRows(score)).toEqual([
      expect.objectContaining({ stoppedAt: expect.any(String), ...expected }),
    ]);
    expect(score.cases[0]?.note).toBe(note);
    expect(score.provisional).toBe(provisional);
  });

  it("gives each case its execution and window end", () => {
    const score = scoreChangeSuccess(input([ROLLED_BACK]), T21, context({ now: AFTER }));
    expect(caseRows(score)[0]).toMatchObject({
      stoppedAt: "2026-03-02T10:00:00+01:00",
      deadline: "2026-03-09T10:00:00+01:00",
    });
  });

  it("scores March: 2 of 4 successful, provisional while one window is open", () => {
    const lines = [
      ...rows.slice(0, 4).map((r) => r.line),
      // Not executed, and executed in February: not in March's population.
      ticket("C5", { createdAt: "2026-03-03T09:00:00+01:00" }, [ev.go("2026-03-04T09:00:00+01:00")]),
      ticket("C6", { createdAt: "2026-02-02T09:00:00+01:00" }, [ev.executed("2026-02-27T10:00:00+01:00")]),
      // A standard change is not a `change`.
      ticket("S1", { type: "standard-change", createdAt: "2026-03-02T09:00:00+01:00" }, [
        ev.executed(EXECUTED),
      ]),
    ];
    const score = scoreChangeSuccess(input(lines), T21, context({ now: "2026-04-01T12:00:00+02:00" }));
    expect(headline(score)).toEqual({ score: 0.5, target: 0.95, met: false, n: 4 });
    expect(score.provisional).toBe(true);
    expect(caseOf(score, "C4").verdict).toBe("within");
  });
});
