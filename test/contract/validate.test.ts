import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { validateContract } from "../../src/contract/index.js";
import { CONSENT, O14, O33, smallCatalog, yaml } from "./helpers.js";

const EXAMPLE_NORMS = new URL("../../config/supplier-norms.example.yaml", import.meta.url).pathname;

/** Writes the files into a fresh folder and validates the config's contract section as `validate` would. */
async function validateFiles(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), "validate-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const configFile = join(dir, "config.yaml");
  const config = await loadConfig(configFile, {});
  const problems = await validateContract({ contract: config.contract, configFile });
  return {
    dir,
    problems: problems.map((p) => `${p.file.replace(dir, "DIR")}:${p.line ?? "-"} ${p.path}: ${p.message}`),
  };
}

describe("validateContract", () => {
  it("finds nothing wrong with the built-in catalog, the example supplier norms and the default window", async () => {
    const { problems } = await validateFiles({
      "config.yaml": yaml("contract:", "  catalog: builtin:sib", `  supplierNorms: ${EXAMPLE_NORMS}`),
    });
    expect(problems).toEqual([]);
  });

  it("asks for supplier norms when no file is configured, one problem per supplier KPI", async () => {
    const { problems } = await validateFiles({ "config.yaml": yaml("contract:", "  catalog: builtin:sib") });
    expect(problems).toEqual(
      ["O1.4", "O1.5", "O1.8", "O1.9", "O2.1", "O2.2"].map(
        (id) =>
          `DIR/config.yaml:- contract.supplierNorms: ${id}: no supplier norm (norm status 'supplier': appendix 12b must give one); catalog norm: none`,
      ),
    );
  });

  it("lists catalog, supplier-norm, version and minimum-requirement problems together, each with its file", async () => {
    const catalog = smallCatalog({
      kpis: [O33, O14],
      changes: [
        '  - effectiveFrom: "2027-02-01"',
        ...CONSENT,
        "    kpi: O3.3",
        "    old: {min: 0.75}",
        "    new: {min: 0.8}",
      ],
    });
    const { problems } = await validateFiles({
      "config.yaml": yaml(
        "contract:",
        "  catalog: ./catalog.yaml",
        "  supplierNorms: ./norms.yaml",
        '  serviceWindow: {from: "09:00"}',
      ),
      "catalog.yaml": catalog,
      "norms.yaml": yaml("O3.3: {min: 0.7}", "O1.2: {maxMinutes: 10}"),
    });
    expect(problems).toEqual([
      "DIR/catalog.yaml:27 changes[0].effectiveFrom: 2027-02-01 starts mid-quarter: a change takes effect on a quarter boundary (1 January, 1 April, 1 July or 1 October, 00:00 in Europe/Amsterdam; the next is 2027-04-01), appendix 12a §2.2",
      `DIR/norms.yaml:1 ["O1.4"]: O1.4: no supplier norm (norm status 'supplier': appendix 12b must give one); catalog norm: none`,
      `DIR/norms.yaml:1 ["O3.3"]: O3.3: supplier norm {min: 0.7} is weaker than the client's floor {min: 0.75} (lower minimum (0.7 < 0.75))`,
      `DIR/norms.yaml:2 ["O1.2"]: O1.2: unknown KPI (not in catalog test-2026.1 or its changes); supplier norm {maxMinutes: 10}`,
      "DIR/config.yaml:4 contract.serviceWindow.from: service window 09:00–18:00 starts after 08:00: the minimum is 08:00–18:00 on working days (mon–fri) (appendix 12a §3)",
    ]);
  });

  it("reports an unreadable catalog and supplier-norms file without throwing", async () => {
    const { problems } = await validateFiles({
      "config.yaml": yaml("contract:", "  catalog: ./missing.yaml", "  supplierNorms: ./gone.yaml"),
    });
    expect(problems).toEqual(["DIR/missing.yaml:- : file not found", "DIR/gone.yaml:- : file not found"]);
  });

  it("flags config that loosens the built-in O1.11 cadence, on the config's line", async () => {
    const { problems } = await validateFiles({
      "config.yaml": yaml(
        "contract:",
        `  supplierNorms: ${EXAMPLE_NORMS}`,
        "  rules:",
        "    majorUpdates:",
        "      firstMinutes: 45",
      ),
    });
    expect(problems).toEqual([
      "DIR/config.yaml:5 contract.rules.majorUpdates.firstMinutes: O1.11: first update 45 min is longer than the contract's 30 min: config may ask for updates sooner, never later",
    ]);
  });
});
