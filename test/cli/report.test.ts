import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../src/report/json.js";
import { openStore } from "../../src/store/index.js";
import { record, ticket } from "../store/records.js";
import { cli } from "./run-cli.js";

const AT = "2026-04-02T08:00:00+02:00";
// resolved now: a test below changes the working directory
const SUPPLIER_NORMS = resolve("config/supplier-norms.example.yaml");
const SAVED_MARCH = "results of 2026-03 saved in the store for BI tools (docs/bi.md)";
let dir = "";
let config = "";

/** A config with the built-in catalog, the example supplier norms and a store with a few tickets. */
async function workspace(): Promise<{ dir: string; config: string }> {
  const dir = mkdtempSync(join(tmpdir(), "cli-report-"));
  copyFileSync(SUPPLIER_NORMS, join(dir, "supplier-norms.yaml"));
  const config = join(dir, "sla-sentinel.yaml");
  writeFileSync(
    config,
    [
      "contract:",
      "  catalog: builtin:sib",
      "  supplierNorms: ./supplier-norms.yaml",
      "storage:",
      "  sqlite: ./data/sla.db",
      "",
    ].join("\n"),
  );
  const store = await openStore({ sqlite: join(dir, "data", "sla.db") });
  const reply = (at: string) => ({ at, type: "comment", visibleToCaller: true, automated: false });
  await store.upsert(
    [
      // P1 answered after 10 minutes: within O1.2's 15 minutes
      ticket(
        "I-1",
        [reply("2026-03-03T10:10:00+01:00"), { at: "2026-03-03T11:00:00+01:00", type: "resolved" }],
        {
          priority: "P1",
          createdAt: "2026-03-03T10:00:00+01:00",
        },
      ),
      // P2 answered after 3 business hours: O1.3 breached
      ticket(
        "I-2",
        [reply("2026-03-04T12:00:00+01:00"), { at: "2026-03-04T15:00:00+01:00", type: "resolved" }],
        {
          priority: "P2",
          createdAt: "2026-03-04T09:00:00+01:00",
        },
      ),
      record({
        kind: "outage",
        service: "servicedesk",
        start: "2026-03-10T10:00:00+01:00",
        end: "2026-03-10T10:30:00+01:00",
      }),
    ].map((r) => ({ connector: "test", record: r })),
  );
  await store.close();
  return { dir, config };
}

beforeAll(async () => {
  ({ dir, config } = await workspace());
});

describe("sla-sentinel report --format json", () => {
  it("prints the documented object for a month, bounds with their DST offsets", async () => {
    const run = await cli("-c", config, "report", "--period", "2026-03", "--format", "json", "--at", AT);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonReport;
    expect(Object.keys(json)).toEqual([
      "period",
      "catalogVersion",
      "kpis",
      "deviations",
      "agenda",
      "signals",
    ]);
    expect(json.period).toEqual({
      label: "2026-03",
      start: "2026-03-01T00:00:00+01:00",
      end: "2026-04-01T00:00:00+02:00",
    });
    expect(json.catalogVersion).toMatch(/^sib-/);
    const byId = new Map(json.kpis.map((k) => [k.id, k]));
    expect(byId.get("O1.2")).toMatchObject({
      name: "First response P1",
      score: 1,
      met: true,
      n: 1,
      minimumRequirement: true,
    });
    expect(byId.get("O1.3")).toMatchObject({ score: 0, met: false, n: 1, onAgenda: true });
    expect(byId.get("O1.5")).toMatchObject({ score: null, met: null, n: 0 });
    expect(json.deviations).toContain("O1.3");
    expect(json.agenda.operational).toContain("O1.3");
    // M15: a month report holds only monthly KPIs (no quarterly T1.2, no yearly S2.1)
    expect(byId.has("T1.2")).toBe(false);
    expect(byId.has("S2.1")).toBe(false);
    for (const kpi of json.kpis)
      expect(Object.keys(kpi)).toEqual([
        "id",
        "name",
        "score",
        "target",
        "met",
        "n",
        "minimumRequirement",
        "onAgenda",
        "parts",
      ]);
  });

  it("holds the quarterly KPIs in a quarter report", async () => {
    const run = await cli("-c", config, "report", "--period", "2026-Q1", "--format", "json", "--at", AT);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonReport;
    expect(json.period.end).toBe("2026-04-01T00:00:00+02:00");
    const ids = json.kpis.map((k) => k.id);
    expect(ids).toContain("T1.2");
    expect(ids).toContain("O1.2");
    expect(ids).not.toContain("S2.1");
  });
});

