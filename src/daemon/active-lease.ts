/**
 * Several `run` instances on one database (docs/operations.md "Several instances"): the instance
 * that holds the tenant's `active` lease runs the sync cycles and the report jobs; the others
 * stand by and try again at each tick. The holder renews the lease every third of its time to
 * live, between cycles too, so it keeps the lease for as long as it lives; a killed holder stops
 * renewing, and a standby takes over at its first tick after the lease lapses.
 *
 * Losing the lease while a cycle runs (the process stalled longer than the lease, or the database
 * was out of reach until it lapsed) aborts that cycle between pages: another instance may have
 * started one. What a half-done cycle stored stays consistent: every batch is its own
 * transaction, watermarks advance after their page is stored, alerts are claimed in the ledger.
 */

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../log/logger.js";
import type { Lease, Store } from "../store/types.js";
import type { CycleOutcome, DaemonJob, JobContext } from "./types.js";

/** The lease every instance of one tenant competes for. */
export const ACTIVE_LEASE = "active";

export interface ActiveLeaseOptions {
  store: Store;
  /** epoch ms; the daemon's clock */
  clock: () => number;
  ttlMs: number;
  log: Logger;
  /** who holds it, in the lease row and the logs; default host:pid:random */
  holder?: string;
  /** called with true/false whenever this instance becomes active or stands by */
  onRoleChange?: (active: boolean) => void;
}

/** host, process and a random part: two processes never share one, even with recycled pids. */
export function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export class ActiveLease {
  readonly holder: string;
  readonly #options: ActiveLeaseOptions;
  #lease: Lease | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  /** aborted when a held lease is lost; replaced each time the lease is taken again */
  #lost = new AbortController();
  #lastOther: string | null = null;
  /** why the last claim could not reach the database; null when it could */
  lastError: string | null = null;

  constructor(options: ActiveLeaseOptions) {
    if (!(options.ttlMs >= 3_000)) throw new Error("the lease must live at least 3 seconds");
    this.#options = options;
    this.holder = options.holder ?? instanceName();
  }

  /** Whether this instance holds the lease as far as it knows at `now` (not lapsed). */
  held(now: number): boolean {
    return this.#lease !== null && now < this.#lease.expiresAt;
  }

  /** Aborted when the lease this instance held was lost or lapsed. */
  get lostSignal(): AbortSignal {
    return this.#lost.signal;
  }

  /**
   * Takes or renews the lease; true when this instance holds it afterwards. A database error
   * counts as "not renewed": the lease stays held until it lapses by the clock.
   */
  async claim(now: number): Promise<boolean> {
    const { store, ttlMs, log } = this.#options;
    let lease: Lease | null;
    try {
      lease = await store.acquireLease(ACTIVE_LEASE, this.holder, now, ttlMs);
    } catch (error) {
      this.lastError = messageOf(error);
      log.warn({ error: this.lastError }, "lease: could not take or renew it");
      if (!this.held(now)) this.#drop("the lease lapsed while the database was out of reach");
      return this.held(now);
    }
    this.lastError = null;
    if (lease !== null) {
      if (this.#lease === null) {
        this.#lost = new AbortController();
        log.info(
          { holder: this.holder, expiresAt: iso(lease.expiresAt) },
          "lease taken: this instance is active",
        );
        this.#options.onRoleChange?.(true);
        this.#startHeartbeat();
      }
      this.#lease = lease;
      this.#lastOther = null;
      return true;
    }
    if (this.#lease !== null) this.#drop("another instance holds the lease now");
    await this.#logStandby(now);
    return false;
  }

  /** Gives the lease up (a clean stop), so a standby can take over at its next tick. */
  async release(): Promise<void> {
    this.#stopHeartbeat();
    if (this.#lease === null) return;
    this.#lease = null;
    try {
      await this.#options.store.releaseLease(ACTIVE_LEASE, this.holder);
      this.#options.log.info({ holder: this.holder }, "lease released");
    } catch (error) {
      this.#options.log.warn({ error: messageOf(error) }, "lease: release failed; it lapses by itself");
    }
  }

  #drop(reason: string): void {
    this.#lease = null;
    this.#stopHeartbeat();
    this.#options.log.warn({ holder: this.holder, reason }, "lease lost: this instance stands by");
    this.#lost.abort(lostReason(reason));
    this.#options.onRoleChange?.(false);
  }

  async #logStandby(now: number): Promise<void> {
    // Say who is active once per change of holder, not at every tick.
    const current = (await this.#options.store.leases().catch(() => [])).find(
      (l) => l.name === ACTIVE_LEASE && l.expiresAt > now,
    );
    const other = current?.holder ?? "another instance";
    if (other === this.#lastOther) return;
    this.#lastOther = other;
    this.#options.log.info(
      { activeHolder: other, ...(current && { until: iso(current.expiresAt) }) },
      "standing by: another instance is active",
    );
  }

  #startHeartbeat(): void {
    this.#stopHeartbeat();
    const every = Math.floor(this.#options.ttlMs / 3);
    this.#heartbeat = setInterval(() => void this.claim(this.#options.clock()), every);
    // The heartbeat alone must not keep a stopping process alive.
    this.#heartbeat.unref();
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat !== null) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
  }
}

/** The daemon's sync cycle, run only while this instance holds the lease; a standby tick is a good cycle. */
export function leasedCycle(
  lease: ActiveLease,
  cycle: (context: JobContext) => Promise<CycleOutcome>,
): (context: JobContext) => Promise<CycleOutcome> {
  return async (context) => {
    if (!(await lease.claim(context.now))) {
      // Standing by is a good cycle; not reaching the database to find out is not.
      const problems = lease.lastError === null ? [] : [`lease: ${lease.lastError}`];
      return { ok: problems.length === 0, problems, fatal: [] };
    }
    const signal = AbortSignal.any([context.signal, lease.lostSignal]);
    const outcome = await cycle({ now: context.now, signal });
    if (lease.lostSignal.aborted && !context.signal.aborted) {
      return {
        ok: false,
        problems: [...outcome.problems, "lease lost during the cycle: it was abandoned"],
        fatal: [],
      };
    }
    return outcome;
  };
}

/** A report job that runs (and catches up) only on the active instance. */
export function leasedJob(lease: ActiveLease, job: DaemonJob): DaemonJob {
  const leased: DaemonJob = {
    name: job.name,
    cron: job.cron,
    async run(context) {
      if (await lease.claim(context.now)) await job.run(context);
    },
  };
  const isMissing = job.isMissing;
  if (isMissing !== undefined) {
    leased.isMissing = async (now) => lease.held(now) && (await isMissing(now));
  }
  return leased;
}

function lostReason(reason: string): Error {
  const error = new Error(`lease lost: ${reason}`);
  error.name = "AbortError";
  return error;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
