import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReportFormats, reportBaseName, writeReports } from "../../src/report/write.js";
import { fixtureReport } from "../engine/report/fixture.js";

describe("parseReportFormats", () => {
  it.each([
    ["html", ["html"]],
    ["json,md", ["json", "md"]],
    [" CSV , html,csv", ["csv", "html"]],
  ])("%j → %j", (text, formats) => {
    expect(parseReportFormats(text)).toEqual(formats);
  });

  it.each(["pdf", "html,,md", "text", ""])("rejects %j naming the accepted formats", (text) => {
    expect(() => parseReportFormats(text)).toThrow(/--format must be html, json, csv, md/);
  });
});

describe("writeReports", () => {
  it("writes every format under the period's name, creating the folder, and returns the paths", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "write-reports-")), "nested", "out");
    const report = fixtureReport("2026-03");
    const paths = await writeReports(report, ["json", "csv", "md", "html"], dir);
    const names = [
      "sla-report-2026-03.json",
      "sla-report-2026-03-kpis.csv",
      "sla-report-2026-03-cases.csv",
      "sla-report-2026-03.md",
      "sla-report-2026-03.html",
    ];
    expect(paths).toEqual(names.map((n) => join(dir, n)));
    expect(readdirSync(dir).sort()).toEqual([...names].sort()); // no temporary files left behind
    expect(JSON.parse(readFileSync(join(dir, "sla-report-2026-03.json"), "utf8")).period.label).toBe(
      "2026-03",
    );
    expect(readFileSync(join(dir, "sla-report-2026-03.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
    expect(reportBaseName(report)).toBe("sla-report-2026-03");
  });

  it("replaces the files of an earlier run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "write-reports-"));
    await writeReports(fixtureReport("2026-03"), ["md"], dir);
    const again = fixtureReport("2026-03");
    again.catalogVersion = "sib-2026.2";
    await writeReports(again, ["md"], dir);
    expect(readFileSync(join(dir, "sla-report-2026-03.md"), "utf8")).toContain("catalog sib-2026.2");
  });
});