describe("sla-sentinel report to files", () => {
  it("writes html, csv and md to --out and prints the paths", async () => {
    const out = join(dir, "reports");
    const run = await cli(
      "-c",
      config,
      "report",
      "--period",
      "2026-03",
      "--format",
      "html,csv,md",
      "--out",
      out,
      "--at",
      AT,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines.at(-1)).toBe(SAVED_MARCH);
    const paths = lines.slice(0, -1);
    expect(paths).toEqual(
      [
        "sla-report-2026-03.html",
        "sla-report-2026-03-kpis.csv",
        "sla-report-2026-03-cases.csv",
        "sla-report-2026-03.md",
      ].map((f) => join(out, f)),
    );
    for (const path of paths) expect(existsSync(path)).toBe(true);
    const html = readFileSync(join(out, "sla-report-2026-03.html"), "utf8");
    expect(html).toContain('data-kpi="O1.3" data-status="not-met"');
    expect(readFileSync(join(out, "sla-report-2026-03-cases.csv"), "utf8")).toContain(
      "2026-03,O1.3,,I-2,topdesk,breached",
    );
  });

  it("writes json to a file when --out is given, and html to ./out by default", async () => {
    const work = join(dir, "cwd");
    mkdirSync(work, { recursive: true });
    process.chdir(work);
    const json = await cli(
      "-c",
      config,
      "report",
      "--period",
      "2026-03",
      "--format",
      "json",
      "--out",
      "j",
      "--at",
      AT,
    );
    expect(json.stdout.trim().split("\n")).toEqual([join(work, "j", "sla-report-2026-03.json"), SAVED_MARCH]);
    const html = await cli("-c", config, "report", "--period", "2026-03", "--at", AT);
    expect(html.code).toBe(0);
    expect(html.stdout.trim().split("\n")).toEqual([
      join(work, "out", "sla-report-2026-03.html"),
      SAVED_MARCH,
    ]);
  });
});

