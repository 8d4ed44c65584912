import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/index.js";
import { loadCatalog, parseCatalogText } from "../../src/contract/index.js";
import { CATALOG_FILE, O14, O33, smallCatalog, yaml } from "./helpers.js";

/** O3.3 with one line replaced (index into O33) or appended. */
function o33With(index: number, line: string): string[] {
  const lines = [...O33];
  lines.splice(index, index < lines.length ? 1 : 0, line);
  return lines;
}

type Expected = { path: string; line: number; message: string };

describe("a catalog file: every problem with path and line", () => {
  it.each<[string, string, Expected]>([
    [
      "unknown key, with a suggestion",
      smallCatalog({ kpis: [o33With(11, "    normstatus: client")] }),
      {
        path: "kpis[0].normstatus",
        line: 15,
        message: "unknown key 'normstatus'; did you mean 'normStatus'?",
      },
    ],
    [
      "a norm with two measures",
      smallCatalog({ kpis: [o33With(5, "    norm: {min: 0.75, max: 0.9}")] }),
      { path: "kpis[0].norm", line: 9, message: "a norm has one measure, this one has min and max" },
    ],
    [
      "share beside a ratio",
      smallCatalog({ kpis: [o33With(5, "    norm: {min: 0.75, share: 0.9}")] }),
      { path: "kpis[0].norm.share", line: 9, message: "share goes only with a duration, not with min" },
    ],
    [
      "a share above 1",
      smallCatalog({ kpis: [o33With(5, "    norm: {maxHours: 4, share: 95}")] }),
      {
        path: "kpis[0].norm.share",
        line: 9,
        message: "must be a share between 0 (exclusive) and 1, e.g. 0.95",
      },
    ],
    [
      "a norm that does not fit the measure",
      smallCatalog({ kpis: [o33With(5, "    norm: {maxHours: 4}"), ["    clock: business"]] }),
      { path: "kpis[0].norm", line: 9, message: "O3.3: measure csat needs a {min} norm" },
    ],
    [
      "an unknown measure rule",
      smallCatalog({ kpis: [o33With(4, "    measure: {rule: happiness}")] }),
      {
        path: "kpis[0].measure.rule",
        line: 8,
        message: expect.stringContaining("expected one of: 'response', 'resolution', 'availability'"),
      },
    ],
    [
      "a supplier KPI with a norm",
      smallCatalog({ kpis: [[...O14, "    norm: {maxHours: 4}"]] }),
      {
        path: "kpis[0].norm",
        line: 15,
        message: expect.stringContaining("O1.4: a supplier KPI has no norm in the catalog"),
      },
    ],
    [
      "a client KPI without a norm",
      smallCatalog({
        kpis: [o33With(5, "    clock: clock").map((l) => l.replace("minimum+supplier", "client"))],
      }),
      { path: "kpis[0].norm", line: 4, message: "O3.3: needs a norm" },
    ],
    [
      "a duration without a clock",
      smallCatalog({
        kpis: [
          [
            ...O14.filter((l) => !l.includes("clock")).map((l) => l.replace("supplier", "client")),
            "    norm: {maxHours: 4}",
          ],
        ],
      }),
      {
        path: "kpis[0].clock",
        line: 4,
        message: "O1.4: a duration norm needs a clock: clock, business or by-priority",
      },
    ],
    [
      "working days on the clock",
      smallCatalog({
        kpis: [
          [
            ...O14.map((l) => l.replace("supplier", "client").replace("business", "clock")),
            "    norm: {maxWorkingDays: 2}",
          ],
        ],
      }),
      {
        path: "kpis[0].clock",
        line: 9,
        message: "O1.4: working days are counted on the business clock; set clock: business",
      },
    ],
    [
      "a missing part",
      yaml(
        "version: t-2026.1",
        'validFrom: "2026-01-01"',
        "kpis:",
        "  - {id: T2.6, goal: T2, name: {nl: Backlog ouderdom, en: Backlog age}, definition: x, measure: {rule: backlog-age},",
        "     parts: {share: {max: 0.05}}, normStatus: client, minimumRequirement: true, cadence: [monthly], meeting: operational, agenda: on-deviation}",
      ),
      { path: "kpis[0].parts", line: 5, message: "T2.6: missing part(s) count" },
    ],
    [
      "an id listed twice",
      smallCatalog({ kpis: [O33, O33] }),
      { path: "kpis[1].id", line: 15, message: "O3.3: listed twice" },
    ],
    [
      "a base that starts mid-quarter",
      smallCatalog().replace('validFrom: "2026-01-01"', 'validFrom: "2026-02-01"'),
      {
        path: "validFrom",
        line: 2,
        message:
          "2026-02-01 is not the start of a quarter (1 January, 1 April, 1 July or 1 October, 00:00 in Europe/Amsterdam)",
      },
    ],
  ])("%s", (_name, text, expected) => {
    const { problems } = parseCatalogText(text, CATALOG_FILE);
    expect(problems).toEqual([expect.objectContaining({ file: CATALOG_FILE, ...expected })]);
  });

  it("reports every problem at once, not the first", () => {
    const text = smallCatalog({
      kpis: [o33With(5, "    norm: {min: -1}"), o33With(7, "    minimumRequirement: maybe")],
    });
    const { problems } = parseCatalogText(text, CATALOG_FILE);
    expect(problems.map((p) => `${p.line} ${p.path}: ${p.message}`)).toEqual([
      "9 kpis[0].norm.min: must be ≥ 0",
      "22 kpis[1].minimumRequirement: expected true or false, got text",
    ]);
  });
});

describe("loadCatalog", () => {
  it("loads a user's own catalog file in the same schema", async () => {
    const dir = await mkdtemp(join(tmpdir(), "catalog-"));
    const file = join(dir, "own.yaml");
    await writeFile(file, smallCatalog());
    const catalog = await loadCatalog(file);
    expect(catalog.versions[0]?.kpis.map((kpi) => kpi.id)).toEqual(["O3.3", "O1.4"]);
    expect(catalog.site.file).toBe(file);
  });

  it.each([
    ["a missing file", "/nonexistent/catalog.yaml", "/nonexistent/catalog.yaml: file not found"],
    ["an unknown built-in", "builtin:acme", "builtin:acme: unknown built-in catalog (built in: builtin:sib)"],
  ])("throws a ConfigError for %s", async (_name, ref, line) => {
    const error = await loadCatalog(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(line);
  });
});
