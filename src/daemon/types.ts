/** What the daemon schedules, what a sync cycle tells it, and why it may not start. */

export interface JobContext {
  /** the time the job was triggered (the daemon's clock); the cycle's or report's `now` */
  now: number;
  /** aborted when the daemon stops: stop between batches, cancel requests in flight */
  signal: AbortSignal;
}

export interface CycleOutcome {
  /** false when any part of the cycle failed; /healthz then answers 503 */
  ok: boolean;
  /** one line per failed part (connector, write-back target, alert channel) */
  problems: string[];
  /**
   * Problems only a person can fix: a credential rejected (401) or a permission missing (403).
   * In the first cycle at start-up they end the daemon with exit 2; later they are problems.
   */
  fatal: string[];
}

/** A scheduled job beside the sync cycle (the reports). */
export interface DaemonJob {
  /** in logs and in the scheduler, e.g. `report:month` */
  name: string;
  cron: string;
  /** handles and logs its own failures; a throw is logged by the daemon as a job failure */
  run(context: JobContext): Promise<void>;
  /** whether the output of the run due at `now` is missing (a run missed while the daemon was down) */
  isMissing?(now: number): Promise<boolean>;
}

/** Why `start` failed: a person must fix it (a port in use, a credential rejected). Exit 2. */
export class StartupError extends Error {
  override readonly name = "StartupError";
}
