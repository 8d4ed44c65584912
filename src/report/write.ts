/**
 * Writes a period report in the asked formats to a folder: the one function `report`, `demo` and
 * the scheduled reports share. Files are written under a temporary name and renamed, so a reader
 * (a mail job, a web server) never sees half a report.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { PeriodReport } from "../engine/report/model.js";
import { renderCasesCsv, renderKpiCsv } from "./csv.js";
import { renderHtml } from "./html/page.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";

export const REPORT_FORMATS = ["html", "json", "csv", "md"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** "html" / "json,md" → formats, in the order given without repeats; throws a RangeError naming the bad one. */
export function parseReportFormats(text: string): ReportFormat[] {
  const formats: ReportFormat[] = [];
  for (const item of text.split(",").map((s) => s.trim().toLowerCase())) {
    if (!(REPORT_FORMATS as readonly string[]).includes(item)) {
      throw new RangeError(
        `--format must be ${REPORT_FORMATS.join(", ")} (or several, comma-separated), not "${item}"`,
      );
    }
    if (!formats.includes(item as ReportFormat)) formats.push(item as ReportFormat);
  }
  return formats;
}

/** The base of every file name of a report: "sla-report-2026-03". */
export function reportBaseName(report: PeriodReport): string {
  return `sla-report-${report.period.label}`;
}

/**
 * Renders and writes the report; returns the absolute paths written, in format order (csv writes
 * two files: the KPI rows and the cases). Creates `outDir` when missing; replaces older files.
 */
export async function writeReports(
  report: PeriodReport,
  formats: readonly ReportFormat[],
  outDir: string,
): Promise<string[]> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const base = reportBaseName(report);
  const written: string[] = [];
  for (const format of formats) {
    for (const [suffix, content] of await render(report, format)) {
      const path = join(dir, `${base}${suffix}`);
      await writeAtomically(path, content);
      written.push(path);
    }
  }
  return written;
}

async function render(report: PeriodReport, format: ReportFormat): Promise<Array<[string, string]>> {
  switch (format) {
    case "html":
      return [[".html", await renderHtml(report)]];
    case "json":
      return [[".json", renderJson(report)]];
    case "md":
      return [[".md", renderMarkdown(report)]];
    case "csv":
      return [
        ["-kpis.csv", renderKpiCsv(report)],
        ["-cases.csv", renderCasesCsv(report)],
      ];
  }
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, "utf8");
  await rename(temporary, path);
}
