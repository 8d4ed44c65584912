/**
 * The daemon behind `sla-sentinel run`: sync cycles and report jobs on cron schedules, one job at
 * a time, never two sync cycles at once (a tick that comes while a cycle runs is skipped and
 * logged, not queued), the status endpoints, and a clean stop. Clock, scheduler, the cycle itself
 * and the port are injected, so tests run it in milliseconds.
 */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log/logger.js";
import {
  type CycleRecord,
  evaluateHealth,
  type HealthReport,
  type HealthState,
  readyUntilAfter,
} from "./health.js";
import { Lane, settlesWithin } from "./lane.js";
import type { DaemonMetrics } from "./metrics.js";
import type { ScheduledJob, Scheduler } from "./scheduler.js";
import { closeServer, createStatusServer, listen } from "./status-server.js";
import { type CycleOutcome, type DaemonJob, type JobContext, StartupError } from "./types.js";

export interface DaemonOptions {
  syncCron: string;
  sync(context: JobContext): Promise<CycleOutcome>;
  /** report jobs */
  jobs?: readonly DaemonJob[];
  scheduler: Scheduler;
  /** epoch ms; the real clock only in cli/commands/run.ts */
  clock: () => number;
  /** port 0: any free port (tests); see `address()` */
  server: { host: string; port: number };
  metrics: DaemonMetrics;
  log: Logger;
  /** releases what the jobs use (the store), after the last job has ended */
  close?: () => Promise<void>;
  /** scheduled sync ticks without success after which /healthz says stale; default 3 */
  staleAfterCycles?: number;
  /**
   * how long a stop waits for the running job after aborting it; default 8 s, inside the 10 s
   * `docker stop` allows before SIGKILL (systemd allows 90 s, Kubernetes 30 s)
   */
  shutdownGraceMs?: number;
  /** run a sync cycle at start, before the first tick; default true */
  syncAtStart?: boolean;
  /** after the first good cycle, run the report jobs whose last output is missing; default true */
  catchUpJobs?: boolean;
}

export interface StopResult {
  /** false when the running job had to be left behind after the grace period */
  clean: boolean;
}

export class Daemon {
  readonly #options: DaemonOptions;
  readonly #abort = new AbortController();
  readonly #lane = new Lane();
  readonly #scheduled: ScheduledJob[] = [];
  readonly #jobsRunning = new Set<string>();
  readonly #health: HealthState = { stopping: false, lastCycle: null, lastSuccess: null, readyUntil: null };
  #syncJob: ScheduledJob | null = null;
  #syncRunning: Promise<CycleOutcome | null> | null = null;
  #server: Server | null = null;
  #stop: Promise<StopResult> | null = null;
  #caughtUp = false;
  #resolveStopped: (result: StopResult) => void = () => {};
  /** settles once the daemon has stopped, whoever stopped it */
  readonly stopped: Promise<StopResult>;

  constructor(options: DaemonOptions) {
    this.#options = options;
    this.stopped = new Promise((resolve) => {
      this.#resolveStopped = resolve;
    });
  }

