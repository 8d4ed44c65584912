/**
 * `report --period P [--format html|json|csv|md] [--out DIR] [--no-save]`: the period report of
 * interfaces.md. Config → store → records → the catalog version in force in the period (supplier
 * norms merged) → the report model → its figures saved to the store's BI tables (docs/bi.md) →
 * the asked formats. `periodReportFromStore` is shared with `demo` and the daemon.
 */
import type { Command } from "commander";
import type { Config } from "../../config/index.js";
import { ConfigError } from "../../config/index.js";
import {
  catalogVersionAt,
  clockPolicyFor,
  kpiDefinitionsFor,
  loadCatalog,
  loadSupplierNorms,
  validateContract,
} from "../../contract/index.js";
import { businessCalendar } from "../../engine/calendar/index.js";
import type { KpiInput, Period, PeriodKind } from "../../engine/kpi/types.js";
import {
  buildPeriodReport,
  PeriodError,
  type PeriodReport,
  parsePeriod,
  precedingPeriods,
  type ReportSetting,
  TICKET_LOOKBACK_MS,
} from "../../engine/report/index.js";
import { explainBadInstant, type Instant, parseInstant } from "../../model/instant.js";
import { renderJson } from "../../report/json.js";
import { parseReportFormats, type ReportFormat, writeReports } from "../../report/write.js";
import { openStore, StorageUnavailableError } from "../../store/index.js";
import type { Store } from "../../store/types.js";
import { commandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../errors.js";
import { type SaveOutcome, saveOutcomeText, saveReportUnlessNewer } from "./report-save.js";

/** Preceding periods shown in the trend charts when `--trend` is not given. */
export const DEFAULT_TREND: Record<PeriodKind, number> = { month: 6, quarter: 4, year: 2 };

interface ReportOptions {
  period: string;
  format?: string;
  out?: string;
  at?: string;
  trend?: string;
  /** false with --no-save */
  save: boolean;
}

export function registerReport(program: Command, globals: () => GlobalOptions): void {
  program
    .command("report")
    .description("the period report: KPI scores, contract deviations and the meeting agenda")
    .requiredOption("--period <period>", "a month (2026-03), a quarter (2026-Q1) or a year (2026)")
    .option("--format <formats>", "html | json | csv | md, or several comma-separated (default html)")
    .option("--out <dir>", "folder for the files (default ./out; json without --out goes to stdout)")
    .option("--at <time>", "report as known at this time, ISO 8601 with offset (default now)")
    .option("--trend <n>", "preceding periods in the trend charts (default 6 months, 4 quarters, 2 years)")
    .option("--no-save", "do not save the figures in the store's BI tables (docs/bi.md)")
    .action(async (opts: ReportOptions) => {
      const global = globals();
      // The program's own --format (text | json) takes the option wherever it stands.
      const formatText =
        opts.format ?? (program.getOptionValueSource("format") === "default" ? "html" : global.format);
      const formats = formatsArg(formatText ?? "html");
      const now = opts.at === undefined ? Date.now() : instantArg("--at", opts.at);
      const context = await commandContext({ ...global, format: "text" }, { needsFile: true });
      const period = periodArg(opts.period, context.config.contract.serviceWindow.timezone);
      const trendCount = trendArg(opts.trend, period.kind);
      const store = await openStoreOrUsage(context.config);
      let report: PeriodReport;
      let saved: SaveOutcome | null = null;
      try {
        report = await periodReportFromStore({
          config: context.config,
          configFile: context.configFile,
          store,
          period,
          now,
          trendCount,
        });
        if (opts.save) saved = await saveReportUnlessNewer(store, report);
      } finally {
        await store.close();
      }
      // JSON on stdout stays the documented object alone: nothing is said about saving there.
      if (opts.out === undefined && formats.length === 1 && formats[0] === "json") {
        process.stdout.write(renderJson(report));
        return;
      }
      for (const path of await writeReports(report, formats, opts.out ?? "./out")) context.out.text(path);
      if (saved !== null) context.out.text(saveOutcomeText(saved, report.period.label));
    });
}

export interface StoreReportRequest {
  config: Config;
  /** the config file, for problems found in the contract section; null for built-in defaults */
  configFile: string | null;
  store: Store;
  period: Period;
  now: Instant;
  /** preceding periods in the trends; default per kind (DEFAULT_TREND) */
  trendCount?: number;
}

/**
 * The report of a period from the records in a store, with the catalog version in force at the
 * period's start. Throws a ConfigError when the catalog or supplier norms are invalid.
 */
export async function periodReportFromStore(request: StoreReportRequest): Promise<PeriodReport> {
  const { config, configFile, store, period, now } = request;
  const { contract } = config;
  const problems = await validateContract({ contract, configFile });
  if (problems.length > 0) throw new ConfigError(problems);
  const catalog = await loadCatalog(contract.catalog);
  const supplierNorms =
    contract.supplierNorms === undefined ? null : await loadSupplierNorms(contract.supplierNorms);
  const calendar = businessCalendar({ serviceWindow: contract.serviceWindow, holidays: contract.holidays });
  const definitions = kpiDefinitionsFor(catalog, supplierNorms, contract.rules, period);
  const zone = contract.serviceWindow.timezone;
  const trendPeriods = precedingPeriods(period, request.trendCount ?? DEFAULT_TREND[period.kind], zone);
  return buildPeriodReport({
    period,
    definitions,
    catalogVersion: catalogVersionAt(catalog, period).version,
    input: await loadKpiInput(store, trendPeriods[0]?.start ?? period.start),
    calendar,
    policy: clockPolicyFor(definitions, contract.rules, calendar.serviceDayMs),
    rules: contract.rules,
    now,
    trendPeriods,
    settings: contractSettings(config),
  });
}

/**
 * The daemon's scheduled report: built, then saved to the BI tables before its files are written,
 * so a report whose files exist (what the daemon checks to catch up after downtime) is saved too.
 * Its `now` is the real clock, the latest knowledge there is, so it always replaces.
 */
export async function buildAndSaveReport(request: StoreReportRequest): Promise<PeriodReport> {
  const report = await periodReportFromStore(request);
  await request.store.saveReport(report);
  return report;
}

/**
 * Every record a report over periods starting at `since` can need. Finished tickets whose last
 * event lies more than TICKET_LOOKBACK_MS before it are left out: none of their cases can count
 * from `since` on (see engine/report/relevance.ts). Other records are few and read whole:
 * registers (improvements, exceptions, device snapshots) count old entries too.
 */
export async function loadKpiInput(store: Store, since: Instant): Promise<KpiInput> {
  return {
    tickets: await store.records("ticket", { activeSince: since - TICKET_LOOKBACK_MS }),
    devices: await store.records("device"),
    patches: await store.records("patch"),
    vulnerabilities: await store.records("vulnerability"),
    outages: await store.records("outage"),
    backupRuns: await store.records("backup-run"),
    restoreTests: await store.records("restore-test"),
    eolItems: await store.records("eol-item"),
    securityExceptions: await store.records("security-exception"),
    improvements: await store.records("improvement"),
    evidence: await store.records("evidence"),
  };
}

/** The contract settings only the config knows, stated at the top of the report's settings. */
function contractSettings(config: Config): ReportSetting[] {
  const { catalog, supplierNorms, serviceWindow, holidays } = config.contract;
  const list = (items: readonly string[]) => (items.length === 0 ? "none" : items.join(", "));
  return [
    { group: "contract", key: "catalog", value: catalog },
    { group: "contract", key: "supplierNorms", value: supplierNorms ?? "not set" },
    {
      group: "contract",
      key: "serviceWindow",
      value: `${serviceWindow.days.join(", ")} ${serviceWindow.from}–${serviceWindow.to} ${serviceWindow.timezone}`,
    },
    { group: "contract", key: "holidays.country", value: holidays.country },
    { group: "contract", key: "holidays.goodFriday", value: String(holidays.goodFriday) },
    { group: "contract", key: "holidays.liberationDay", value: holidays.liberationDay },
    { group: "contract", key: "holidays.workingDays", value: list(holidays.workingDays) },
    { group: "contract", key: "holidays.closedDays", value: list(holidays.closedDays) },
  ];
}

function formatsArg(text: string): ReportFormat[] {
  try {
    return parseReportFormats(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function periodArg(text: string, zone: string): Period {
  try {
    return parsePeriod(text, zone);
  } catch (error) {
    if (error instanceof PeriodError) throw new UsageError(`--period: ${error.message}`);
    throw error;
  }
}

function trendArg(text: string | undefined, kind: PeriodKind): number {
  if (text === undefined) return DEFAULT_TREND[kind];
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n > 60)
    throw new UsageError(`--trend must be a whole number 0–60, not "${text}"`);
  return n;
}

function instantArg(flag: string, value: string): Instant {
  const ms = parseInstant(value);
  if (ms === null) throw new UsageError(`${flag}: ${explainBadInstant(value)}`);
  return ms;
}

async function openStoreOrUsage(config: Config): Promise<Store> {
  try {
    return await openStore(config.storage);
  } catch (error) {
    if (error instanceof StorageUnavailableError) throw new UsageError(error.message);
    throw error;
  }
}
