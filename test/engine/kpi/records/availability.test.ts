/**
 * O1.1, O4.2, O4.3 (M12, decisions 10 and 11) over March 2026: 22 working days of 600 service-
 * window minutes = 13,200 minutes, the denominator of every figure below unless said otherwise.
 */
import { describe, expect, it } from "vitest";
import { scoreAvailability } from "../../../../src/engine/kpi/records/availability.js";
import { recordScorers } from "../../../../src/engine/kpi/records/index.js";
import { caseOf, caseRows, context, headline, input, kpi, type Line } from "./helpers.js";

const WINDOW = 13_200;

function outage(
  id: string,
  service: string,
  start: string,
  end: string | null,
  extra: { location?: string | null; classification?: string } = {},
): Line {
  return { kind: "outage", id, source: "test", service, start, end, location: null, ...extra };
}

const O11 = kpi(
  "O1.1",
  { rule: "availability", service: "servicedesk" },
  { norm: { kind: "min", value: 0.995 } },
);
const O42 = kpi("O4.2", { rule: "availability", service: "network" }, { norm: { kind: "min", value: 0.99 } });
const O43 = kpi("O4.3", { rule: "availability", service: "m365" }, { norm: { kind: "min", value: 0.995 } });

describe("O1.1 service-desk availability", () => {
  it.each([
    {
      name: "an outage over the window's end and a weekend counts only its window minutes",
      // Fri 13 Mar 17:30–18:00 = 30 min, Sat/Sun nothing, Mon 16 Mar 08:00–08:45 = 45 min → 75.
      outages: [outage("SD-1", "servicedesk", "2026-03-13T17:30:00+01:00", "2026-03-16T08:45:00+01:00")],
      outageMinutes: 75,
      met: false, // 1 − 75/13,200 = 99.43 % < 99.5 %
      cases: [{ id: "SD-1", value: 75, verdict: "breached" }],
    },
    {
      name: "two overlapping outages count their union once",
      // 10:00–10:40 and 10:20–11:05 on Tue 10 Mar: union 10:00–11:05 = 65 min (not 40 + 45 = 85).
      outages: [
        outage("SD-1", "servicedesk", "2026-03-10T10:00:00+01:00", "2026-03-10T10:40:00+01:00"),
        outage("SD-2", "servicedesk", "2026-03-10T10:20:00+01:00", "2026-03-10T11:05:00+01:00"),
      ],
      outageMinutes: 65,
      met: true, // 1 − 65/13,200 = 99.508 % ≥ 99.5 % (85 minutes would have given 99.356 %)
      cases: [
        { id: "SD-1", value: 40, verdict: "breached" },
        { id: "SD-2", value: 45, verdict: "breached" },
      ],
    },
    {
      name: "outages outside the service window leave it at 100 %",
      // Saturday 14 Mar, and Wed 11 Mar 18:00–22:00 starting exactly at the window's end.
      outages: [
        outage("SD-1", "servicedesk", "2026-03-14T10:00:00+01:00", "2026-03-14T14:00:00+01:00"),
        outage("SD-2", "servicedesk", "2026-03-11T18:00:00+01:00", "2026-03-11T22:00:00+01:00"),
      ],
      outageMinutes: 0,
      met: true,
      cases: [
        { id: "SD-1", value: 0, verdict: "excluded" },
        { id: "SD-2", value: 0, verdict: "excluded" },
      ],
    },
    {
      name: "an outage still open at now runs to the period's end",
      // Tue 31 Mar 17:00, no end, report made 10 April: 17:00–18:00 is the last window hour of March.
      outages: [outage("SD-1", "servicedesk", "2026-03-31T17:00:00+02:00", null)],
      outageMinutes: 60,
      met: true, // 1 − 60/13,200 = 99.545 %
      cases: [{ id: "SD-1", value: 60, verdict: "breached" }],
    },
    {
      name: "an outage from the previous month counts from the period's start",
      // Fri 27 Feb 17:00 → Mon 2 Mar 09:00: only Mon 08:00–09:00 lies in March.
      outages: [outage("SD-1", "servicedesk", "2026-02-27T17:00:00+01:00", "2026-03-02T09:00:00+01:00")],
      outageMinutes: 60,
      met: true,
      cases: [{ id: "SD-1", value: 60, verdict: "breached" }],
    },
    {
      name: "no outage at all is 100 % over the whole window",
      outages: [],
      outageMinutes: 0,
      met: true,
      cases: [],
    },
  ])("$name", ({ outages, outageMinutes, met, cases }) => {
    const score = scoreAvailability(input(outages), O11, context({ now: "2026-04-10T12:00:00+02:00" }));
    expect(headline(score)).toEqual({ score: 1 - outageMinutes / WINDOW, target: 0.995, met, n: WINDOW });
    expect(caseRows(score).map(({ id, value, verdict }) => ({ id, value, verdict }))).toEqual(cases);
    expect(score.provisional).toBeUndefined();
  });

  it("says why a case does not count, that overlaps count once, and that an open outage is open", () => {
    const score = scoreAvailability(
      input([
        outage("SD-1", "servicedesk", "2026-03-10T10:00:00+01:00", "2026-03-10T10:40:00+01:00"),
        outage("SD-2", "servicedesk", "2026-03-10T10:20:00+01:00", "2026-03-10T11:05:00+01:00"),
        outage("SD-3", "servicedesk", "2026-03-14T10:00:00+01:00", "2026-03-14T14:00:00+01:00"),
        outage("SD-4", "servicedesk", "2026-03-31T17:00:00+02:00", null),
      ]),
      O11,
      context({ now: "2026-04-10T12:00:00+02:00" }),
    );
    expect(caseOf(score, "SD-2").note).toContain("counted once");
    expect(caseOf(score, "SD-3").note).toBe("outside the service window");
    expect(caseOf(score, "SD-4")).toMatchObject({
      stoppedAt: null,
      note: expect.stringContaining("still open"),
    });
    // The open outage's counted span is clipped to the period's end.
    expect(caseOf(score, "SD-4").note).toContain("counted 2026-03-31 17:00–2026-04-01 00:00");
  });

  it("measures a period in progress up to now and marks it provisional", () => {
    // Now Wed 4 Mar 12:00: Mon 600 + Tue 600 + Wed 08:00–12:00 240 = 1,440 minutes measured.
    // Outage Mon 2 Mar 10:00–10:36 = 36 min → 1 − 36/1,440 = 97.5 %.
    const score = scoreAvailability(
      input([outage("SD-1", "servicedesk", "2026-03-02T10:00:00+01:00", "2026-03-02T10:36:00+01:00")]),
      O11,
      context({ now: "2026-03-04T12:00:00+01:00" }),
    );
    expect(headline(score)).toEqual({ score: 0.975, target: 0.995, met: false, n: 1440 });
    expect(score.provisional).toBe(true);
  });

  it("has no data for a period that has not begun", () => {
    const score = scoreAvailability(input([]), O11, context({ now: "2026-02-20T12:00:00+01:00" }));
    expect(headline(score)).toEqual({ score: null, target: 0.995, met: null, n: 0 });
  });
});

