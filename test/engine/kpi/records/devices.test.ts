/**
 * O5.2 (M13): the latest snapshot per device at or before the period's end; devices not synced
 * for more than `rules.devices.staleAfterDays` before that moment are excluded, and counted in
 * the notes. March 2026 (ends 1 April 00:00 +02:00), report made 10 April 2026.
 */
import { describe, expect, it } from "vitest";
import { scoreDeviceCompliance } from "../../../../src/engine/kpi/records/device-compliance.js";
import { caseRows, context, headline, input, kpi, type Line } from "./helpers.js";

const O52 = kpi("O5.2", { rule: "device-compliance" }, { norm: { kind: "min", value: 0.95 } });
const NOW = "2026-04-10T12:00:00+02:00";

function snapshot(id: string, at: string, compliant: boolean, lastSyncAt: string | null = at): Line {
  return {
    kind: "device",
    id,
    source: "intune",
    at,
    compliant,
    state: compliant ? "compliant" : "noncompliant",
    lastSyncAt,
    os: "Windows",
  };
}

const lines = [
  // D1: non-compliant on 1 March, compliant on 30 March (latest before the end), non-compliant
  // on 2 April (after the period: not read).
  snapshot("D1", "2026-03-01T10:00:00+01:00", false),
  snapshot("D1", "2026-03-30T10:00:00+02:00", true),
  snapshot("D1", "2026-04-02T10:00:00+02:00", false),
  // D2: non-compliant at the end of March.
  snapshot("D2", "2026-03-31T12:00:00+02:00", false),
  // D3: compliant, but last synced on 20 February.
  snapshot("D3", "2026-03-31T12:00:00+02:00", true, "2026-02-20T09:00:00+01:00"),
  // D4: non-compliant, last synced on 5 March.
  snapshot("D4", "2026-03-31T12:00:00+02:00", false, "2026-03-05T09:00:00+01:00"),
  // D5: a snapshot exactly at the period's end is "at or before" it.
  snapshot("D5", "2026-04-01T00:00:00+02:00", true),
];

describe("O5.2 device compliance", () => {
  it.each([
    {
      name: "without staleness every device counts with its latest snapshot",
      rules: {},
      // D1 ✓, D2 ✗, D3 ✓, D4 ✗, D5 ✓ → 3/5.
      expected: { score: 0.6, target: 0.95, met: false, n: 5 },
      verdicts: { D1: "within", D2: "breached", D3: "within", D4: "breached", D5: "within" },
      note: "staleness exclusion off (rules.devices.staleAfterDays not set)",
    },
    {
      name: "with 30 days' staleness a device last synced 20 February is excluded",
      // 30 calendar days before 1 April 00:00 = 2 March 00:00 (+01:00): D3 (20 Feb) is stale,
      // D4 (5 March) is not. D1 ✓, D2 ✗, D4 ✗, D5 ✓ → 2/4.
      rules: { devices: { staleAfterDays: 30 } },
      expected: { score: 0.5, target: 0.95, met: false, n: 4 },
      verdicts: { D1: "within", D2: "breached", D3: "excluded", D4: "breached", D5: "within" },
      note: "1 stale device excluded: last sync before 2026-03-02 00:00 (rules.devices.staleAfterDays: 30)",
    },
  ])("$name", ({ rules, expected, verdicts, note }) => {
    const score = scoreDeviceCompliance(input(lines), O52, context({ now: NOW, rules }));
    expect(headline(score)).toEqual(expected);
    expect(Object.fromEntries(caseRows(score).map((c) => [c.id, c.verdict]))).toEqual(verdicts);
    expect(score.notes).toContain(note);
  });

  it("reads the latest snapshot known at now while the period runs", () => {
    // Now 15 March: D1's latest known snapshot is the non-compliant one of 1 March; the other
    // devices have no snapshot yet.
    const score = scoreDeviceCompliance(input(lines), O52, context({ now: "2026-03-15T12:00:00+01:00" }));
    expect(caseRows(score)).toEqual([
      { id: "D1", value: null, deadline: null, stoppedAt: "2026-03-01T10:00:00+01:00", verdict: "breached" },
    ]);
  });

  it("keeps a snapshot without lastSyncAt and says so", () => {
    const score = scoreDeviceCompliance(
      input([snapshot("D9", "2026-03-31T12:00:00+02:00", true, null)]),
      O52,
      context({ now: NOW, rules: { devices: { staleAfterDays: 30 } } }),
    );
    expect(headline(score)).toEqual({ score: 1, target: 0.95, met: true, n: 1 });
    expect(score.notes).toContain("1 device without lastSyncAt kept");
  });
});
