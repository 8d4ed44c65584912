import { describe, expect, it } from "vitest";
import {
  catalogVersionAt,
  checkChangesAgainstSupplierNorms,
  checkSupplierNorms,
  kpiDefinitionsFor,
  parseCatalogText,
} from "../../src/contract/index.js";
import type { Period } from "../../src/engine/kpi/types.js";
import { CATALOG_FILE, CONSENT, catalogOf, normsOf, O14, O33, smallCatalog } from "./helpers.js";

/** One change of O3.3 (header line, consent, then the given lines). */
function change(effectiveFrom: string, ...lines: string[]): string[] {
  return [`  - effectiveFrom: "${effectiveFrom}"`, ...CONSENT, ...lines];
}
const STRICTER = ["    kpi: O3.3", "    old: {min: 0.75}", "    new: {min: 0.8}"];
const LIGHTER = ["    kpi: O3.3", "    old: {min: 0.75}", "    new: {min: 0.7}"];

const month = (label: string, start: string, end: string): Period => ({
  label,
  kind: "month",
  start: Date.parse(start),
  end: Date.parse(end),
});

/** As validate sees them: the catalog's own problems, then old norms of supplier-normed KPIs (none tendered here). */
function problemsOf(changes: string[]): string[] {
  const { catalog, problems } = parseCatalogText(smallCatalog({ changes }), CATALOG_FILE);
  const deferred = catalog === null ? [] : checkChangesAgainstSupplierNorms(catalog, normsOf(""));
  return [...problems, ...deferred].map((p) => `${p.path}: ${p.message}`);
}

describe("a change on a quarter boundary", () => {
  const catalog = catalogOf(smallCatalog({ changes: change("2027-01-01", ...STRICTER) }));
  const o33 = (at: number | Period) => catalogVersionAt(catalog, at).kpis.find((k) => k.id === "O3.3")?.norm;

  it("makes a new version labelled by year and quarter", () => {
    expect(catalog.versions.map((v) => [v.version, v.validFrom])).toEqual([
      ["test-2026.1", "2026-01-01"],
      ["test-2027.1", "2027-01-01"],
    ]);
  });

  it.each<[string, number | Period, number]>([
    ["a later period", month("2027-03", "2027-03-01T00:00:00+01:00", "2027-04-01T00:00:00+02:00"), 0.8],
    ["the first moment of the quarter (local midnight)", Date.parse("2026-12-31T23:00:00Z"), 0.8],
    ["an earlier period", month("2026-12", "2026-12-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00"), 0.75],
    ["the last moment before it (local)", Date.parse("2026-12-31T23:59:59+01:00"), 0.75],
    [
      "a time before the catalog's validFrom (the first version)",
      Date.parse("2025-06-01T00:00:00+02:00"),
      0.75,
    ],
  ])("is used for %s", (_name, at, value) => {
    expect(o33(at)).toEqual({ kind: "min", value });
  });

  it("takes effect in kpiDefinitionsFor for periods from its start", () => {
    const rules = { targetShareWithoutPercentage: 1 };
    const norms = normsOf("O1.4: {maxHours: 4}");
    const at = (iso: string) =>
      kpiDefinitionsFor(catalog, norms, rules, Date.parse(iso)).find((d) => d.id === "O3.3")?.norm;
    expect([at("2026-11-15T12:00:00+01:00"), at("2027-01-15T12:00:00+01:00")]).toEqual([
      { kind: "min", value: 0.75 },
      { kind: "min", value: 0.8 },
    ]);
  });

  it("accepts a timestamp that is local midnight on the boundary", () => {
    expect(problemsOf(change("2027-03-31T22:00:00Z", ...STRICTER))).toEqual([]);
  });
});