describe("O4.2 network availability per location", () => {
  const lines = [
    // Utrecht: Wed 11 Mar 09:00–11:00 = 120 min → 1 − 120/13,200 = 99.09 % ≥ 99 %.
    outage("NW-1", "network", "2026-03-11T09:00:00+01:00", "2026-03-11T11:00:00+01:00", {
      location: "Utrecht",
    }),
    // Zwolle: Thu 12 Mar 08:00–12:30 = 270 min → 1 − 270/13,200 = 97.95 % < 99 %: fails O4.2.
    outage("NW-2", "network", "2026-03-12T08:00:00+01:00", "2026-03-12T12:30:00+01:00", {
      location: "Zwolle",
    }),
    // Amersfoort had an outage in February only: a known location, 100 % in March.
    outage("NW-3", "network", "2026-02-10T10:00:00+01:00", "2026-02-10T11:00:00+01:00", {
      location: "Amersfoort",
    }),
    // No location: its own part, Tue 3 Mar 10:00–10:30 = 30 min → 99.77 %.
    outage("NW-4", "network", "2026-03-03T10:00:00+01:00", "2026-03-03T10:30:00+01:00"),
    // Another service's outage is not read.
    outage("SD-1", "servicedesk", "2026-03-12T08:00:00+01:00", "2026-03-12T18:00:00+01:00"),
  ];

  it("scores each location as a part and fails when one location fails", () => {
    const score = scoreAvailability(input(lines), O42, context({ now: "2026-04-10T12:00:00+02:00" }));
    expect(score.parts).toEqual([
      { name: "(no location)", score: 1 - 30 / WINDOW, target: 0.99, met: true, n: WINDOW },
      { name: "Amersfoort", score: 1, target: 0.99, met: true, n: WINDOW },
      { name: "Utrecht", score: 1 - 120 / WINDOW, target: 0.99, met: true, n: WINDOW },
      { name: "Zwolle", score: 1 - 270 / WINDOW, target: 0.99, met: false, n: WINDOW },
    ]);
    // The KPI reports its weakest part and fails with it.
    expect(headline(score)).toEqual({ score: 1 - 270 / WINDOW, target: 0.99, met: false, n: WINDOW });
    expect(caseRows(score).map(({ id, part, value }) => ({ id, part, value }))).toEqual([
      { id: "NW-1", part: "Utrecht", value: 120 },
      { id: "NW-2", part: "Zwolle", value: 270 },
      { id: "NW-4", part: "(no location)", value: 30 },
    ]);
  });

  it("is met when every location is", () => {
    const score = scoreAvailability(
      input(lines.slice(0, 1)),
      O42,
      context({ now: "2026-04-10T12:00:00+02:00" }),
    );
    expect(score.met).toBe(true);
  });

  it("has no parts and no data without any network outage record", () => {
    const score = scoreAvailability(input([]), O42, context({ now: "2026-04-10T12:00:00+02:00" }));
    expect(headline(score)).toEqual({ score: null, target: null, met: null, n: 0 });
  });
});

