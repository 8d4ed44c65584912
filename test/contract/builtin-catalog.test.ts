import { describe, expect, it } from "vitest";
import type { CatalogKpi } from "../../src/contract/index.js";
import { builtinCatalogPath, catalogVersionAt, formatNorm, loadCatalog } from "../../src/contract/index.js";

const catalog = await loadCatalog("builtin:sib");
const kpis = catalog.versions[0]?.kpis ?? [];

/**
 * kpi-catalog.md, table by table, one row per KPI (`-` = none):
 * id | measure | norm | clock | status | min | cadence | meeting | agenda
 */
const TABLE = `
S2.1  | evidence 12-months               | {min: 1}                                                | -           | client           | no  | yearly                 | strategic   | always
S2.2  | evidence 12-months               | {min: 1}                                                | -           | client           | no  | yearly                 | strategic   | always
T1.1  | evidence each-quarter            | {min: 1}                                                | -           | client           | yes | quarterly              | tactical    | on-deviation
T1.2  | eol-signalling                   | {min: 0.9}                                              | clock       | client           | yes | quarterly              | tactical    | always
T1.3  | docs-updated                     | {maxWorkingDays: 20}                                    | business    | client           | yes | quarterly              | tactical    | on-deviation
T1.4  | backups                          | backups {min: 0.99}; restore-test {min: 1}              | -           | client           | yes | monthly+yearly         | operational | always
T2.1  | change-success                   | {min: 0.95}                                             | business    | client           | yes | quarterly              | tactical    | on-deviation
T2.2  | change-lead-time                 | {maxWorkingDays: 15}                                    | business    | minimum+supplier | yes | quarterly              | tactical    | on-deviation
T2.3  | improvement-cycle                | count {min: 5}; currency {min: 0.95}                    | -           | client           | no  | quarterly              | tactical    | always
T2.4  | coordination                     | {min: 0.9}                                              | business    | client           | yes | quarterly              | tactical    | always
T2.5  | rca-timeliness                   | {maxWorkingDays: 10}                                    | business    | client           | yes | per-incident+quarterly | tactical    | on-deviation
T2.6  | backlog-age                      | share {max: 0.05}; count {maxCount: 20}                 | business    | client           | yes | monthly                | operational | on-deviation
T3.1  | security-exceptions              | complete {min: 1}; reviewed {min: 0.9}                  | -           | client           | yes | quarterly              | tactical    | always
T3.2  | critical-vulnerabilities         | {maxHours: 336, share: 1}                               | clock       | client           | yes | quarterly              | tactical    | always
O1.1  | availability servicedesk         | {min: 0.995}                                            | business    | client           | yes | monthly                | operational | on-deviation
O1.2  | response P1                      | {maxMinutes: 15, share: 0.95}                           | clock       | client           | yes | monthly                | operational | on-deviation
O1.3  | response P2                      | {maxHours: 1, share: 0.95}                              | business    | client           | yes | monthly                | operational | on-deviation
O1.4  | response P3                      | none                                                    | business    | supplier         | no  | monthly                | operational | on-deviation
O1.5  | response P4                      | none                                                    | business    | supplier         | no  | monthly                | operational | on-deviation
O1.6  | p1-resolution                    | stabilisation {maxHours: 4}; definitive {maxHours: 48}  | clock       | client           | yes | monthly                | operational | on-deviation
O1.7  | resolution P2                    | {maxHours: 8, share: 0.95}                              | business    | client           | yes | monthly                | operational | on-deviation
O1.8  | resolution P3                    | none                                                    | business    | supplier         | no  | monthly                | operational | on-deviation
O1.9  | resolution P4                    | none                                                    | business    | supplier         | no  | monthly                | operational | on-deviation
O1.10 | containment                      | P1 {maxHours: 4}; P2 {maxHours: 24}                     | by-priority | client           | yes | per-incident+monthly   | operational | on-deviation
O1.11 | major-updates                    | {min: 1}                                                | clock       | client           | yes | -                      | -           | -
O2.1  | standard-change-lead-time        | none                                                    | business    | supplier         | no  | monthly                | operational | on-deviation
O2.2  | standard-change-first-time-right | none                                                    | -           | supplier         | no  | monthly                | operational | on-deviation
O3.1  | proactive-feedback               | {min: 0.8}                                              | -           | minimum+supplier | yes | monthly                | operational | on-deviation
O3.2  | ownership                        | {min: 0.95}                                             | -           | minimum+supplier | yes | monthly                | operational | on-deviation
O3.3  | csat                             | {min: 0.75}                                             | -           | minimum+supplier | yes | monthly                | operational | on-deviation
O3.4  | first-time-fix                   | {min: 0.7}                                              | -           | minimum+supplier | yes | monthly                | operational | on-deviation
O4.1  | workplace-issuance               | {maxWorkingDays: 5, share: 0.9}                         | business    | client           | no  | monthly                | operational | on-deviation
O4.2  | availability network             | {min: 0.99}                                             | business    | minimum+supplier | yes | monthly                | operational | on-deviation
O4.3  | availability m365                | {min: 0.995}                                            | business    | client           | yes | monthly                | operational | on-deviation
O5.1  | patch-compliance                 | {min: 0.9}                                              | -           | client           | yes | monthly                | operational | on-deviation
O5.2  | device-compliance                | {min: 0.95}                                             | -           | client           | yes | monthly                | operational | on-deviation
`;
const ROWS = TABLE.trim()
  .split("\n")
  .map((line) => line.split("|").map((cell) => cell.trim()));

