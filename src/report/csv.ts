/**
 * The period report as CSV (RFC 4180: comma, CRLF, quotes doubled): one file with a row per KPI
 * and per part, and one with a row per case of every KPI's population, so each figure can be
 * recomputed in a spreadsheet. Ratios stay ratios (0–1); instants carry the zone's offset.
 */
import type { PeriodReport } from "../engine/report/model.js";
import { instantFormatter } from "../engine/report/period.js";
import { partNormText } from "./format.js";

export const KPI_COLUMNS = [
  "period",
  "kpi",
  "part",
  "goal",
  "name_en",
  "name_nl",
  "norm",
  "score",
  "target",
  "met",
  "n",
  "minimum_requirement",
  "deviation",
  "on_agenda",
  "meeting",
  "provisional",
] as const;

export const CASE_COLUMNS = [
  "period",
  "kpi",
  "part",
  "case",
  "source",
  "verdict",
  "value",
  "deadline",
  "stopped_at",
  "note",
] as const;

type Cell = string | number | boolean | null;

/** One row per KPI (part empty) followed by one row per part of it. */
export function renderKpiCsv(report: PeriodReport): string {
  const rows: Cell[][] = [[...KPI_COLUMNS]];
  const label = report.period.label;
  for (const kpi of report.kpis) {
    const common = [kpi.goal, kpi.name.en, kpi.name.nl];
    rows.push([
      label,
      kpi.id,
      "",
      ...common,
      kpi.normText,
      kpi.score,
      kpi.target,
      kpi.met,
      kpi.n,
      kpi.minimumRequirement,
      kpi.deviation,
      kpi.onAgenda,
      kpi.meeting,
      kpi.provisional,
    ]);
    for (const part of kpi.parts) {
      rows.push([
        label,
        kpi.id,
        part.name,
        ...common,
        partNormText(kpi, part.name),
        part.score,
        part.target,
        part.met,
        part.n,
        kpi.minimumRequirement,
        kpi.minimumRequirement && part.met === false,
        kpi.onAgenda,
        kpi.meeting,
        kpi.provisional,
      ]);
    }
  }
  return toCsv(rows);
}

/** One row per case of every KPI of the period: the evidence behind each figure. */
export function renderCasesCsv(report: PeriodReport): string {
  const rows: Cell[][] = [[...CASE_COLUMNS]];
  const format = instantFormatter(report.zone);
  for (const kpi of report.kpis) {
    for (const c of kpi.cases) {
      rows.push([
        report.period.label,
        kpi.id,
        c.part ?? "",
        c.id,
        c.source ?? "",
        c.verdict,
        c.value,
        c.deadline === null ? "" : format(c.deadline),
        c.stoppedAt === null ? "" : format(c.stoppedAt),
        c.note ?? "",
      ]);
    }
  }
  return toCsv(rows);
}

function toCsv(rows: readonly Cell[][]): string {
  return rows
    .map((row) => row.map(csvCell).join(","))
    .join("\r\n")
    .concat("\r\n");
}

/**
 * A cell: numbers as they are (ratios to 6 decimals), booleans as true/false, null as empty.
 * Text that a spreadsheet would run as a formula (= + - @ at the start) gets a leading apostrophe
 * (OWASP "CSV injection"): case ids and notes come from outside systems.
 */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(Math.round(value * 1_000_000) / 1_000_000);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