  /**
   * Serves the endpoints, schedules the jobs and runs the first sync cycle. Throws a StartupError
   * (after stopping again) when the port cannot be had or the first cycle meets a credential or
   * permission problem; a connector that is merely down does not stop the start.
   */
  async start(): Promise<void> {
    const { log, scheduler, syncCron } = this.#options;
    try {
      await this.#listen();
    } catch (error) {
      await this.stop("start-up failed");
      throw error;
    }
    if (this.#health.stopping) {
      // stopped (a signal) while the port was being opened: the stop did not see the server yet
      await this.#closeServer();
      return;
    }
    this.#syncJob = scheduler.schedule("sync", syncCron, () => void this.#triggerSync("schedule"));
    this.#scheduled.push(this.#syncJob);
    for (const job of this.#options.jobs ?? []) {
      this.#scheduled.push(scheduler.schedule(job.name, job.cron, () => this.#triggerJob(job, "schedule")));
    }
    log.info(
      { ...this.address(), syncCron, jobs: (this.#options.jobs ?? []).map((j) => j.name) },
      "daemon started",
    );
    if (this.#options.syncAtStart === false) return;
    const first = await this.#triggerSync("start");
    if (first !== null && first.fatal.length > 0 && !this.#health.stopping) {
      await this.stop("start-up failed");
      throw new StartupError(first.fatal.join("; "));
    }
  }

  /** Stops scheduling, aborts the running job, waits for it (up to the grace), closes everything. */
  stop(reason = "stop requested"): Promise<StopResult> {
    this.#stop ??= this.#shutdown(reason);
    return this.#stop;
  }

  health(): HealthReport {
    return evaluateHealth(this.#health, this.#options.clock());
  }

  /** Where the endpoints listen (the real port when 0 was asked). */
  address(): { host: string; port: number } {
    const address = this.#server?.address() as AddressInfo | null | undefined;
    return { host: this.#options.server.host, port: address?.port ?? this.#options.server.port };
  }

  #triggerSync(trigger: "start" | "schedule"): Promise<CycleOutcome | null> {
    if (this.#health.stopping) return Promise.resolve(null);
    if (this.#syncRunning !== null) {
      this.#options.metrics.cycles.inc({ outcome: "skipped" });
      this.#options.log.warn({ trigger }, "sync cycle skipped: the previous cycle is still running");
      return Promise.resolve(null);
    }
    const running = this.#lane
      .run(() => this.#cycle(trigger))
      .finally(() => {
        this.#syncRunning = null;
      });
    this.#syncRunning = running;
    return running;
  }

  async #cycle(trigger: "start" | "schedule"): Promise<CycleOutcome | null> {
    if (this.#health.stopping) return null;
    const { clock, log, metrics } = this.#options;
    const startedAt = clock();
    log.debug({ trigger }, "sync cycle started");
    let outcome: CycleOutcome;
    try {
      outcome = await this.#options.sync({ now: startedAt, signal: this.#abort.signal });
    } catch (error) {
      outcome = { ok: false, problems: [messageOf(error)], fatal: [] };
    }
    const endedAt = clock();
    const record: CycleRecord = { startedAt, endedAt, ok: outcome.ok, problems: outcome.problems };
    const fields = { trigger, durationMs: endedAt - startedAt };
    this.#health.lastCycle = record;
    if (this.#abort.signal.aborted) {
      // Parts of the cycle stopped early (alerts left pending, pages not read): neither a success
      // to report as fresh data nor a failure to alarm about.
      log.info(fields, "sync cycle stopped by shutdown");
      return outcome;
    }
    const label = outcome.ok ? "success" : "failure";
    metrics.cycleDuration.observe({ outcome: label }, (endedAt - startedAt) / 1000);
    metrics.cycles.inc({ outcome: label });
    if (outcome.ok) {
      this.#health.lastSuccess = record;
      const upcoming = this.#syncJob?.nextRuns(this.#options.staleAfterCycles ?? 3) ?? [];
      this.#health.readyUntil = readyUntilAfter(record, upcoming);
      metrics.lastSuccess.set(endedAt / 1000);
      log.info(fields, "sync cycle succeeded");
      this.#catchUpOnce();
    } else {
      log.warn({ ...fields, problems: outcome.problems }, "sync cycle failed");
    }
    return outcome;
  }

  #triggerJob(job: DaemonJob, trigger: "schedule" | "catch-up"): void {
    if (this.#health.stopping) return;
    if (this.#jobsRunning.has(job.name)) {
      this.#options.log.warn(
        { job: job.name, trigger },
        "scheduled job skipped: its previous run is still going",
      );
      return;
    }
    this.#jobsRunning.add(job.name);
    const now = this.#options.clock();
    void this.#lane
      .run(async () => {
        if (this.#health.stopping) return;
        try {
          await job.run({ now, signal: this.#abort.signal });
        } catch (error) {
          this.#options.log.error({ job: job.name, error: messageOf(error) }, "scheduled job failed");
        }
      })
      .finally(() => this.#jobsRunning.delete(job.name));
  }

  /** Runs, once, the jobs whose output a stopped daemon missed (the month closed while it was down). */
  #catchUpOnce(): void {
    if (this.#caughtUp || this.#options.catchUpJobs === false) return;
    this.#caughtUp = true;
    const now = this.#options.clock();
    for (const job of this.#options.jobs ?? []) {
      if (job.isMissing === undefined) continue;
      job.isMissing(now).then(
        (missing) => {
          if (!missing) return;
          this.#options.log.info({ job: job.name }, "catching up a scheduled job missed while stopped");
          this.#triggerJob(job, "catch-up");
        },
        (error: unknown) =>
          this.#options.log.error({ job: job.name, error: messageOf(error) }, "scheduled job check failed"),
      );
    }
  }

  async #listen(): Promise<void> {
    const { host, port } = this.#options.server;
    const server = createStatusServer({
      health: () => this.health(),
      metrics: async () => {
        const { registry, ready } = this.#options.metrics;
        ready.set(this.health().ready ? 1 : 0);
        return { contentType: registry.contentType, body: await registry.metrics() };
      },
      log: this.#options.log,
    });
    await listen(server, host, port);
    server.on("error", (error) => this.#options.log.error({ error: error.message }, "status server error"));
    this.#server = server;
  }

  async #shutdown(reason: string): Promise<StopResult> {
    const { log } = this.#options;
    this.#health.stopping = true;
    log.info({ reason }, "daemon stopping");
    for (const job of this.#scheduled) job.stop();
    this.#abort.abort(shutdownReason());
    const graceMs = this.#options.shutdownGraceMs ?? 8_000;
    let clean = await settlesWithin(this.#lane.idle(), graceMs);
    if (!clean) log.error({ graceMs }, "the running job did not stop in time; closing anyway");
    await this.#closeServer();
    try {
      await this.#options.close?.();
    } catch (error) {
      clean = false;
      log.error({ error: messageOf(error) }, "closing the store failed");
    }
    log.info({ clean }, "daemon stopped");
    const result = { clean };
    this.#resolveStopped(result);
    return result;
  }

  async #closeServer(): Promise<void> {
    if (this.#server !== null) await closeServer(this.#server);
  }
}

function shutdownReason(): Error {
  const reason = new Error("stopped: the daemon is shutting down");
  reason.name = "AbortError";
  return reason;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
