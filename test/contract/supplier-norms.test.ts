import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  checkSupplierNorms,
  kpiDefinitionsFor,
  loadCatalog,
  parseSupplierNormsText,
} from "../../src/contract/index.js";
import { NORMS_FILE, normsOf, yaml } from "./helpers.js";

const catalog = await loadCatalog("builtin:sib");
const EXAMPLE = await readFile(new URL("../../config/supplier-norms.example.yaml", import.meta.url), "utf8");
/** The example's lines without comments, so a case can replace or drop one. */
const BASE = EXAMPLE.split("\n")
  .map((line) => line.replace(/\s+#.*$/, ""))
  .filter((line) => line !== "" && !line.startsWith("#"));

function withLine(id: string, line: string | null): string {
  const lines = BASE.filter((l) => !l.startsWith(`${id}:`));
  return yaml(...lines, ...(line === null ? [] : [line]));
}

const AT = Date.parse("2026-03-01T00:00:00+01:00");

describe("supplier norms against the built-in catalog", () => {
  it("accepts the example file, whose O3.3 0.80 is stricter than the floor 0.75", () => {
    expect(checkSupplierNorms(catalog, normsOf(EXAMPLE))).toEqual([]);
  });

  it.each<[string, string | null, string, string]>([
    [
      "O1.2",
      "O1.2: {maxMinutes: 10, share: 0.95}",
      "key",
      "O1.2: norm status is 'client', so the client's norm {maxMinutes: 15, share: 0.95} holds; a supplier norm ({maxMinutes: 10, share: 0.95}) is not allowed",
    ],
    [
      "O3.3",
      "O3.3: {min: 0.7}",
      "key",
      "O3.3: supplier norm {min: 0.7} is weaker than the client's floor {min: 0.75} (lower minimum (0.7 < 0.75))",
    ],
    [
      "O4.2",
      "O4.2: {min: 0.985}",
      "key",
      "O4.2: supplier norm {min: 0.985} is weaker than the client's floor {min: 0.99} (lower minimum (0.985 < 0.99))",
    ],
    [
      "T2.2",
      "T2.2: {maxWorkingDays: 20}",
      "key",
      "T2.2: supplier norm {maxWorkingDays: 20} is weaker than the client's floor {maxWorkingDays: 15} (longer time)",
    ],
    [
      "T2.2",
      "T2.2: {maxWorkingDays: 10, share: 0.9}",
      "key",
      "T2.2: supplier norm {maxWorkingDays: 10, share: 0.9} is weaker than the client's floor {maxWorkingDays: 15} (lower share (0.9 < 1))",
    ],
    [
      "T2.2",
      "T2.2: {maxHours: 100}",
      "key",
      "T2.2: supplier norm {maxHours: 100} cannot be compared with the client's floor {maxWorkingDays: 15}: working days cannot be compared with clock time",
    ],
    [
      "O1.4",
      null,
      "root",
      "O1.4: no supplier norm (norm status 'supplier': appendix 12b must give one); catalog norm: none",
    ],
    [
      "O1.4",
      "O1.4: {min: 0.9}",
      "key",
      "O1.4: supplier norm {min: 0.9} is not the kind response measures (duration)",
    ],
    [
      "X9.9",
      "X9.9: {min: 0.9}",
      "key",
      "X9.9: unknown KPI (not in catalog sib-2026.1 or its changes); supplier norm {min: 0.9}",
    ],
  ])("rejects %s given as %s", (id, line, where, message) => {
    const text = withLine(id, line);
    const problems = checkSupplierNorms(catalog, normsOf(text));
    const lineNo = where === "root" ? 1 : text.split("\n").findIndex((l) => l.startsWith(`${id}:`)) + 1;
    expect(problems).toEqual([{ file: NORMS_FILE, path: `["${id}"]`, line: lineNo, column: 1, message }]);
  });

  it("counts a share left out as the configured default when comparing with a floor", () => {
    const norms = normsOf(withLine("T2.2", "T2.2: {maxWorkingDays: 10, share: 0.9}"));
    expect(checkSupplierNorms(catalog, norms, { defaultShare: 0.9 })).toEqual([]);
  });

  it("reports the file's own shape problems with line and a suggestion", () => {
    const { supplierNorms, problems } = parseSupplierNormsText(
      yaml("O1.4: {maxMinute: 240}", "O1.5: 480"),
      NORMS_FILE,
    );
    expect(supplierNorms).toBeNull();
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`)).toEqual([
      `1:8 ["O1.4"].maxMinute: unknown key 'maxMinute'; did you mean 'maxMinutes'?`,
      `2:7 ["O1.5"]: expected a mapping of keys to values, got a number`,
    ]);
  });
});

describe("kpiDefinitionsFor merges supplier norms and applies decision 1's share", () => {
  const norms = normsOf(EXAMPLE);
  const byId = (rules = { targetShareWithoutPercentage: 1 }, supplier = norms) =>
    Object.fromEntries(kpiDefinitionsFor(catalog, supplier, rules, AT).map((d) => [d.id, d]));

  it.each([
    ["O1.4", { kind: "duration", amount: 240, unit: "minutes", share: 0.95 }],
    ["O1.9", { kind: "duration", amount: 40, unit: "hours", share: 0.9 }],
    ["O2.1", { kind: "min", value: 0.9 }],
    ["O3.3", { kind: "min", value: 0.8 }],
    ["O3.1", { kind: "min", value: 0.8 }],
    ["T2.2", { kind: "duration", amount: 15, unit: "workingDays", share: 1 }],
    ["O1.2", { kind: "duration", amount: 15, unit: "minutes", share: 0.95 }],
  ])("%s", (id, norm) => {
    expect(byId()[id]?.norm).toEqual(norm);
  });

  it("a supplier KPI without a tendered norm has no norm", () => {
    expect(byId(undefined, normsOf(withLine("O1.5", null)))["O1.5"]?.norm).toBeNull();
  });

  it("norms without a percentage take contract.rules.targetShareWithoutPercentage", () => {
    const defs = byId({ targetShareWithoutPercentage: 0.9 });
    expect(defs["O1.6"]?.partNorms).toEqual({
      stabilisation: { kind: "duration", amount: 4, unit: "hours", share: 0.9 },
      definitive: { kind: "duration", amount: 48, unit: "hours", share: 0.9 },
    });
    expect([defs["T2.2"]?.norm, defs["T2.5"]?.norm, defs["T1.3"]?.norm]).toMatchObject([
      { share: 0.9 },
      { share: 0.9 },
      { share: 0.9 },
    ]);
    // Written with a percentage: untouched.
    expect([defs["O1.7"]?.norm, defs["T3.2"]?.norm]).toMatchObject([{ share: 0.95 }, { share: 1 }]);
  });

  it("gives the engine's definition shape, O1.10 without a single clock", () => {
    const defs = byId();
    expect(defs["O1.10"]).toEqual({
      id: "O1.10",
      goal: "O1",
      name: { nl: "Time-to-containment", en: "Time to containment" },
      measure: { rule: "containment" },
      norm: null,
      partNorms: {
        P1: { kind: "duration", amount: 4, unit: "hours", share: 1 },
        P2: { kind: "duration", amount: 24, unit: "hours", share: 1 },
      },
      clock: null,
      normStatus: "client",
      minimumRequirement: true,
      cadence: ["per-incident", "monthly"],
      meeting: "operational",
      agenda: "on-deviation",
    });
  });
});
