/**
 * O3.2 single ownership (M8), O3.3 CSAT (M10) and O3.4 first-time fix (M9): tickets other than
 * changes, counted in the period of their final resolution. 2026-03-02 is a Monday; +01:00.
 */
import { describe, expect, it } from "vitest";
import { ticketScorers } from "../../../../src/engine/kpi/tickets/index.js";
import type { KpiDefinition, MeasureRule } from "../../../../src/engine/kpi/types.js";
import { casesById, context, type EventInput, ev, input, kpi, noteOf, summary, ticket } from "./helpers.js";

const NOW = "2026-04-02T12:00:00+02:00";
const d = (day: string, hhmm: string) => `2026-03-${day}T${hhmm}:00+01:00`;

function score(
  rule: MeasureRule,
  def: KpiDefinition,
  tickets: Parameters<typeof input>[0],
  rules: Record<string, unknown> = {},
) {
  const scorer = ticketScorers[rule];
  if (scorer === undefined) throw new Error(`no ${rule} scorer`);
  return scorer(input(tickets), def, context({ now: NOW, rules }));
}

describe("O3.2 single ownership", () => {
  const O32 = kpi("O3.2", { rule: "ownership" }, { norm: { kind: "min", value: 0.95 } });
  const created =
    (id: string, type: "incident" | "change" = "incident") =>
    (events: EventInput[]) =>
      ticket(id, { type, createdAt: d("02", "09:00") }, events);
  const tickets = [
    // op-1 hands over to op-2 at 11:00 without a gap: fine in continuous mode; two owners in strict.
    created("handover")([
      ev.assigned(d("02", "09:10"), "op-1"),
      ev.assigned(d("02", "11:00"), "op-2"),
      ev.resolved(d("02", "12:00")),
    ]),
    // Owner removed 10:00, op-2 set 10:30: a 30-minute gap.
    created("gap")([
      ev.assigned(d("02", "09:10"), "op-1"),
      ev.assigned(d("02", "10:00"), null),
      ev.assigned(d("02", "10:30"), "op-2"),
      ev.resolved(d("02", "12:00")),
    ]),
    // Only ever assigned to a group.
    created("no-owner")([ev.assigned(d("02", "09:10"), null), ev.resolved(d("02", "12:00"))]),
    // op-1 all along, reassigned to another group: one owner.
    created("single")([
      ev.assigned(d("02", "09:10"), "op-1"),
      ev.assigned(d("02", "10:00"), "op-1", "network"),
      ev.resolved(d("02", "12:00")),
    ]),
    // Owner cleared Thu 11:00 while resolved, set again at the Fri 09:00 reopen: the ticket was
    // never open without an owner (the resolved → reopened span is not a gap).
    created("reopened")([
      ev.assigned(d("02", "09:10"), "op-1"),
      ev.resolved(d("05", "10:00")),
      ev.assigned(d("05", "11:00"), null),
      ev.reopened(d("06", "09:00")),
      ev.assigned(d("06", "09:00"), "op-1"),
      ev.resolved(d("06", "12:00")),
    ]),
    // Changes are not in O3.2 (M16); an open ticket is not counted yet.
    created("change", "change")([ev.resolved(d("02", "12:00"))]),
    created("open")([ev.assigned(d("02", "09:10"), "op-1")]),
  ];

  it.each([
    {
      name: "continuous, grace 0",
      rules: {},
      verdicts: {
        handover: "within",
        gap: "breached",
        "no-owner": "breached",
        single: "within",
        reopened: "within",
      },
      summary: { score: 3 / 5, target: 0.95, met: false, n: 5 },
      note: "ownership mode continuous, grace 0 min",
    },
    {
      // The 30-minute gap is not longer than the grace.
      name: "continuous, grace 30 min",
      rules: { ownership: { graceMinutes: 30 } },
      verdicts: {
        handover: "within",
        gap: "within",
        "no-owner": "breached",
        single: "within",
        reopened: "within",
      },
      summary: { score: 4 / 5, target: 0.95, met: false, n: 5 },
      note: "ownership mode continuous, grace 30 min",
    },
    {
      name: "strict",
      rules: { ownership: { mode: "strict" } },
      verdicts: {
        handover: "breached",
        gap: "breached",
        "no-owner": "breached",
        single: "within",
        reopened: "within",
      },
      summary: { score: 2 / 5, target: 0.95, met: false, n: 5 },
      note: "ownership mode strict, grace 0 min",
    },
  ])("$name", ({ rules, verdicts, summary: expected, note }) => {
    const result = score("ownership", O32, tickets, rules);
    expect(Object.fromEntries(result.cases.map((c) => [c.id, c.verdict]))).toEqual(verdicts);
    expect(summary(result)).toEqual(expected);
    expect(result.notes).toContain(note);
  });

  it("reports the longest gap in clock minutes and where it was", () => {
    const result = score("ownership", O32, tickets);
    expect(casesById(result).gap).toEqual({
      verdict: "breached",
      value: 30,
      deadline: null,
      stoppedAt: d("02", "12:00"),
    });
    expect(noteOf(result, "gap")).toBe("no owner 2026-03-02 10:00–2026-03-02 10:30");
    expect(noteOf(result, "no-owner")).toBe("resolved without ever having an owner");
    expect(casesById(result)["no-owner"]?.value).toBeNull();
    expect(
      score("ownership", O32, tickets, { ownership: { mode: "strict" } }).cases.find(
        (c) => c.id === "handover",
      )?.note,
    ).toBe("2 owners: op-1, op-2");
  });
});