describe("changes that §2.2 rejects", () => {
  it.each<[string, string[], string[]]>([
    [
      "mid-quarter",
      change("2027-02-01", ...STRICTER),
      [
        "changes[0].effectiveFrom: 2027-02-01 starts mid-quarter: a change takes effect on a quarter boundary (1 January, 1 April, 1 July or 1 October, 00:00 in Europe/Amsterdam; the next is 2027-04-01), appendix 12a §2.2",
      ],
    ],
    [
      "on the boundary's date but not at midnight",
      change("2027-01-01T12:00:00+01:00", ...STRICTER),
      [
        expect.stringMatching(
          /^changes\[0\]\.effectiveFrom: 2027-01-01T12:00:00\+01:00 starts mid-quarter/,
        ) as unknown as string,
      ],
    ],
    [
      "a lighter norm without justification",
      change("2027-01-01", ...LIGHTER),
      [
        "changes[0].justification: O3.3: the new norm {min: 0.7} is lighter than the old {min: 0.75} (lower minimum (0.7 < 0.75)): record a justification (appendix 12a §2.2)",
      ],
    ],
    [
      "no consent of the supplier",
      [
        '  - effectiveFrom: "2027-01-01"',
        "    consent:",
        '      client: {by: "J. Jansen", at: "2026-11-20"}',
        ...STRICTER,
      ],
      [
        "changes[0].consent.supplier: no consent of the supplier recorded ({by, at}); a change needs both parties' written consent (appendix 12a §2.2)",
      ],
    ],
    [
      "no consent at all",
      ['  - effectiveFrom: "2027-01-01"', ...STRICTER],
      [
        "changes[0].consent.client: no consent of the client recorded ({by, at}); a change needs both parties' written consent (appendix 12a §2.2)",
        "changes[0].consent.supplier: no consent of the supplier recorded ({by, at}); a change needs both parties' written consent (appendix 12a §2.2)",
      ],
    ],
    [
      "consent given after the change took effect",
      [
        '  - effectiveFrom: "2027-01-01"',
        "    consent:",
        '      client: {by: "J. Jansen", at: "2027-01-05"}',
        '      supplier: {by: "A. de Vries", at: "2026-12-01"}',
        ...STRICTER,
      ],
      [
        "changes[0].consent.client.at: the client's consent (2027-01-05) is dated after the change took effect (2027-01-01)",
      ],
    ],
    [
      "an old norm that is not the one in force",
      change("2027-01-01", "    kpi: O3.3", "    old: {min: 0.7}", "    new: {min: 0.8}"),
      [
        "changes[0].old: O3.3: old norm {min: 0.7} does not match the norm in force before 2027-01-01 ({min: 0.75}: the client's floor; no supplier norm given)",
      ],
    ],
    [
      "a second change whose old is not the first one's new",
      [
        ...change("2027-01-01", ...STRICTER),
        ...change("2027-04-01", "    kpi: O3.3", "    old: {min: 0.75}", "    new: {min: 0.85}"),
      ],
      [
        "changes[1].old: O3.3: old norm {min: 0.75} does not match the norm in force before 2027-04-01 ({min: 0.8})",
      ],
    ],
    [
      "removing a KPI without justification",
      change("2027-01-01", "    remove: O3.3"),
      [
        "changes[0].justification: removing O3.3 drops its norm, which makes the SLA lighter: record a justification (appendix 12a §2.2)",
      ],
    ],
    [
      "a change of an unknown KPI",
      change("2027-01-01", "    kpi: O9.9", "    old: {min: 0.75}", "    new: {min: 0.8}"),
      ["changes[0].kpi: O9.9 is not in the composition before 2027-01-01"],
    ],
    [
      "a change that is both a norm change and a removal",
      change("2027-01-01", ...STRICTER, "    remove: O1.4"),
      [
        "changes[0]: a change is exactly one of: a norm change (kpi, old, new), add (a KPI entry) or remove (a KPI id)",
      ],
    ],
    [
      "a new norm of another kind",
      change(
        "2027-01-01",
        "    kpi: O3.3",
        "    old: {min: 0.75}",
        "    new: {maxHours: 4}",
        "    justification: other measure",
      ),
      ["changes[0].new: O3.3: the new norm {maxHours: 4} is not the kind csat measures (min)"],
    ],
  ])("%s", (_name, changes, expected) => {
    expect(problemsOf(changes)).toEqual(expected);
  });

  it("accepts a lighter norm with a recorded justification", () => {
    const catalog = catalogOf(
      smallCatalog({
        changes: change("2027-01-01", ...LIGHTER, "    justification: new survey tool, 1–5 scale"),
      }),
    );
    expect(catalog.versions.at(-1)?.kpis.find((k) => k.id === "O3.3")?.norm).toEqual({
      kind: "min",
      value: 0.7,
    });
  });
});