describe("O4.3 Microsoft 365 availability per in-scope service", () => {
  const lines = [
    // Exchange: incident Mon 9 Mar 10:00–12:00 = 120 min; advisory Tue 10 Mar 09:00–15:00 = 360 min.
    outage("MS-1", "m365:Exchange Online", "2026-03-09T10:00:00+01:00", "2026-03-09T12:00:00+01:00"),
    outage("MS-2", "m365:Exchange Online", "2026-03-10T09:00:00+01:00", "2026-03-10T15:00:00+01:00", {
      classification: "advisory",
    }),
    // Teams: incident Wed 11 Mar 10:00–10:30 = 30 min.
    outage("MS-3", "m365:Microsoft Teams", "2026-03-11T10:00:00+01:00", "2026-03-11T10:30:00+01:00"),
    // SharePoint: incident Thu 12 Mar 10:00–11:00 = 60 min.
    outage("MS-4", "m365:SharePoint Online", "2026-03-12T10:00:00+01:00", "2026-03-12T11:00:00+01:00"),
  ];
  const now = "2026-04-10T12:00:00+02:00";

  it.each([
    {
      name: "by default only incidents count, for every service seen",
      rules: {},
      parts: [
        ["Exchange Online", 120, false], // 99.09 % < 99.5 %: the advisory's 360 minutes do not count
        ["Microsoft Teams", 30, true],
        ["SharePoint Online", 60, true], // 99.55 %
      ],
      excluded: ["MS-2"],
    },
    {
      name: "advisories count when configured",
      rules: { o43: { classifications: ["incident", "advisory"] } },
      parts: [
        ["Exchange Online", 480, false], // 120 + 360 on different days
        ["Microsoft Teams", 30, true],
        ["SharePoint Online", 60, true],
      ],
      excluded: [],
    },
    {
      name: "only in-scope services are parts; a quiet in-scope service is 100 %",
      rules: { o43: { inScope: ["Exchange Online", "Microsoft Teams", "OneDrive for Business"] } },
      parts: [
        ["Exchange Online", 120, false],
        ["Microsoft Teams", 30, true],
        ["OneDrive for Business", 0, true],
      ],
      excluded: ["MS-2", "MS-4"],
    },
  ] as const)("$name", ({ rules, parts, excluded }) => {
    const score = scoreAvailability(input(lines), O43, context({ now, rules }));
    expect(score.parts).toEqual(
      parts.map(([name, minutes, met]) => ({
        name,
        score: 1 - minutes / WINDOW,
        target: 0.995,
        met,
        n: WINDOW,
      })),
    );
    expect(score.met).toBe(false);
    expect(score.cases.filter((c) => c.verdict === "excluded").map((c) => c.id)).toEqual(excluded);
  });

  it("names the reason of an excluded Microsoft 365 case", () => {
    const score = scoreAvailability(
      input(lines),
      O43,
      context({ now, rules: { o43: { inScope: ["Exchange Online"] } } }),
    );
    expect(caseOf(score, "MS-2").note).toContain('classified "advisory", not counted');
    expect(caseOf(score, "MS-4")).toMatchObject({
      part: "SharePoint Online",
      note: expect.stringContaining("not in scope"),
    });
  });

  it("is registered under its measure rule", () => {
    expect(recordScorers.availability).toBe(scoreAvailability);
  });
});
