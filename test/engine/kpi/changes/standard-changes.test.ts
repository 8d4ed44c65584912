/**
 * O2.1 (lead time per catalog item, working days on the business clock, customer pauses left
 * out, the ticket's leadTimeDays overriding) and O2.2 (right first time: no rework, no reopen).
 * Created Mon 2 Mar 09:00 with 3 working days (30 h): Mon 9 h + Tue 10 h + Wed 10 h + Thu 1 h →
 * due Thu 5 Mar 09:00.
 */
import { describe, expect, it } from "vitest";
import { changeScorers } from "../../../../src/engine/kpi/changes/index.js";
import { scoreStandardChangeFirstTimeRight } from "../../../../src/engine/kpi/changes/standard-change-first-time-right.js";
import { scoreStandardChangeLeadTime } from "../../../../src/engine/kpi/changes/standard-change-lead-time.js";
import { caseOf, caseRows, context, type EventInput, ev, headline, input, kpi, ticket } from "./helpers.js";

const O21 = kpi("O2.1", { rule: "standard-change-lead-time" }, { norm: { kind: "min", value: 0.9 } });
const O22 = kpi("O2.2", { rule: "standard-change-first-time-right" }, { norm: { kind: "min", value: 0.95 } });
const RULES = { standardChangeLeadTimes: { "SWC-ACCOUNT": 3 } };
const NOW = "2026-04-10T12:00:00+02:00";
const CREATED = "2026-03-02T09:00:00+01:00";

function standardChange(
  id: string,
  events: EventInput[],
  fields: { catalogItem?: string | null; leadTimeDays?: number | null; createdAt?: string } = {},
) {
  const catalogItem = fields.catalogItem === undefined ? "SWC-ACCOUNT" : fields.catalogItem;
  const createdAt = fields.createdAt ?? CREATED;
  return ticket(
    id,
    { type: "standard-change", createdAt, catalogItem, leadTimeDays: fields.leadTimeDays ?? null },
    events,
  );
}

describe("O2.1 standard-change lead time", () => {
  it.each([
    {
      name: "with the catalog's lead time, executed exactly at the deadline",
      line: standardChange("S1", [ev.executed("2026-03-05T09:00:00+01:00")]),
      expected: {
        value: 1800,
        deadline: "2026-03-05T09:00:00+01:00",
        stoppedAt: "2026-03-05T09:00:00+01:00",
        verdict: "within",
      },
      note: "lead time 3 working days (catalog item SWC-ACCOUNT)",
    },
    {
      name: "the ticket's own lead time of 1 day overrides the catalog's 3",
      // 10 h from Mon 09:00 → Tue 3 Mar 09:00.
      line: standardChange("S2", [ev.executed("2026-03-05T09:00:00+01:00")], { leadTimeDays: 1 }),
      expected: {
        value: 1800,
        deadline: "2026-03-03T09:00:00+01:00",
        stoppedAt: "2026-03-05T09:00:00+01:00",
        verdict: "breached",
      },
      note: "lead time 1 working days (ticket); done 2026-03-05 09:00, after the deadline 2026-03-03 09:00",
    },
    {
      name: "a customer pause moves the deadline by the paused business time",
      // Paused all of Tue 3 Mar (10 h): counted Mon 9 + Wed 10 + Thu 10 + Fri 1 = 30 h → Fri 6 Mar 09:00.
      line: standardChange("S3", [
        ev.paused("2026-03-03T08:00:00+01:00", "customer"),
        ev.resumed("2026-03-04T08:00:00+01:00"),
        ev.executed("2026-03-06T09:00:00+01:00"),
      ]),
      expected: {
        value: 1800,
        deadline: "2026-03-06T09:00:00+01:00",
        stoppedAt: "2026-03-06T09:00:00+01:00",
        verdict: "within",
      },
      note: "lead time 3 working days (catalog item SWC-ACCOUNT); paused 1 working day (not counted)",
    },
    {
      name: "a pause for another reason stops nothing",
      line: standardChange("S4", [
        ev.paused("2026-03-03T08:00:00+01:00", "other"),
        ev.resumed("2026-03-04T08:00:00+01:00"),
        ev.executed("2026-03-06T09:00:00+01:00"),
      ]),
      // Mon 9 + Tue 10 + Wed 10 + Thu 10 + Fri 1 = 40 h.
      expected: {
        value: 2400,
        deadline: "2026-03-05T09:00:00+01:00",
        stoppedAt: "2026-03-06T09:00:00+01:00",
        verdict: "breached",
      },
      note: "lead time 3 working days (catalog item SWC-ACCOUNT); done 2026-03-06 09:00, after the deadline 2026-03-05 09:00",
    },
    {
      name: "an item without a known lead time is excluded",
      line: standardChange("S5", [ev.executed("2026-03-10T10:00:00+01:00")], { catalogItem: "SWC-UNKNOWN" }),
      expected: { value: null, deadline: null, stoppedAt: "2026-03-10T10:00:00+01:00", verdict: "excluded" },
      note: "no known lead time (catalog item SWC-UNKNOWN not in rules.standardChangeLeadTimes, no leadTimeDays on the ticket)",
    },
  ])("$name", ({ line, expected, note }) => {
    const score = scoreStandardChangeLeadTime(input([line]), O21, context({ now: NOW, rules: RULES }));
    expect(caseRows(score).map(({ id: _id, ...rest }) => rest)).toEqual([expected]);
    expect(score.cases[0]?.note).toBe(note);
  });

  it("scores March and reports the exclusion", () => {
    const lines = [
      standardChange("S1", [ev.executed("2026-03-05T09:00:00+01:00")]),
      standardChange("S2", [ev.executed("2026-03-05T09:00:00+01:00")], { leadTimeDays: 1 }),
      // No catalog item and no lead time of its own: excluded.
      standardChange("S5", [ev.executed("2026-03-10T10:00:00+01:00")], { catalogItem: null }),
      // Created 30 March, not executed, due 2 April 09:00 (+02:00): not counted yet on 1 April.
      standardChange("S6", [], { createdAt: "2026-03-30T09:00:00+02:00" }),
    ];
    const score = scoreStandardChangeLeadTime(
      input(lines),
      O21,
      context({ now: "2026-04-01T12:00:00+02:00", rules: RULES }),
    );
    expect(headline(score)).toEqual({ score: 0.5, target: 0.9, met: false, n: 2 });
    expect(score.notes).toContain("1 standard change without a known lead time excluded");
    expect(caseOf(score, "S5")).toMatchObject({
      verdict: "excluded",
      note: expect.stringContaining("no catalog item"),
    });
  });
});