describe("sla-sentinel report saves its figures for BI tools", () => {
  const storeFile = (ws: { dir: string }) => join(ws.dir, "data", "sla.db");

  async function saved(ws: { dir: string }) {
    const store = await openStore({ sqlite: storeFile(ws) });
    try {
      return await store.savedReports();
    } finally {
      await store.close();
    }
  }

  function query(ws: { dir: string }, sql: string): unknown[] {
    const db = new BetterSqlite3(storeFile(ws), { readonly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  }

  it("saves the period's KPIs and cases, also when the JSON goes to stdout", async () => {
    const ws = await workspace();
    const run = await cli("-c", ws.config, "report", "--period", "2026-03", "--format", "json", "--at", AT);
    expect(run.code).toBe(0);
    // stdout is the JSON object alone
    const json = JSON.parse(run.stdout) as JsonReport;
    const summaries = await saved(ws);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      period: "2026-03",
      kind: "month",
      start: Date.parse("2026-03-01T00:00:00+01:00"),
      end: Date.parse("2026-04-01T00:00:00+02:00"),
      catalogVersion: json.catalogVersion,
      generatedAt: Date.parse(AT),
      periodComplete: true,
      kpis: json.kpis.length,
    });
    expect(
      query(
        ws,
        "SELECT kpi, score_pct, status, n FROM kpi_latest WHERE kpi IN ('O1.2', 'O1.3') ORDER BY kpi",
      ),
    ).toEqual([
      { kpi: "O1.2", score_pct: 100, status: "met", n: 1 },
      { kpi: "O1.3", score_pct: 0, status: "not-met", n: 1 },
    ]);
    expect(query(ws, "SELECT kpi, case_id, source FROM kpi_breached_cases WHERE kpi = 'O1.3'")).toEqual([
      { kpi: "O1.3", case_id: "I-2", source: "topdesk" },
    ]);
  });

  it("saves nothing with --no-save, and says nothing about it", async () => {
    const ws = await workspace();
    const out = join(ws.dir, "out");
    const run = await cli(
      "-c",
      ws.config,
      "report",
      "--period",
      "2026-03",
      "--out",
      out,
      "--at",
      AT,
      "--no-save",
    );
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual([join(out, "sla-report-2026-03.html")]);
    expect(await saved(ws)).toEqual([]);
  });

  it("does not replace figures generated later with a report --at an earlier moment", async () => {
    const ws = await workspace();
    const out = join(ws.dir, "out");
    const report = (at: string) =>
      cli("-c", ws.config, "report", "--period", "2026-03", "--out", out, "--at", at);
    expect((await report(AT)).code).toBe(0);
    // mid-March: O1.3's breach of the 4th is already known, the period not complete
    const earlier = await report("2026-03-20T12:00:00+01:00");
    expect(earlier.code).toBe(0);
    expect(earlier.stdout.trim().split("\n").at(-1)).toBe(
      "results of 2026-03 not saved: the store holds figures generated later (2026-04-02T06:00:00.000Z); the BI tables are unchanged",
    );
    expect((await saved(ws)).map((s) => [s.generatedAt, s.periodComplete])).toEqual([[Date.parse(AT), true]]);
    const later = await report("2026-04-03T08:00:00+02:00");
    expect(later.stdout.trim().split("\n").at(-1)).toBe(SAVED_MARCH);
    expect((await saved(ws)).map((s) => s.generatedAt)).toEqual([Date.parse("2026-04-03T06:00:00Z")]);
  });
});

describe("sla-sentinel report errors", () => {
  it.each([
    [["--period", "2026-13"], /--period: period "2026-13": month 13 does not exist/],
    [
      ["--period", "March"],
      /--period: period "March" is not a month \(2026-03\), a quarter \(2026-Q1\) or a year \(2026\)/,
    ],
    [["--period", "2026-03", "--format", "pdf"], /--format must be html, json, csv, md/],
    [["--period", "2026-03", "--at", "2026-04-02 08:00"], /--at: timestamp "2026-04-02 08:00" has no offset/],
    [["--period", "2026-03", "--trend", "-1"], /--trend must be a whole number/],
  ])("exits 2 for %j", async (args, message) => {
    const run = await cli("-c", config, "report", ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it("exits 2 without a config file", async () => {
    const run = await cli("-c", join(dir, "missing.yaml"), "report", "--period", "2026-03");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing\.yaml does not exist/);
  });

  it("exits 2 when the supplier norms are invalid, naming the file", async () => {
    const bad = join(dir, "bad");
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, "supplier-norms.yaml"), "O1.2: {maxMinutes: 30}\n");
    writeFileSync(
      join(bad, "c.yaml"),
      "contract:\n  supplierNorms: ./supplier-norms.yaml\nstorage:\n  sqlite: ./db.sqlite\n",
    );
    const run = await cli("-c", join(bad, "c.yaml"), "report", "--period", "2026-03");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("supplier-norms.yaml");
  });

  it("exits 1 when the run fails (the store cannot be opened)", async () => {
    const broken = join(dir, "broken");
    mkdirSync(join(broken, "db-is-a-folder"), { recursive: true });
    writeFileSync(join(broken, "c.yaml"), "storage:\n  sqlite: ./db-is-a-folder\n");
    const run = await cli("-c", join(broken, "c.yaml"), "report", "--period", "2026-03");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^sla-sentinel: /);
  });
});