describe("adding and removing KPIs", () => {
  const addO34 = [
    "    add:",
    "      id: O3.4",
    "      goal: O3",
    "      name: {nl: First-time-fix, en: First-time fix}",
    "      definition: opgelost zonder overdracht naar een andere behandellijn",
    "      measure: {rule: first-time-fix}",
    "      norm: {min: 0.7}",
    "      normStatus: client",
    "      minimumRequirement: true",
    "      cadence: [monthly]",
    "      meeting: operational",
    "      agenda: on-deviation",
  ];
  const catalog = catalogOf(
    smallCatalog({
      changes: [
        ...change("2027-01-01", ...addO34),
        ...change("2027-07-01", "    remove: O3.3", "    justification: replaced by O3.4"),
      ],
    }),
  );
  it.each([
    ["2026-06-01T00:00:00+02:00", "test-2026.1", ["O3.3", "O1.4"]],
    ["2027-01-01T00:00:00+01:00", "test-2027.1", ["O3.3", "O1.4", "O3.4"]],
    ["2027-07-01T00:00:00+02:00", "test-2027.3", ["O1.4", "O3.4"]],
  ])("at %s version %s holds %j", (iso, version, ids) => {
    const found = catalogVersionAt(catalog, Date.parse(iso));
    expect([found.version, found.kpis.map((k) => k.id)]).toEqual([version, ids]);
  });
});

describe("a change of a supplier KPI", () => {
  const changeO14 = (old: string) =>
    smallCatalog({
      kpis: [O33, O14],
      changes: change(
        "2027-01-01",
        "    kpi: O1.4",
        `    old: ${old}`,
        "    new: {maxHours: 2, share: 0.95}",
      ),
    });

  it("checks its old norm against the supplier's norm", () => {
    const catalog = catalogOf(changeO14("{maxHours: 3, share: 0.95}"));
    expect(checkChangesAgainstSupplierNorms(catalog, normsOf("O1.4: {maxHours: 4, share: 0.95}"))).toEqual([
      expect.objectContaining({
        file: CATALOG_FILE,
        path: "changes[0].old",
        message:
          "O1.4: old norm {maxHours: 3, share: 0.95} does not match the norm in force before 2027-01-01 ({maxHours: 4, share: 0.95}: the supplier's norm)",
      }),
    ]);
  });

  it("then governs the KPI instead of the supplier's norm", () => {
    const catalog = catalogOf(changeO14("{maxHours: 4, share: 0.95}"));
    const norms = normsOf("O1.4: {maxHours: 4, share: 0.95}");
    expect([
      ...checkChangesAgainstSupplierNorms(catalog, norms),
      ...checkSupplierNorms(catalog, norms),
    ]).toEqual([]);
    const o14 = (iso: string) =>
      kpiDefinitionsFor(catalog, norms, { targetShareWithoutPercentage: 1 }, Date.parse(iso)).find(
        (d) => d.id === "O1.4",
      )?.norm;
    expect([o14("2026-12-01T00:00:00+01:00"), o14("2027-01-01T00:00:00+01:00")]).toMatchObject([
      { amount: 4 },
      { amount: 2 },
    ]);
  });
});
