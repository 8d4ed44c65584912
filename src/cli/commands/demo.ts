/**
 * `demo`: the embedded default. Generates the demo organisation's half year of records, writes
 * them as JSON Lines with a config that points the file connector at them, syncs that into a
 * fresh SQLite file and summarises. No network, no account.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { type Config, loadConfig } from "../../config/index.js";
import { loadContractRuntime } from "../../contract/index.js";
import { demoSummary, generateDemoRecords, STANDARD_CHANGE_LEAD_TIMES } from "../../demo/index.js";
import { lastCompletePeriod, periodContaining } from "../../engine/report/index.js";
import { createLogger } from "../../log/logger.js";
import { parseInstant } from "../../model/instant.js";
import { terminalScorecard } from "../../report/terminal-scorecard.js";
import { writeReports } from "../../report/write.js";
import { openStore } from "../../store/index.js";
import type { Store } from "../../store/types.js";
import type { GlobalOptions } from "../context.js";
import { RunFailure, UsageError } from "../errors.js";
import { createOutput, parseFormat } from "../output.js";
import { printLiveClocks } from "./demo-clocks.js";
import { periodReportFromStore } from "./report.js";
import { buildConnectors, printSummary, syncOnce } from "./sync.js";

interface DemoOptions {
  out: string;
  seed: string;
  now?: string;
  months: string;
}

export function registerDemo(program: Command, globals: () => GlobalOptions): void {
  program
    .command("demo")
    .description("build the demo organisation's data set, sync it into SQLite and summarise (no network)")
    .option("--out <dir>", "output folder", "./out")
    .option("--seed <n>", "seed of the generated data set", "2026")
    .option("--now <time>", "end of the data set, ISO 8601 with offset (default: now)")
    .option("--months <n>", "months of history", "6")
    .action(async (opts: DemoOptions) => {
      const out = createOutput(parseFormat(globals().format ?? "text"));
      const seed = wholeNumber("--seed", opts.seed);
      const months = wholeNumber("--months", opts.months);
      const now = opts.now === undefined ? Date.now() : parseInstant(opts.now);
      if (now === null) throw new UsageError(`--now: "${opts.now}" is not an ISO 8601 time with offset`);

      const dir = resolve(opts.out);
      mkdirSync(dir, { recursive: true });
      const records = generateDemoRecords({ seed, now, months });
      const recordsFile = join(dir, "demo-records.jsonl");
      writeFileSync(recordsFile, `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
      const configFile = join(dir, "sla-sentinel.demo.yaml");
      writeFileSync(configFile, demoConfigYaml());
      writeFileSync(join(dir, "supplier-norms.yaml"), DEMO_SUPPLIER_NORMS);
      // A fresh database each time: the demo shows a full first sync, not a delta on old data.
      for (const suffix of ["", "-wal", "-shm"]) rmSync(join(dir, `demo.db${suffix}`), { force: true });

      const config = await loadConfig(configFile, process.env);
      const log = createLogger("warn");
      const store = await openStore(config.storage);
      try {
        const started = performance.now();
        const runtime = await loadContractRuntime(config.contract, configFile);
        const connectors = buildConnectors(config, log, store, false);
        const result = await syncOnce(store, connectors, { dryRun: false, log, config, now, runtime });
        const seconds = (performance.now() - started) / 1000;
        const summary = demoSummary(records);
        out.json({ out: dir, config: configFile, records: recordsFile, summary, sync: result.sync });
        // (reports are listed in the text output; in json they follow as their own object)
        out.text(
          `Demo organisation: Stichting ICT Beheer (seed ${seed}, ${months} months up to ${opts.now ?? "now"})`,
        );
        out.text(`  records:  ${summary.records} (${kindLine(summary.byKind)})`);
        out.text(`  tickets:  ${typeLine(summary.ticketsByType)}`);
        out.text(
          `  priority: ${typeLine(summary.ticketsByPriority)}; open at the end: ${summary.openTickets}`,
        );
        printSummary(out, result);
        out.text(`  synced in ${seconds.toFixed(1)} s into ${config.storage.sqlite}`);
        await printLiveClocks(out, store, runtime, now);
        const reports = await demoReports(store, config, configFile, dir, now);
        out.text("");
        for (const line of terminalScorecard(reports.month)) out.text(line);
        out.text("");
        out.text(`Files in ${dir}:`);
        for (const path of reports.files) out.text(`  ${path}`);
        out.text(`  ${config.storage.sqlite}  (the store; report figures in its BI tables, docs/bi.md)`);
        out.text(`  ${recordsFile}  (the data set, canonical JSON Lines)`);
        out.text(`  ${configFile}  (use it with -c for the other commands)`);
        if (!result.sync.ok) throw new RunFailure("the demo sync failed");
      } finally {
        await store.close();
      }
    });
}

/** The current month's report and the last complete quarter's, in html, json and md. */
async function demoReports(store: Store, config: Config, configFile: string, dir: string, now: number) {
  const zone = config.contract.serviceWindow.timezone;
  const files: string[] = [];
  const month = await periodReportFromStore({
    config,
    configFile,
    store,
    period: periodContaining("month", now, zone),
    now,
  });
  files.push(...(await writeReports(month, DEMO_FORMATS, dir)));
  const quarter = await periodReportFromStore({
    config,
    configFile,
    store,
    period: lastCompletePeriod("quarter", now, zone),
    now,
  });
  files.push(...(await writeReports(quarter, DEMO_FORMATS, dir)));
  // In the BI tables too (docs/bi.md), so a dashboard can be tried on demo.db.
  await store.saveReport(month);
  await store.saveReport(quarter);
  return { month, quarter, files };
}

const DEMO_FORMATS = ["html", "json", "md"] as const;

function demoConfigYaml(): string {
  const config = {
    contract: {
      catalog: "builtin:sib",
      supplierNorms: "./supplier-norms.yaml",
      serviceWindow: {
        timezone: "Europe/Amsterdam",
        days: ["mon", "tue", "wed", "thu", "fri"],
        from: "08:00",
        to: "18:00",
      },
      holidays: { country: "NL", goodFriday: false, liberationDay: "lustrum" },
      rules: { standardChangeLeadTimes: { ...STANDARD_CHANGE_LEAD_TIMES } },
    },
    storage: { sqlite: "./demo.db" },
    connectors: [{ name: "demo", type: "file", path: "./demo-records.jsonl" }],
  };
  return `# Written by \`sla-sentinel demo\`: the demo data set behind the file connector.\n${stringify(config)}`;
}

/** The demo supplier's tender (appendix 12b): the norms the contract leaves to the supplier. */
const DEMO_SUPPLIER_NORMS = `# Written by \`sla-sentinel demo\`: the demo supplier's norms from its tender (appendix 12b).
O1.4: {maxMinutes: 240, share: 0.95}   # first response P3: 4 business hours
O1.5: {maxMinutes: 480, share: 0.95}   # first response P4: 8 business hours
O1.8: {maxHours: 24, share: 0.9}       # resolution P3: 24 business hours
O1.9: {maxHours: 40, share: 0.9}       # resolution P4: 40 business hours
O2.1: {min: 0.9}                       # standard changes within their lead time
O2.2: {min: 0.95}                      # standard changes right first time
O3.3: {min: 0.8}                       # CSAT: stricter than the client's floor of 0.75
`;

function wholeNumber(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new UsageError(`${flag} must be a whole number, not "${text}"`);
  return n;
}

function kindLine(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
}

const typeLine = kindLine;
