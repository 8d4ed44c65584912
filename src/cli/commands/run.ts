/**
 * `run`: the daemon of src/daemon, wired to the config: contract runtime, store, connectors, the
 * `sync` command's cycle, the scheduled reports, the real clock and process signals. A config,
 * storage, port or credential problem at start-up ends it with exit 2 and one line.
 */
import type { Command } from "commander";
import { buildAlertChannels } from "../../alerts/index.js";
import type { Config } from "../../config/index.js";
import { loadContractRuntime } from "../../contract/index.js";
import { ActiveLease, leasedCycle, leasedJob } from "../../daemon/active-lease.js";
import {
  createDaemonMetrics,
  createSyncCycle,
  cronScheduler,
  Daemon,
  onStopSignals,
  type ReportHook,
  reportJobs,
  type Scheduler,
  type SignalSource,
  StartupError,
  type StopResult,
} from "../../daemon/index.js";
import { ReportPoster } from "../../sinks/report-post/index.js";
import { openStore } from "../../store/index.js";
import type { Store } from "../../store/types.js";
import { VERSION } from "../../version.js";
import { type CommandContext, commandContext, type GlobalOptions } from "../context.js";
import { EXIT_FAILED, RunFailure, UsageError } from "../errors.js";
import { buildAndSaveReport } from "./report.js";
import { buildConnectors, syncOnce } from "./sync.js";

export function registerRun(program: Command, globals: () => GlobalOptions): void {
  program
    .command("run")
    .description(
      "the daemon: sync and reports on the configured schedules, /healthz and /metrics; stops on SIGTERM",
    )
    .action(async () => {
      const context = await commandContext(globals(), { needsFile: true });
      const { clean } = await runDaemon(context, { signals: process, clock: Date.now });
      if (!clean) throw new RunFailure("stopped before the running cycle had ended (see the log)");
    });
}

export interface RunDeps {
  signals: SignalSource;
  /** the real clock in production; the daemon reads it nowhere else */
  clock: () => number;
  /** default: node-cron in the contract's zone */
  scheduler?: Scheduler;
  /** more to do with a written report (its chat posts are `schedule.reports[].post`) */
  onReport?: ReportHook;
  /** what a second signal does; default process.exit */
  exit?: (code: number) => void;
  /** default 8 s (see DaemonOptions) */
  shutdownGraceMs?: number;
}

/** Starts the daemon and resolves once it has stopped (after SIGTERM / SIGINT). */
export async function runDaemon(context: CommandContext, deps: RunDeps): Promise<StopResult> {
  const { config, configFile, log } = context;
  const runtime = await loadContractRuntime(config.contract, configFile);
  const store = await openDaemonStore(config);
  let daemon: Daemon;
  try {
    const connectors = buildConnectors(config, log, store, false);
    const metrics = createDaemonMetrics();
    const zone = config.contract.serviceWindow.timezone;
    const reports = config.schedule.reports ?? [];
    // built once: one Slack client and one Teams pipeline for the daemon's life, alerts and reports
    const chatChannels = buildAlertChannels(config.notify, { log, userAgent: `sla-sentinel/${VERSION}` });
    const lease = new ActiveLease({
      store,
      clock: deps.clock,
      ttlMs: config.schedule.leaseSeconds * 1000,
      log,
      onRoleChange: (active) => metrics.active.set(active ? 1 : 0),
    });
    log.info(
      {
        version: VERSION,
        tenant: store.tenant,
        instance: lease.holder,
        connectors: connectors.map((c) => c.name),
        reports: reports.length,
      },
      "daemon starting",
    );
    daemon = new Daemon({
      syncCron: config.schedule.sync,
      // Several instances on one database: only the lease holder syncs and reports.
      sync: leasedCycle(
        lease,
        createSyncCycle({
          store,
          connectors,
          config,
          runtime,
          log,
          metrics,
          syncOnce,
          settings: { alertChannels: chatChannels },
        }),
      ),
      jobs: reportJobs({
        schedules: reports,
        zone,
        build: (period, now) => buildAndSaveReport({ config, configFile, store, period, now }),
        log,
        metrics,
        ...(deps.onReport !== undefined && { onReport: deps.onReport }),
        poster: new ReportPoster({
          store,
          channels: chatChannels,
          notify: config.notify,
          log,
          clock: deps.clock,
          onOutcome: (outcome, channel) => metrics.reportPosts.inc({ channel, outcome }),
        }),
      }).map((job) => leasedJob(lease, job)),
      scheduler: deps.scheduler ?? cronScheduler(zone, log),
      clock: deps.clock,
      server: { host: config.server.host, port: config.server.port },
      metrics,
      log,
      close: async () => {
        await lease.release();
        await store.close();
      },
      ...(deps.shutdownGraceMs !== undefined && { shutdownGraceMs: deps.shutdownGraceMs }),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const stopListening = onStopSignals(deps.signals, {
    first: (signal) => void daemon.stop(signal),
    second: (signal) => {
      log.error({ signal }, "second signal: exiting without waiting for the running cycle");
      (deps.exit ?? process.exit)(EXIT_FAILED);
    },
  });
  try {
    await daemon.start();
    return await daemon.stopped;
  } catch (error) {
    if (error instanceof StartupError) throw new UsageError(error.message);
    throw error;
  } finally {
    stopListening();
  }
}

/** At start-up a store that cannot be opened (no such folder, no permission) is a config problem. */
async function openDaemonStore(config: Config): Promise<Store> {
  try {
    return await openStore(config.storage);
  } catch (error) {
    throw new UsageError(`storage: cannot open the store: ${(error as Error).message}`);
  }
}
