/**
 * O4.1 workplace issuance (M16, M5) and T2.6 backlog age (M11). Calendar: Amsterdam, Mon–Fri
 * 08:00–18:00 (a service day = 600 min), Dutch holidays (Easter Monday 6 April 2026). 2026-03-02
 * is a Monday; summer time (+02:00) from 29 March. 5 working days = 3000 business minutes;
 * "old" = more than 10 service days = 6000 business minutes.
 */
import { describe, expect, it } from "vitest";
import { ticketScorers } from "../../../../src/engine/kpi/tickets/index.js";
import type { KpiDefinition, MeasureRule, ScoringContext } from "../../../../src/engine/kpi/types.js";
import {
  APRIL_2026,
  casesById,
  context,
  type EventInput,
  ev,
  input,
  kpi,
  noteOf,
  summary,
  ticket,
} from "./helpers.js";

const NOW = "2026-04-02T12:00:00+02:00";
const d = (day: string, hhmm: string) => `2026-03-${day}T${hhmm}:00+${Number(day) >= 29 ? "02" : "01"}:00`;

function score(
  rule: MeasureRule,
  def: KpiDefinition,
  tickets: Parameters<typeof input>[0],
  ctx: ScoringContext,
) {
  const scorer = ticketScorers[rule];
  if (scorer === undefined) throw new Error(`no ${rule} scorer`);
  return scorer(input(tickets), def, ctx);
}

describe("O4.1 workplace issuance: 90 % ready within 5 working days", () => {
  const O41 = kpi(
    "O4.1",
    { rule: "workplace-issuance" },
    {
      norm: { kind: "duration", amount: 5, unit: "workingDays", share: 0.9 },
      clock: "business",
    },
  );
  const request = (id: string, createdAt: string, events: EventInput[]) =>
    ticket(id, { type: "workplace-request", priority: null, createdAt }, events);
  // Tue 31 Mar 09:00: 540 + 1 Apr 600 + 2 Apr 600 + 3 Apr 600 = 2340; Mon 6 Apr is Easter Monday;
  // Tue 7 Apr 600 = 2940; deadline Wed 8 Apr 09:00.
  const overEaster = (events: EventInput[]) => request("over-easter", d("31", "09:00"), events);
  const tickets = [
    // Mon 2 Mar 09:00 → Mon 9 Mar 09:00: exactly 5 service days, within.
    request("exact", d("02", "09:00"), [ev.ready(d("09", "09:00"))]),
    request("one-minute-late", d("02", "09:00"), [ev.ready(d("09", "09:01"))]),
    // Waiting for the customer Wed 09:00 → Thu 09:00 (600) is left out: 3600 − 600 = 3000.
    request("customer-wait", d("02", "09:00"), [
      ev.paused(d("04", "09:00"), "customer"),
      ev.resumed(d("05", "09:00")),
      ev.ready(d("10", "09:00")),
    ]),
    // A third-party wait is not (M3): 3600, breached at Mon 9 Mar 09:00.
    request("vendor-wait", d("02", "09:00"), [
      ev.paused(d("04", "09:00"), "third-party"),
      ev.resumed(d("05", "09:00")),
      ev.ready(d("10", "09:00")),
    ]),
    // Fri 20 Mar 09:00, not ready at now: deadline Fri 27 Mar 09:00 passed, counts in March.
    // Elapsed: 540 + 3000 (23–27 Mar) + 1200 (30–31 Mar) + 600 (1 Apr) + 240 (2 Apr) = 5580.
    request("open-late", d("20", "09:00"), []),
    // Deadline 8 April, not passed at now: not counted yet.
    overEaster([]),
    // Incidents are not workplace requests.
    ticket("incident", { createdAt: d("02", "09:00") }, [ev.ready(d("20", "09:00"))]),
  ];

  it("counts in time at the stop and breaches at the deadline", () => {
    const result = score("workplace-issuance", O41, tickets, context({ now: NOW }));
    expect(casesById(result)).toEqual({
      exact: { verdict: "within", value: 3000, deadline: d("09", "09:00"), stoppedAt: d("09", "09:00") },
      "one-minute-late": {
        verdict: "breached",
        value: 3001,
        deadline: d("09", "09:00"),
        stoppedAt: d("09", "09:01"),
      },
      "customer-wait": {
        verdict: "within",
        value: 3000,
        deadline: d("10", "09:00"),
        stoppedAt: d("10", "09:00"),
      },
      "vendor-wait": {
        verdict: "breached",
        value: 3600,
        deadline: d("09", "09:00"),
        stoppedAt: d("10", "09:00"),
      },
      "open-late": { verdict: "breached", value: 5580, deadline: d("27", "09:00"), stoppedAt: null },
    });
    expect(summary(result)).toEqual({ score: 2 / 5, target: 0.9, met: false, n: 5 });
    expect(noteOf(result, "open-late")).toBe("not ready at report time; deadline 2026-03-27 09:00");
  });

  it("skips holidays: ready on Wed 8 April 09:00 is exactly 5 working days", () => {
    const ready = overEaster([ev.ready("2026-04-08T09:00:00+02:00")]);
    const result = score(
      "workplace-issuance",
      O41,
      [ready],
      context({ now: "2026-04-09T12:00:00+02:00", period: APRIL_2026 }),
    );
    expect(casesById(result)).toEqual({
      "over-easter": {
        verdict: "within",
        value: 3000,
        deadline: "2026-04-08T09:00:00+02:00",
        stoppedAt: "2026-04-08T09:00:00+02:00",
      },
    });
  });
});

