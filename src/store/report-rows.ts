/**
 * A period report as the rows of the BI tables (docs/bi.md): `report_periods`, `kpi_results`,
 * `kpi_part_results` and `kpi_cases`, and of its signals section `signal_results`,
 * `signal_cases` and `signal_norm_edges`. Backend-neutral, like a dump: instants as epoch
 * milliseconds, scores as stored numbers (a ratio 0–1 or a count, `scoreUnit` says which). The
 * SQLite and PostgreSQL writers turn these into their own column types.
 */
import type { KpiReport, PeriodReport } from "../engine/report/model.js";
import type { SignalReport, SignalsSection } from "../engine/signals/types.js";
import type { Instant } from "../model/instant.js";
import { kpiIsCount, partIsCount, partNormText } from "../report/format.js";
import type {
  KpiCaseRow,
  KpiResultRow,
  PeriodReportRows,
  ReportPeriodRow,
  SavedReportSummary,
  SignalResultRow,
} from "./types.js";

/**
 * Every figure of the report, the trends, notes and the signals' experience tables aside (each
 * period stores its own figures; the JSON report holds the rest).
 */
export function reportToRows(report: PeriodReport): PeriodReportRows {
  const { period } = report;
  const label = period.label;
  const rows: PeriodReportRows = {
    period: {
      period: label,
      kind: period.kind,
      start: period.start,
      end: period.end,
      zone: report.zone,
      catalogVersion: report.catalogVersion,
      generatedAt: report.generatedAt,
      periodComplete: report.periodComplete,
    },
    kpis: [],
    parts: [],
    cases: [],
    signals: [],
    signalCases: [],
    normEdges: [],
  };
  report.kpis.forEach((kpi, kpiSeq) => {
    const where = `report ${label}, KPI ${kpi.id}`;
    rows.kpis.push(kpiRow(label, kpi, kpiSeq, where));
    kpi.parts.forEach((part, seq) => {
      rows.parts.push({
        period: label,
        kpi: kpi.id,
        part: part.name,
        seq,
        normText: partNormText(kpi, part.name),
        scoreUnit: partIsCount(kpi, part.name) ? "count" : "ratio",
        score: finiteOrNull(part.score, `${where}, part ${part.name}: score`),
        target: finiteOrNull(part.target, `${where}, part ${part.name}: target`),
        met: part.met,
        n: part.n,
      });
    });
    pushCases(rows.cases, label, kpi, where);
  });
  if (report.signals !== undefined) pushSignals(rows, label, report.signals);
  return rows;
}

function kpiRow(label: string, kpi: KpiReport, seq: number, where: string): KpiResultRow {
  return {
    period: label,
    kpi: kpi.id,
    seq,
    goal: kpi.goal,
    nameNl: kpi.name.nl,
    nameEn: kpi.name.en,
    normText: kpi.normText,
    scoreUnit: kpiIsCount(kpi) ? "count" : "ratio",
    score: finiteOrNull(kpi.score, `${where}: score`),
    target: finiteOrNull(kpi.target, `${where}: target`),
    met: kpi.met,
    n: kpi.n,
    minimumRequirement: kpi.minimumRequirement,
    deviation: kpi.deviation,
    onAgenda: kpi.onAgenda,
    meeting: kpi.meeting,
    provisional: kpi.provisional,
  };
}

/** A quarter holds some 200,000 cases: a plain loop, and optional fields read once. */
function pushCases(into: KpiCaseRow[], label: string, kpi: KpiReport, where: string): void {
  const { cases } = kpi;
  for (let seq = 0; seq < cases.length; seq++) {
    const c = cases[seq] as KpiReport["cases"][number];
    // The message is built only on failure: this runs once per case.
    if (notFinite(c.value) || notFinite(c.deadline) || notFinite(c.stoppedAt)) {
      throw new RangeError(
        `${where}, case ${c.id}: value, deadline and stoppedAt must be finite numbers or null (${c.value}, ${c.deadline}, ${c.stoppedAt})`,
      );
    }
    into.push({
      period: label,
      kpi: kpi.id,
      seq,
      caseId: c.id,
      source: c.source ?? null,
      part: c.part ?? null,
      value: c.value,
      deadline: c.deadline,
      stoppedAt: c.stoppedAt,
      verdict: c.verdict,
      note: c.note ?? null,
    });
  }
}

