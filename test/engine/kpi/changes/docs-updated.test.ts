/**
 * T1.3 (M19): execution → docs-updated within 20 working days (200 business hours), per M5.
 * Executed Mon 2 Mar 10:00, due Mon 30 Mar 10:00 (+02:00): Mon 8 h + 19 full days (3–6, 9–13,
 * 16–20, 23–27 March) 190 h + Mon 30 08:00–10:00 2 h. The DST change of 29 March moves no
 * business time.
 */
import { describe, expect, it } from "vitest";
import { scoreDocsUpdated } from "../../../../src/engine/kpi/changes/docs-updated.js";
import { caseRows, context, ev, headline, input, kpi, ticket } from "./helpers.js";

const T13 = kpi(
  "T1.3",
  { rule: "docs-updated" },
  {
    norm: { kind: "duration", amount: 20, unit: "workingDays", share: 1 },
    clock: "business",
  },
);
const NOW = "2026-04-10T12:00:00+02:00";
const EXECUTED = "2026-03-02T10:00:00+01:00";
const DUE = "2026-03-30T10:00:00+02:00";

describe("T1.3 documents updated after a change", () => {
  it.each([
    {
      name: "updated in time",
      events: [ev.executed(EXECUTED), ev.docsUpdated("2026-03-27T12:00:00+01:00")],
      // 8 h + 18 full days (3–6, 9–13, 16–20, 23–26) 180 h + Fri 27 08:00–12:00 4 h = 192 h.
      expected: { value: 11_520, deadline: DUE, stoppedAt: "2026-03-27T12:00:00+01:00", verdict: "within" },
    },
    {
      name: "updated late: breached, counted at the deadline in March",
      events: [ev.executed(EXECUTED), ev.docsUpdated("2026-04-02T10:00:00+02:00")],
      // 200 h + Mon 30 10:00–18:00 8 h + Tue 31 10 h + Wed 1 Apr 10 h + Thu 2 Apr 2 h = 230 h.
      expected: { value: 13_800, deadline: DUE, stoppedAt: "2026-04-02T10:00:00+02:00", verdict: "breached" },
    },
    {
      name: "an update before the execution does not count: open and breached",
      events: [ev.docsUpdated("2026-02-27T10:00:00+01:00"), ev.executed(EXECUTED)],
      // Mon 2 10:00–18:00 480 + 21 days to 31 Mar 12,600 + 1–3 Apr 1,800 + 7–9 Apr 1,800 + 240 = 16,920.
      expected: { value: 16_920, deadline: DUE, stoppedAt: null, verdict: "breached" },
    },
  ])("$name", ({ events, expected }) => {
    const line = ticket("C1", { createdAt: "2026-02-20T09:00:00+01:00" }, [...events]);
    const score = scoreDocsUpdated(input([line]), T13, context({ now: NOW }));
    expect(caseRows(score).map(({ id: _id, ...rest }) => rest)).toEqual([expected]);
  });

  it("is not counted yet while the 20 days run, and leaves standard changes out", () => {
    const lines = [
      ticket("C1", { createdAt: "2026-02-20T09:00:00+01:00" }, [ev.executed(EXECUTED)]),
      ticket("S1", { type: "standard-change", createdAt: "2026-02-20T09:00:00+01:00" }, [
        ev.executed(EXECUTED),
      ]),
    ];
    const score = scoreDocsUpdated(input(lines), T13, context({ now: "2026-03-27T12:00:00+01:00" }));
    expect(headline(score)).toEqual({ score: null, target: 1, met: null, n: 0 });
  });
});
