/**
 * T3.2 (M14): CVSS ≥ 8.0, deadline detection + 14 × 24 h on the clock, in time when mitigated by
 * then or covered by an exception approved by then and in force at the deadline; counted per M5.
 * The report is made on 15 April 2026 12:00 (10:00Z). Across the DST change of 29 March, 14 clock
 * days end an hour later on the wall clock (Mar 20 08:00 +01:00 → Apr 3 09:00 +02:00).
 */
import { describe, expect, it } from "vitest";
import { scoreCriticalVulnerabilities } from "../../../../src/engine/kpi/records/critical-vulnerabilities.js";
import type { Period } from "../../../../src/engine/kpi/types.js";
import {
  APRIL_2026,
  caseOf,
  caseRows,
  context,
  headline,
  input,
  kpi,
  type Line,
  MARCH_2026,
} from "./helpers.js";

const T32 = kpi(
  "T3.2",
  { rule: "critical-vulnerabilities" },
  { norm: { kind: "min", value: 1 }, clock: "clock" },
);
const NOW = "2026-04-15T12:00:00+02:00";

function vulnerability(
  id: string,
  fields: {
    cvss: number;
    detectedAt: string;
    mitigatedAt?: string | null;
    exception?: { approvedAt: string; until: string | null } | null;
  },
): Line {
  return {
    kind: "vulnerability",
    id,
    source: "scanner",
    cve: `CVE-2026-${id}`,
    asset: "SRV-01",
    mitigatedAt: null,
    exception: null,
    ...fields,
  };
}

const rows: Array<{ name: string; line: Line; period: Period; expected: object | null }> = [
  {
    name: "saved by an exception approved in time (counted at the deadline, still open)",
    line: vulnerability("1", {
      cvss: 9.1,
      detectedAt: "2026-03-02T10:00:00+01:00",
      exception: { approvedAt: "2026-03-10T09:00:00+01:00", until: null },
    }),
    period: MARCH_2026,
    // Open: value = Mar 2 09:00Z → Apr 15 10:00Z = 44 days 1 h = 63,420 min.
    expected: { value: 63_420, deadline: "2026-03-16T10:00:00+01:00", stoppedAt: null, verdict: "within" },
  },
  {
    name: "an exception approved after the deadline does not save it",
    line: vulnerability("2", {
      cvss: 8.0, // exactly 8.0 is in the population
      detectedAt: "2026-03-02T10:00:00+01:00",
      mitigatedAt: "2026-03-20T10:00:00+01:00",
      exception: { approvedAt: "2026-03-17T09:00:00+01:00", until: null },
    }),
    period: MARCH_2026,
    // 18 days = 25,920 min; breached, counted at its deadline 16 March.
    expected: {
      value: 25_920,
      deadline: "2026-03-16T10:00:00+01:00",
      stoppedAt: "2026-03-20T10:00:00+01:00",
      verdict: "breached",
    },
  },
  {
    name: "an exception that lapsed before the deadline does not save it",
    line: vulnerability("3", {
      cvss: 8.8,
      detectedAt: "2026-03-02T10:00:00+01:00",
      exception: { approvedAt: "2026-03-05T09:00:00+01:00", until: "2026-03-12T00:00:00+01:00" },
    }),
    period: MARCH_2026,
    expected: { value: 63_420, deadline: "2026-03-16T10:00:00+01:00", stoppedAt: null, verdict: "breached" },
  },
  {
    name: "mitigated in time counts where it stopped",
    line: vulnerability("4", {
      cvss: 8.5,
      detectedAt: "2026-03-10T12:00:00+01:00",
      mitigatedAt: "2026-03-20T12:00:00+01:00",
    }),
    period: MARCH_2026,
    expected: {
      value: 14_400, // 10 days
      deadline: "2026-03-24T12:00:00+01:00",
      stoppedAt: "2026-03-20T12:00:00+01:00",
      verdict: "within",
    },
  },
  {
    name: "mitigated exactly at the deadline is in time (M1: inclusive)",
    line: vulnerability("5", {
      cvss: 9.0,
      detectedAt: "2026-03-02T10:00:00+01:00",
      mitigatedAt: "2026-03-16T10:00:00+01:00",
    }),
    period: MARCH_2026,
    expected: {
      value: 20_160,
      deadline: "2026-03-16T10:00:00+01:00",
      stoppedAt: "2026-03-16T10:00:00+01:00",
      verdict: "within",
    },
  },
  {
    name: "CVSS 7.9 is not in the population, even open for weeks",
    line: vulnerability("6", { cvss: 7.9, detectedAt: "2026-03-02T10:00:00+01:00" }),
    period: MARCH_2026,
    expected: null,
  },
  {
    name: "an open vulnerability is breached and counted at its deadline",
    line: vulnerability("7", { cvss: 9.8, detectedAt: "2026-03-01T09:00:00+01:00" }),
    period: MARCH_2026,
    // Mar 1 08:00Z → Apr 15 10:00Z = 45 days 2 h = 64,920 min.
    expected: { value: 64_920, deadline: "2026-03-15T09:00:00+01:00", stoppedAt: null, verdict: "breached" },
  },
  {
    name: "an open vulnerability whose deadline falls in April does not count in March",
    line: vulnerability("8", { cvss: 9.8, detectedAt: "2026-03-20T08:00:00+01:00" }),
    period: MARCH_2026,
    expected: null,
  },
  {
    name: "… but in April, at its deadline (14 clock days across the DST change)",
    line: vulnerability("8", { cvss: 9.8, detectedAt: "2026-03-20T08:00:00+01:00" }),
    period: APRIL_2026,
    // Mar 20 07:00Z → Apr 15 10:00Z = 26 days 3 h = 37,620 min.
    expected: { value: 37_620, deadline: "2026-04-03T09:00:00+02:00", stoppedAt: null, verdict: "breached" },
  },
  {
    name: "an open vulnerability before its deadline is not counted yet",
    line: vulnerability("9", { cvss: 9.8, detectedAt: "2026-04-10T09:00:00+02:00" }),
    period: APRIL_2026,
    expected: null,
  },
];