function pushSignals(rows: PeriodReportRows, label: string, section: SignalsSection): void {
  section.signals.forEach((signal, rank) => {
    const where = `report ${label}, signal ${signal.id}`;
    rows.signals.push(signalRow(label, signal, rank, section.minPopulation, where));
    signal.cases.forEach((c, seq) => {
      const first = c.instants[0];
      const last = c.instants[c.instants.length - 1];
      for (const { what, at } of c.instants) finiteOrNull(at, `${where}, case ${c.id}: instant "${what}"`);
      rows.signalCases.push({
        period: label,
        signal: signal.id,
        seq,
        caseId: c.id,
        source: c.source,
        note: c.note,
        firstAt: first?.at ?? null,
        lastAt: last?.at ?? null,
      });
    });
  });
  section.normEdges.forEach((distribution, seq) => {
    const where = `report ${label}, norm edges ${distribution.clock} ${distribution.priority}`;
    distribution.buckets.forEach((b, bucket) => {
      rows.normEdges.push({
        period: label,
        clock: distribution.clock,
        priority: distribution.priority,
        seq,
        bucket,
        from: finiteOrNull(b.from, `${where}, bucket ${bucket}: from`),
        to: finiteOrNull(b.to, `${where}, bucket ${bucket}: to`),
        count: b.count,
      });
    });
  });
}

function signalRow(
  label: string,
  signal: SignalReport,
  rank: number,
  minPopulation: number,
  where: string,
): SignalResultRow {
  return {
    period: label,
    signal: signal.id,
    rank,
    group: signal.group,
    title: signal.title,
    definition: signal.definition,
    value: finiteOrNull(signal.value, `${where}: value`),
    n: signal.n,
    hits: signal.hits,
    minPopulation,
    baseline: finiteOrNull(signal.baseline, `${where}: baseline`),
    baselinePeriods: signal.baselinePeriods,
    deviation: finiteOrNull(signal.deviation, `${where}: deviation`),
    maxRise: finiteOrNull(signal.maxRise, `${where}: maxRise`),
    ceiling: finiteOrNull(signal.ceiling, `${where}: ceiling`),
    flagged: signal.flagged,
    flaggedBy: signal.flaggedBy.length === 0 ? null : signal.flaggedBy.join(","),
    suggestedMeasure: signal.suggestedMeasure,
  };
}

/**
 * SQLite would store NaN as NULL ("no data") and PostgreSQL as 'NaN': neither is a figure, so a
 * scorer that produced one is stopped here, by name.
 */
function finiteOrNull<T extends number | null>(value: T, what: string): T {
  if (notFinite(value)) throw new RangeError(`${what} is not a finite number (${value})`);
  return value;
}

function notFinite(value: number | null): boolean {
  return value !== null && !Number.isFinite(value);
}

/** What `savedReports()` lists of a stored period: its row and how many KPIs, cases and signals it holds. */
export function savedReportSummary(
  row: ReportPeriodRow,
  counts: { kpis: number; cases: number; signals: number },
): SavedReportSummary {
  return {
    period: row.period,
    kind: row.kind,
    start: row.start,
    end: row.end,
    catalogVersion: row.catalogVersion,
    generatedAt: row.generatedAt,
    periodComplete: row.periodComplete,
    kpis: counts.kpis,
    cases: counts.cases,
    signals: counts.signals,
  };
}

/**
 * An instant as the BI tables write it: ISO 8601 in UTC with milliseconds and `Z`
 * ("2026-03-01T00:00:00.000Z"), fixed width so text order is time order.
 */
export function isoInstant(at: Instant): string {
  return new Date(at).toISOString();
}

/** The inverse of `isoInstant`, exact to the millisecond. */
export function instantFromIso(text: string): Instant {
  return Date.parse(text);
}
