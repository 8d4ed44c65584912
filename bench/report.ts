/**
 * Report benchmark: the quarter report `report --period 2026-Q1` makes (`periodReportFromStore`,
 * with its default four trend quarters) over a store of 200,000 demo tickets and the other record
 * kinds, in a SQLite file or a PostgreSQL schema (bench/backends.ts). Budget (the issue), SQLite:
 * ≤ 5 s and ≤ 1.5 GiB peak RSS; PostgreSQL: see BUDGETS. Also measured: how much of the time
 * reading the store takes (and of that, `JSON.parse` of the stored bodies), and, on SQLite only
 * (scoring never touches the store), each KPI's own scoring cost at 50,000, 100,000 and 200,000
 * tickets, which must grow linearly.
 *
 * Worker threads keep the figures honest: the store is built in one (not timed), so that the
 * generator's garbage is gone before anything is measured, and each report runs in a fresh one,
 * as cold as a `report` command (nothing compiled, no calendar tables yet). RSS is process-wide
 * and sampled in yet another worker: the report is synchronous work that would starve a timer
 * on its own thread.
 */
import { once } from "node:events";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { DateTime } from "luxon";
import type { z } from "zod";
import { DEFAULT_TREND, loadKpiInput, periodReportFromStore } from "../src/cli/commands/report.js";
import { type Config, parseConfigText } from "../src/config/index.js";
import { clockPolicyFor, kpiDefinitionsFor, loadCatalog, loadSupplierNorms } from "../src/contract/index.js";
import { generateDemoRecords, STANDARD_CHANGE_LEAD_TIMES } from "../src/demo/index.js";
import { businessCalendar } from "../src/engine/calendar/index.js";
import { kpiScorers } from "../src/engine/kpi/scorers.js";
import { createTicketAnalyses, type TicketScoringContext } from "../src/engine/kpi/tickets/index.js";
import type { KpiDefinition, KpiInput, KpiScorer, Period } from "../src/engine/kpi/types.js";
import {
  kpisForPeriod,
  parsePeriod,
  precedingPeriods,
  TICKET_LOOKBACK_MS,
} from "../src/engine/report/index.js";
import { type CanonicalRecord, schemaByKind } from "../src/model/schema.js";
import { openStore } from "../src/store/open-store.js";
import type { StorageConfig, Store } from "../src/store/types.js";
import type { BenchBackend, BenchStore } from "./backends.js";
import { startRssSampler } from "./rss-sampler.js";
import type { Bench, BenchSection } from "./types.js";

const TICKETS = 200_000;
const SIZES = [50_000, 100_000, 200_000] as const;
const ZONE = "Europe/Amsterdam";
const NOW = "2026-04-15T12:00:00+02:00";
const PERIOD = "2026-Q1";
/** From mid-December 2024: the report's oldest trend quarter (2025-Q1) and its look-back hold every ticket. */
const MONTHS = 16;
const SEED = 20260415;
/** On the median of the runs with trends, and the highest peak RSS. */
const BUDGETS: Record<BenchBackend["id"], { ms: number; rss: number; why?: string }> = {
  sqlite: { ms: 5_000, rss: 1.5 * 2 ** 30 },
  // Medians measured: 3.7 s at load average 1.7 and 4.1–4.9 s at 2–4, where SQLite took 3.9–4.2 s.
  postgres: {
    ms: 6_000,
    rss: 1.5 * 2 ** 30,
    why:
      "PostgreSQL gets 1 s more than SQLite although it is as fast on a quiet machine: the server reads and " +
      "sends the bodies while Node decodes and parses them, which takes a second CPU (the server CPU above), so " +
      "a busy machine slows it down more than SQLite, which reads them inside the process.",
  },
};
/** Cold reports with trends; the budget is checked on their median. */
const REPORT_RUNS = 3;
const SAMPLE_EVERY_MS = 10;
/** Each KPI is timed at least this often (and until this much time was measured); the fastest run counts. */
const KPI_RUNS = 3;
const MIN_SAMPLE_MS = 50;
/** 4× the tickets in at most 5× the time: anything more is not linear. */
const MAX_RATIO = 5;
/**
 * A KPI under this at 200k tickets is not judged: at a few milliseconds, GC pauses and timer
 * noise move the 50k figure by more than its growth (seen: 3.5 ms one run, 11 ms the next).
 */
const MIN_JUDGED_MS = 50;
const UPSERT_BATCH = 5_000;

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