describe("T3.2 critical vulnerabilities", () => {
  it.each(rows)("$name", ({ line, period, expected }) => {
    const score = scoreCriticalVulnerabilities(input([line]), T32, context({ now: NOW, period }));
    const cases = caseRows(score).map(({ id: _id, ...rest }) => rest);
    expect(cases).toEqual(expected === null ? [] : [expected]);
  });

  it("scores March: 3 in time (exception, mitigated, at the deadline) of 6 counted", () => {
    const lines = rows.filter((r) => r.period === MARCH_2026).map((r) => r.line);
    const score = scoreCriticalVulnerabilities(input(lines), T32, context({ now: NOW }));
    expect(headline(score)).toEqual({ score: 0.5, target: 1, met: false, n: 6 });
    expect(caseOf(score, "1").note).toContain(
      "exception approved 2026-03-10 09:00, in force at the deadline",
    );
    expect(caseOf(score, "2").note).toContain("after the deadline: does not count");
    expect(caseOf(score, "3").note).toContain("lapsed 2026-03-12 00:00 before the deadline");
  });

  it("takes the term from a duration norm when the catalog gives one", () => {
    // 7 days (168 h) instead of 14: the case mitigated after 10 days is now late.
    const seven = kpi(
      "T3.2",
      { rule: "critical-vulnerabilities" },
      {
        norm: { kind: "duration", amount: 168, unit: "hours", share: 1 },
        clock: "clock",
      },
    );
    const score = scoreCriticalVulnerabilities(input([rows[3]?.line as Line]), seven, context({ now: NOW }));
    expect(caseRows(score)).toEqual([
      expect.objectContaining({ deadline: "2026-03-17T12:00:00+01:00", verdict: "breached" }),
    ]);
  });
});
