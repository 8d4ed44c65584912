/**
 * The scheduler port of the daemon, and its node-cron implementation: with `cli/commands/run.ts`
 * the only code that reads the real clock. Tests drive the daemon with a manual scheduler instead.
 */
import { schedule } from "node-cron";
import type { Logger } from "../log/logger.js";

export interface ScheduledJob {
  /** stops firing; a tick already running is not affected */
  stop(): void;
  /** the next `count` times (epoch ms) at which the job fires, from now */
  nextRuns(count: number): number[];
}

export interface Scheduler {
  /**
   * Calls `tick` at every time the cron expression matches. `tick` must not throw and returns at
   * once: the daemon decides itself whether a tick starts work (no overlapping cycles).
   */
  schedule(name: string, expression: string, tick: () => void): ScheduledJob;
}

/**
 * node-cron, with the expressions read in `timezone` (the contract's service window zone, so that
 * `0 6 1 * *` is 06:00 in Amsterdam in winter and summer). node-cron's own messages go to our
 * log; a tick node-cron could not fire on time (event loop blocked) is logged once as missed.
 */
export function cronScheduler(timezone: string, log: Logger): Scheduler {
  const logger = {
    info: (message: string) => log.info({ detail: message }, "scheduler message"),
    warn: (message: string) => log.warn({ detail: message }, "scheduler warning"),
    error: (message: string | Error) => log.error({ detail: String(message) }, "scheduler error"),
    debug: (message: string | Error) => log.debug({ detail: String(message) }, "scheduler message"),
  };
  return {
    schedule(name, expression, tick) {
      const task = schedule(expression, () => tick(), { name, timezone, logger });
      task.on("execution:missed", (context) => {
        log.warn({ job: name, slot: context.date.toISOString() }, "scheduled run missed");
      });
      return {
        stop: () => void task.destroy(),
        nextRuns: (count) => task.getNextRuns(count).map((date) => date.getTime()),
      };
    },
  };
}