type Task =
  | { role: "build-report-store"; storage: StorageConfig }
  | { role: "run-report"; dir: string; storage: StorageConfig; trendCount: number };

async function runTask(task: Task | null): Promise<void> {
  if (task?.role === "build-report-store") parentPort?.postMessage(await buildStore(task.storage));
  else if (task?.role === "run-report")
    parentPort?.postMessage(await timeReport(task.dir, task.storage, task.trendCount));
}

/** One report as timed inside its worker (peak RSS is sampled outside). */
interface ReportTiming {
  ms: number;
  /** user + system CPU time of the process, GC and compiler threads included */
  cpuMs: number;
  /** time inside `store.records`: the SQL read and the JSON parsing of the bodies */
  loadMs: number;
  kpis: number;
  cases: number;
}

interface Measured extends ReportTiming {
  peakRss: number;
  /** CPU time of the database server's processes meanwhile (null: SQLite, which works in the process) */
  serverCpuMs: number | null;
}

export function reportBench(backend: BenchBackend): Bench {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), "sla-sentinel-report-bench-"));
    const store = await backend.fresh();
    try {
      return await measureAll(backend, dir, store);
    } finally {
      await store.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

async function measureAll(backend: BenchBackend, dir: string, store: BenchStore): Promise<BenchSection> {
  const { storage } = store;
  const budget = BUDGETS[backend.id];
  const counts = await inWorker<StoreCounts>({ role: "build-report-store", storage });
  await store.settle();
  gc();
  const rssBefore = process.memoryUsage.rss();
  const [load] = loadavg();
  const task = { role: "run-report", dir, storage } as const;
  const withTrend: Measured[] = [];
  for (let run = 0; run < REPORT_RUNS; run++)
    withTrend.push(await measureReport({ ...task, trendCount: DEFAULT_TREND.quarter }, store));
  const withoutTrend = await measureReport({ ...task, trendCount: 0 }, store);
  const config = benchConfig(dir, storage);
  const period = parsePeriod(PERIOD, ZONE);
  const since = (precedingPeriods(period, DEFAULT_TREND.quarter, ZONE)[0] as Period).start;
  const parse = await measureParse(config, since - TICKET_LOOKBACK_MS);

  const median = medianBy(withTrend, (m) => m.ms);
  const peakRss = Math.max(...withTrend.map((m) => m.peakRss));
  const correct = withTrend.every((m) => m.kpis > 0) && parse.tickets >= TICKETS;
  const withinBudget = correct && median.ms <= budget.ms && peakRss <= budget.rss;
  const server = withoutTrend.serverCpuMs !== null;
  return {
    title: `Report: a quarter with trends from ${backend.name}`,
    lines: [
      `${counts.tickets.toLocaleString("en")} demo tickets (${counts.events.toLocaleString("en")} events) and ` +
        `${counts.others.toLocaleString("en")} other records in a ${backend.storeNoun}; \`periodReportFromStore\` for ${PERIOD} ` +
        `as known at ${NOW}, built-in catalog, example supplier norms; each run a cold start in a fresh worker thread.`,
      "",
      `| run | wall time | CPU time |${server ? " server CPU |" : ""} peak RSS | load from store | scoring | KPIs | cases |`,
      `|---|---:|---:|${server ? "---:|" : ""}---:|---:|---:|---:|---:|`,
      ...withTrend.map((m, run) =>
        reportRow(`${PERIOD} with ${DEFAULT_TREND.quarter} trend quarters, run ${run + 1}`, m),
      ),
      reportRow(`${PERIOD} without trends`, withoutTrend),
      "",
      `Load: ${parse.tickets.toLocaleString("en")} tickets read by \`store.records\` in ${seconds(parse.readMs)}, ` +
        `of which \`JSON.parse\` of their ${mib(parse.bytes)} of bodies takes ${seconds(parse.parseMs)} ` +
        `(the rest is ${backend.name} and row handling). Scoring is everything else: contract checks, catalog, calendar ` +
        "and `buildPeriodReport`.",
      "",
      `Budget: ≤ ${budget.ms / 1000} s (median of the ${REPORT_RUNS} runs with trends: ${seconds(median.ms)}) and ` +
        `≤ ${gib(budget.rss)} GiB peak RSS (highest: ${mib(peakRss)}; sampled every ${SAMPLE_EVERY_MS} ms, including the ` +
        `${mib(rssBefore)} the bench process held before). Load average when it started: ${(load ?? 0).toFixed(1)} ` +
        `(on ${availableParallelism()} CPUs).` +
        (correct ? "" : " **A report is empty or tickets are missing.**"),
      ...(budget.why === undefined ? [] : ["", budget.why]),
      ...backend.notes.flatMap((note) => ["", note]),
      ...(backend.settleNote === null ? [] : ["", backend.settleNote]),
      "",
      // Scoring works on records in memory, the same whichever store they came from.
      ...(backend.id === "sqlite"
        ? await scalingLines(config, period)
        : ["Per-KPI scoring costs do not depend on the store: see the SQLite section."]),
    ],
    withinBudget,
  };
}

function isSteep(row: { ratio: number; ms: number[] }): boolean {
  return row.ratio > MAX_RATIO && (row.ms[2] ?? 0) >= MIN_JUDGED_MS;
}

/** The per-KPI table: each KPI's cost in the report and alone at three sizes. */
async function scalingLines(config: Config, period: Period): Promise<string[]> {
  const scaling = await kpiScaling(config, period);
  const steep = scaling.filter(isSteep).map((row) => row.id);
  return [
    "Per KPI, scored over the quarter and its 4 trend quarters. *In the report*: as `buildPeriodReport` does",
    "it, in catalog order with one set of ticket analyses, so a KPI's figure leaves out what an earlier KPI",
    "already computed (the first KPI that reads every ticket pays for analysing them, the first clock KPIs",
    "for the clocks). *Alone*: with fresh analyses, on every 4th,",
    `every 2nd and every ticket (fastest of ${KPI_RUNS} runs), to show how its cost grows:`,
    "",
    `| KPI | rule | in the report | ${SIZES.map((n) => `alone, ${n / 1000}k`).join(" | ")} | 200k / 50k |`,
    `|---|---|---:|${SIZES.map(() => "---:").join("|")}|---:|`,
    ...scaling.map(scalingRow),
    "",
    steep.length === 0
      ? `Every KPI that takes ${MIN_JUDGED_MS} ms or more at 200k tickets grows at most ${MAX_RATIO}× from 50k to 200k: linear (below that, noise outweighs growth).`
      : `**Not linear (more than ${MAX_RATIO}× from 50k to 200k): ${steep.join(", ")}.**`,
  ];
}

// --- the store ---

interface StoreCounts {
  tickets: number;
  events: number;
  others: number;
}

/** The demo data set scaled to TICKETS, parsed as the file connector would, upserted in batches. */
async function buildStore(storage: StorageConfig): Promise<StoreCounts> {
  const start = DateTime.fromISO(NOW, { zone: ZONE }).minus({ months: MONTHS });
  const days = DateTime.fromISO(NOW).diff(start, "days").days;
  // The demo's plannedTicketCount: ticketsPerMonth per 30.4375 days, plus a few showcase tickets.
  const ticketsPerMonth = (TICKETS * 30.4375) / days;
  const records = generateDemoRecords({ seed: SEED, now: NOW, months: MONTHS, ticketsPerMonth });
  const counts: StoreCounts = { tickets: 0, events: 0, others: 0 };
  const store = await openStore(storage);
  try {
    for (let from = 0; from < records.length; from += UPSERT_BATCH) {
      const batch = records.slice(from, from + UPSERT_BATCH).map((input) => {
        const schema: z.ZodType<CanonicalRecord> = schemaByKind[input.kind];
        const record = schema.parse(input);
        if (record.kind === "ticket") {
          counts.tickets++;
          counts.events += record.events.length;
        } else counts.others++;
        return { connector: "demo", record };
      });
      await store.upsert(batch);
    }
  } finally {
    await store.close();
  }
  return counts;
}

/** The demo's contract: built-in catalog, the example supplier norms, the demo's standard changes. */
function benchConfig(dir: string, storage: StorageConfig): Config {
  copyFileSync(join(repoRoot, "config", "supplier-norms.example.yaml"), join(dir, "supplier-norms.yaml"));
  const config = {
    contract: {
      catalog: "builtin:sib",
      supplierNorms: "./supplier-norms.yaml",
      serviceWindow: {
        timezone: ZONE,
        days: ["mon", "tue", "wed", "thu", "fri"],
        from: "08:00",
        to: "18:00",
      },
      holidays: { country: "NL", goodFriday: false, liberationDay: "lustrum" },
      rules: { standardChangeLeadTimes: { ...STANDARD_CHANGE_LEAD_TIMES } },
    },
    storage,
  };
  // JSON is YAML: the config goes through the same validation as a file.
  return parseConfigText(JSON.stringify(config), configFile(dir), {});
}

const configFile = (dir: string) => join(dir, "sla-sentinel.yaml");

// --- the report ---

/** One cold report in a fresh worker, with the process's peak RSS and the server's CPU time while it runs. */
async function measureReport(task: Task & { role: "run-report" }, store: BenchStore): Promise<Measured> {
  gc();
  const sampler = await startRssSampler(SAMPLE_EVERY_MS);
  const meter = await store.meterServerCpu();
  try {
    const timing = await inWorker<ReportTiming>(task);
    const serverCpuMs = meter === null ? null : await meter.stop();
    return { ...timing, serverCpuMs, peakRss: await sampler.stop() };
  } finally {
    await sampler.stop();
    await meter?.stop();
  }
}

/** Inside the worker: `periodReportFromStore` as the CLI calls it, the store opened and closed. */
async function timeReport(dir: string, storage: StorageConfig, trendCount: number): Promise<ReportTiming> {
  const config = benchConfig(dir, storage);
  const period = parsePeriod(PERIOD, ZONE);
  const load = { ms: 0 };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const store = await openStore(config.storage);
  try {
    const report = await periodReportFromStore({
      config,
      configFile: configFile(dir),
      store: timingLoads(store, load),
      period,
      now: DateTime.fromISO(NOW).toMillis(),
      trendCount,
    });
    const cpu = process.cpuUsage(cpuStart);
    return {
      ms: performance.now() - start,
      cpuMs: (cpu.user + cpu.system) / 1000,
      loadMs: load.ms,
      kpis: report.kpis.length,
      cases: report.kpis.reduce((sum, kpi) => sum + kpi.cases.length, 0),
    };
  } finally {
    await store.close();
  }
}

/** The store with the time spent in `records` added to `spent`. */
function timingLoads(store: Store, spent: { ms: number }): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === "records") {
        return async (...args: Parameters<Store["records"]>) => {
          const start = performance.now();
          try {
            return await target.records(...args);
          } finally {
            spent.ms += performance.now() - start;
          }
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Ticket reading as the report does it, and `JSON.parse` of the same bodies alone. */
async function measureParse(config: Config, activeSince: number) {
  const store = await openStore(config.storage);
  try {
    gc();
    const start = performance.now();
    const tickets = await store.records("ticket", { activeSince });
    const readMs = performance.now() - start;
    // A stored body is the record's JSON.stringify (record-row.ts): the same text, parsed again.
    const bodies = tickets.map((ticket) => JSON.stringify(ticket));
    const parseStart = performance.now();
    for (const body of bodies) JSON.parse(body);
    const parseMs = performance.now() - parseStart;
    const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
    return { tickets: tickets.length, readMs, parseMs, bytes };
  } finally {
    await store.close();
  }
}

// --- per-KPI cost ---

interface ScalingRow {
  id: string;
  rule: string;
  inReportMs: number;
  /** alone, per size of SIZES */
  ms: number[];
  ratio: number;
}

interface Scoring {
  kpis: KpiDefinition[];
  periods: Period[];
  base: Omit<TicketScoringContext, "period">;
}

async function kpiScaling(config: Config, period: Period): Promise<ScalingRow[]> {
  const scoring = await scoringSetup(config, period);
  const { kpis, periods } = scoring;
  const store = await openStore(config.storage);
  let input: KpiInput;
  try {
    input = await loadKpiInput(store, (periods[1] as Period).start);
  } finally {
    await store.close();
  }
  // A first pass on a small set compiles the code and builds the calendar's year tables, so the
  // first KPI and size measured are not charged for them.
  for (const kpi of kpis) kpiAloneMs(everyNth(input, 20), kpi, scoring);
  const inReport = inReportMs(input, scoring);
  // Largest first, each set every 2nd ticket of the one before, which is then let go: only the
  // tickets of the size measured are live, as they would be in a store of that size.
  const bySize = new Map<number, number[]>();
  for (const size of [...SIZES].reverse()) {
    input = everyNth(input, Math.max(1, Math.round(input.tickets.length / size)));
    gc();
    bySize.set(
      size,
      kpis.map((kpi) => kpiAloneMs(input, kpi, scoring)),
    );
  }
  return kpis.map((kpi, k) => {
    const ms = SIZES.map((size) => bySize.get(size)?.[k] ?? Number.NaN);
    const ratio = (ms[2] as number) / (ms[0] as number);
    return { id: kpi.id, rule: kpi.measure.rule, inReportMs: inReport[k] as number, ms, ratio };
  });
}

/** The definitions, periods and context of the report, as `periodReportFromStore` makes them. */
async function scoringSetup(config: Config, period: Period): Promise<Scoring> {
  const { contract } = config;
  const catalog = await loadCatalog(contract.catalog);
  const supplierNorms =
    contract.supplierNorms === undefined ? null : await loadSupplierNorms(contract.supplierNorms);
  const calendar = businessCalendar({ serviceWindow: contract.serviceWindow, holidays: contract.holidays });
  const definitions = kpiDefinitionsFor(catalog, supplierNorms, contract.rules, period);
  const policy = clockPolicyFor(definitions, contract.rules, calendar.serviceDayMs);
  return {
    kpis: kpisForPeriod(definitions, period.kind),
    periods: [period, ...precedingPeriods(period, DEFAULT_TREND.quarter, ZONE)],
    base: { calendar, policy, rules: contract.rules, now: DateTime.fromISO(NOW).toMillis() },
  };
}

/** Every k-th ticket: the same mix of types, priorities and periods, k times fewer. */
function everyNth(input: KpiInput, stride: number): KpiInput {
  return { ...input, tickets: input.tickets.filter((_, i) => i % stride === 0) };
}

/** Each KPI's time as `buildPeriodReport` scores them: in order, one set of analyses for all. */
function inReportMs(input: KpiInput, { kpis, periods, base }: Scoring): number[] {
  gc();
  const ticketAnalyses = createTicketAnalyses(input.tickets, base);
  return kpis.map((kpi) => {
    const start = performance.now();
    for (const period of periods) {
      const context: TicketScoringContext = { ...base, period, ticketAnalyses };
      scorerOf(kpi)(input, kpi, context);
    }
    return performance.now() - start;
  });
}

/** The fastest time to score one KPI over all periods with fresh ticket analyses. */
function kpiAloneMs(input: KpiInput, kpi: KpiDefinition, { periods, base }: Scoring): number {
  const scorer = scorerOf(kpi);
  gc();
  let fastest = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let run = 0; run < KPI_RUNS || spent < MIN_SAMPLE_MS; run++) {
    const ticketAnalyses = createTicketAnalyses(input.tickets, base);
    const start = performance.now();
    for (const period of periods) {
      const context: TicketScoringContext = { ...base, period, ticketAnalyses };
      scorer(input, kpi, context);
    }
    const ms = performance.now() - start;
    fastest = Math.min(fastest, ms);
    spent += ms;
  }
  return fastest;
}

function scorerOf(kpi: KpiDefinition): KpiScorer {
  const scorer = kpiScorers[kpi.measure.rule];
  if (scorer === undefined) throw new Error(`no scorer for ${kpi.measure.rule}`);
  return scorer;
}

// --- workers, measuring and formatting ---

/** Runs this module as a worker for `task` and waits for its one answer. */
async function inWorker<T>(task: Task): Promise<T> {
  const worker = new Worker(new URL(import.meta.url), { workerData: task });
  try {
    const [answer] = (await once(worker, "message")) as [T];
    return answer;
  } finally {
    await worker.terminate();
  }
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function medianBy<T>(items: readonly T[], value: (item: T) => number): T {
  return [...items].sort((a, b) => value(a) - value(b))[Math.floor(items.length / 2)] as T;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const gib = (bytes: number) => String(Number((bytes / 2 ** 30).toFixed(2)));
const millis = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

function reportRow(label: string, m: Measured): string {
  const server = m.serverCpuMs === null ? "" : ` ${seconds(m.serverCpuMs)} |`;
  return (
    `| ${label} | ${seconds(m.ms)} | ${seconds(m.cpuMs)} |${server} ${mib(m.peakRss)} | ${seconds(m.loadMs)} | ` +
    `${seconds(m.ms - m.loadMs)} | ${m.kpis} | ${m.cases.toLocaleString("en")} |`
  );
}

function scalingRow(row: ScalingRow): string {
  const ratio = `${row.ratio.toFixed(1)}×${isSteep(row) ? " **(not linear)**" : ""}`;
  return `| ${row.id} | ${row.rule} | ${millis(row.inReportMs)} | ${row.ms.map(millis).join(" | ")} | ${ratio} |`;
}

// This module is also the code of its worker threads; last, so that everything above is defined.
if (!isMainThread) await runTask(workerData as Task | null);