describe("O3.3 CSAT", () => {
  const O33 = kpi("O3.3", { rule: "csat" }, { norm: { kind: "min", value: 0.75 } });
  const rated = (
    id: string,
    csat: { score: number; scale: number } | null,
    resolvedAt: string | null = d("10", "12:00"),
    createdAt = d("02", "09:00"),
  ) => ticket(id, { createdAt, csat }, resolvedAt === null ? [] : [ev.resolved(resolvedAt)]);
  const tickets = [
    rated("8of10", { score: 8, scale: 10 }),
    rated("7of10", { score: 7, scale: 10 }), // exactly the threshold: counts
    rated("6.9of10", { score: 6.9, scale: 10 }),
    rated("4of5", { score: 4, scale: 5 }), // → 8
    rated("3of5", { score: 3, scale: 5 }), // → 6 by default
    rated("unrated", null), // only rated tickets count
    rated("open", { score: 9, scale: 10 }, null), // not resolved
    rated("february", { score: 2, scale: 10 }, "2026-02-27T12:00:00+01:00", "2026-02-26T09:00:00+01:00"),
  ];

  it.each([
    {
      name: "default 1–5 map",
      rules: {},
      values: { "8of10": 8, "7of10": 7, "6.9of10": 6.9, "4of5": 8, "3of5": 6 },
      verdicts: ["within", "within", "breached", "within", "breached"],
      score: 3 / 5,
    },
    {
      // A contract that maps a 3 to 7 makes it count.
      name: "3 mapped to 7",
      rules: { csat: { fromFivePoint: { "3": 7 } } },
      values: { "8of10": 8, "7of10": 7, "6.9of10": 6.9, "4of5": 8, "3of5": 7 },
      verdicts: ["within", "within", "breached", "within", "within"],
      score: 4 / 5,
    },
  ])("$name", ({ rules, values, verdicts, score: expected }) => {
    const result = score("csat", O33, tickets, rules);
    expect(Object.fromEntries(result.cases.map((c) => [c.id, c.value]))).toEqual(values);
    expect(result.cases.map((c) => c.verdict)).toEqual(verdicts);
    expect(summary(result)).toEqual({ score: expected, target: 0.75, met: expected >= 0.75, n: 5 });
  });
});

describe("O3.4 first-time fix", () => {
  const O34 = kpi("O3.4", { rule: "first-time-fix" }, { norm: { kind: "min", value: 0.7 } });
  const fixed = (id: string, events: EventInput[]) =>
    ticket(id, { createdAt: d("02", "09:00") }, [...events, ev.resolved(d("04", "12:00"))]);
  const result = score("first-time-fix", O34, [
    fixed("one-group", [ev.assigned(d("02", "09:05"), "op-1", "servicedesk")]),
    fixed("group-change", [
      ev.assigned(d("02", "09:05"), "op-1", "servicedesk"),
      ev.assigned(d("02", "10:20"), "op-9", "network"),
    ]),
    fixed("reopened", [
      ev.assigned(d("02", "09:05"), "op-1", "servicedesk"),
      ev.resolved(d("02", "12:00")),
      ev.reopened(d("03", "09:00")),
    ]),
    // Group null carries no group: no transfer. A new owner in the same group is no transfer either.
    fixed("null-group", [
      ev.assigned(d("02", "09:01"), null, null),
      ev.assigned(d("02", "09:05"), "op-1", "servicedesk"),
      ev.assigned(d("02", "09:30"), "op-2", null),
      ev.assigned(d("02", "10:00"), "op-3", "servicedesk"),
    ]),
  ]);

  it("breaks a first-time fix by a group change or a reopen", () => {
    expect(Object.fromEntries(result.cases.map((c) => [c.id, c.verdict]))).toEqual({
      "one-group": "within",
      "group-change": "breached",
      reopened: "breached",
      "null-group": "within",
    });
    expect(noteOf(result, "group-change")).toBe("group servicedesk → network at 2026-03-02 10:20");
    expect(noteOf(result, "reopened")).toBe("reopened 2026-03-03 09:00");
    expect(summary(result)).toEqual({ score: 0.5, target: 0.7, met: false, n: 4 });
  });
});