function rowOf(kpi: CatalogKpi): string[] {
  const norm =
    kpi.parts === undefined
      ? formatNorm(kpi.norm ?? null)
      : Object.entries(kpi.parts)
          .map(([name, part]) => `${name} ${formatNorm(part)}`)
          .join("; ");
  return [
    kpi.id,
    Object.values(kpi.measure).join(" "),
    norm,
    kpi.clock ?? "-",
    kpi.normStatus,
    kpi.minimumRequirement ? "yes" : "no",
    kpi.cadence.join("+") || "-",
    kpi.meeting ?? "-",
    kpi.agenda ?? "-",
  ];
}

describe("the built-in catalog builtin:sib", () => {
  it("ships as config/catalog/sib.yaml beside package.json", () => {
    expect(builtinCatalogPath("sib")).toBe(
      new URL("../../config/catalog/sib.yaml", import.meta.url).pathname,
    );
    expect(builtinCatalogPath("nope")).toBeNull();
  });

  it("is version sib-2026.1 from 2026-01-01 in Europe/Amsterdam, without changes yet", () => {
    expect([catalog.version, catalog.validFrom, catalog.timezone]).toEqual([
      "sib-2026.1",
      "2026-01-01",
      "Europe/Amsterdam",
    ]);
    expect(catalog.versions).toHaveLength(1);
    expect(catalogVersionAt(catalog, Date.parse("2026-03-01T00:00:00+01:00")).version).toBe("sib-2026.1");
  });

  it("holds exactly the KPIs of kpi-catalog.md, in its order", () => {
    expect(kpis.map((kpi) => kpi.id)).toEqual(ROWS.map((row) => row[0]));
  });

  it.each(ROWS)("%s: %s, norm %s", (id) => {
    const kpi = kpis.find((k) => k.id === id) as CatalogKpi;
    expect(rowOf(kpi)).toEqual(ROWS.find((row) => row[0] === id));
    expect(kpi.goal).toBe(id.split(".")[0]);
    expect(Math.min(kpi.name.nl.length, kpi.name.en.length, kpi.definition.length)).toBeGreaterThan(0);
  });

  it("takes the Dutch names from the appendix", () => {
    const nl = Object.fromEntries(kpis.map((kpi) => [kpi.id, kpi.name.nl]));
    expect(nl).toMatchObject({
      "T2.6": "Backlog ouderdom",
      "O1.6": "Oplostijd P1",
      "O4.2": "Beschikbaarheid beheerde netwerkinfrastructuur per locatie",
      "O3.3": "Klanttevredenheid (CSAT)",
    });
  });

  it("applies O4.2's norm per location and O4.3's per service; O1.11's cadence is 30 then 60 min", () => {
    const byId = (id: string) => kpis.find((k) => k.id === id);
    expect([byId("O4.2")?.normPer, byId("O4.3")?.normPer]).toEqual(["location", "service"]);
    expect(byId("O1.11")?.updateCadence).toEqual({ firstMinutes: 30, intervalMinutes: 60 });
  });
});