describe("O2.2 standard changes right first time", () => {
  it("fails rework and reopened changes of the period", () => {
    const lines = [
      standardChange("R1", [ev.executed("2026-03-05T10:00:00+01:00")]),
      standardChange("R2", [
        ev.executed("2026-03-05T10:00:00+01:00"),
        ev.rework("2026-03-09T10:00:00+01:00"),
      ]),
      standardChange("R3", [
        ev.executed("2026-03-05T10:00:00+01:00"),
        ev.reopened("2026-03-12T10:00:00+01:00"),
      ]),
      // Executed in April: another period.
      standardChange("R4", [
        ev.executed("2026-04-02T10:00:00+02:00"),
        ev.rework("2026-04-03T10:00:00+02:00"),
      ]),
      // A normal change is not a standard change.
      ticket("C1", { createdAt: CREATED }, [
        ev.executed("2026-03-05T10:00:00+01:00"),
        ev.rework("2026-03-06T10:00:00+01:00"),
      ]),
    ];
    const score = scoreStandardChangeFirstTimeRight(input(lines), O22, context({ now: NOW }));
    expect(headline(score)).toEqual({ score: 1 / 3, target: 0.95, met: false, n: 3 });
    expect(caseRows(score).map((c) => [c.id, c.verdict])).toEqual([
      ["R1", "within"],
      ["R2", "breached"],
      ["R3", "breached"],
    ]);
    expect(caseOf(score, "R2").note).toBe("rework 2026-03-09 10:00");
  });

  it("does not see rework recorded after the report time", () => {
    const line = standardChange("R2", [
      ev.executed("2026-03-05T10:00:00+01:00"),
      ev.rework("2026-03-09T10:00:00+01:00"),
    ]);
    const score = scoreStandardChangeFirstTimeRight(
      input([line]),
      O22,
      context({ now: "2026-03-06T12:00:00+01:00" }),
    );
    expect(caseRows(score).map((c) => c.verdict)).toEqual(["within"]);
  });

  it("registers every change scorer under its measure rule", () => {
    expect(Object.keys(changeScorers).sort()).toEqual([
      "change-lead-time",
      "change-success",
      "docs-updated",
      "rca-timeliness",
      "standard-change-first-time-right",
      "standard-change-lead-time",
    ]);
  });
});