describe("T2.6 backlog age at the end of March", () => {
  const T26 = kpi(
    "T2.6",
    { rule: "backlog-age" },
    {
      partNorms: { share: { kind: "max", value: 0.05 }, count: { kind: "maxCount", value: 20 } },
    },
  );
  const open = (
    id: string,
    createdAt: string,
    events: EventInput[] = [],
    type?: "change" | "standard-change",
  ) => ticket(id, { createdAt, ...(type ? { type } : {}) }, events);

  // Measured Tue 31 Mar 18:00 (+02:00), the end of the service window of March's last working day.
  // 10 service days before it: Wed 18 Mar 08:00.
  const tickets = [
    open("exactly-10-days", d("18", "08:00")), // 6000: not more than 10 service days, young
    open("10-days-and-1-hour", d("17", "17:00")), // 60 + 6000 = 6060: old
    open("resolved-at-18", d("02", "09:00"), [ev.resolved(d("31", "18:00"))]), // resolved at the moment: not open
    open("resolved-in-april", d("02", "09:00"), [ev.resolved("2026-04-01T10:00:00+02:00")]), // open at it: old
    open("change", d("02", "09:00"), [], "change"), // changes are left out
    open("standard-change", d("02", "09:00"), [], "standard-change"),
    open("created-at-18", d("31", "18:00")), // not created before the moment
    open("young", d("30", "10:00")), // 480 + 600 = 1080
    open("reopened", d("02", "09:00"), [ev.resolved(d("10", "12:00")), ev.reopened(d("25", "09:00"))]), // open again: old
    open("closed", d("02", "09:00"), [ev.closed(d("20", "09:00"))]), // closed without resolution: not open
  ];

  it("lists open tickets with their business age and scores both parts", () => {
    const result = score("backlog-age", T26, tickets, context({ now: NOW }));
    // 2 to 31 March: 22 working days × 600 − 60 (created 09:00) = 13140.
    expect(casesById(result)).toEqual({
      "exactly-10-days": {
        verdict: "within",
        value: 6000,
        deadline: d("31", "18:00"),
        stoppedAt: d("31", "18:00"),
      },
      "10-days-and-1-hour": {
        verdict: "breached",
        value: 6060,
        deadline: d("31", "17:00"),
        stoppedAt: d("31", "18:00"),
      },
      "resolved-in-april": {
        verdict: "breached",
        value: 13140,
        deadline: d("16", "09:00"),
        stoppedAt: d("31", "18:00"),
      },
      // Old from 30 Mar 10:00 + 6000: 480 + 600 + 3 × 600 (1–3 Apr) + 4 × 600 (7–10 Apr, Easter Monday
      // skipped) + 600 (13 Apr) + 120 → Tue 14 Apr 10:00.
      young: {
        verdict: "within",
        value: 1080,
        deadline: "2026-04-14T10:00:00+02:00",
        stoppedAt: d("31", "18:00"),
      },
      reopened: {
        verdict: "breached",
        value: 13140,
        deadline: d("16", "09:00"),
        stoppedAt: d("31", "18:00"),
      },
    });
    // 3 old of 5 open: share 0.6 > 0.05 fails, count 3 ≤ 20 passes; the KPI fails.
    expect(result.parts).toEqual([
      { name: "share", score: 0.6, target: 0.05, met: false, n: 5 },
      { name: "count", score: 3, target: 20, met: true, n: 5 },
    ]);
    expect(summary(result)).toEqual({ score: 0.6, target: 0.05, met: false, n: 5 });
    expect(result.notes).toContain(
      "measured at 2026-03-31 18:00, the end of the service window of the period's last working day",
    );
    expect(result.provisional).toBeUndefined();
  });

  const many = (old: number, young: number) => [
    ...Array.from({ length: old }, (_, i) => open(`old-${i}`, d("02", "09:00"))),
    ...Array.from({ length: young }, (_, i) => open(`young-${i}`, d("30", "10:00"))),
  ];
  it.each([
    // 20 / 400 = 0.05 ≤ 0.05 and 20 ≤ 20: both hold (norms are inclusive).
    { old: 20, young: 380, share: { score: 0.05, met: true }, count: { score: 20, met: true }, met: true },
    // 21 / 421 ≈ 0.0499 holds, but 21 > 20.
    {
      old: 21,
      young: 400,
      share: { score: 21 / 421, met: true },
      count: { score: 21, met: false },
      met: false,
    },
    // 1 / 10 = 0.1 fails although the count is low.
    { old: 1, young: 9, share: { score: 0.1, met: false }, count: { score: 1, met: true }, met: false },
    // No open ticket: no data, never green.
    { old: 0, young: 0, share: { score: null, met: null }, count: { score: null, met: null }, met: null },
  ])("$old old and $young young: met $met", ({ old, young, share, count, met }) => {
    const result = score("backlog-age", T26, many(old, young), context({ now: NOW }));
    expect(result.parts.map((p) => ({ score: p.score, met: p.met }))).toEqual([share, count]);
    expect(result.met).toBe(met);
  });

  it("measures at now, provisionally, when the period's last service window is still to come", () => {
    // Fri 20 Mar 12:00. Old: from Mon 2 Mar 09:00, 14 working days × 600 − 60 + 240 = 8580.
    // Young: Thu 19 Mar 09:00 → 540 + 240 = 780.
    const result = score(
      "backlog-age",
      T26,
      [open("old", d("02", "09:00")), open("young", d("19", "09:00"))],
      context({ now: d("20", "12:00") }),
    );
    expect(Object.fromEntries(result.cases.map((c) => [c.id, [c.value, c.verdict]]))).toEqual({
      old: [8580, "breached"],
      young: [780, "within"],
    });
    expect(result.cases[0]?.stoppedAt).toBe(Date.parse("2026-03-20T11:00:00Z"));
    expect(result.provisional).toBe(true);
    expect(result.notes).toContain(
      "measured at report time 2026-03-20 12:00: the end of the period's last service window is still to come",
    );
  });
});
