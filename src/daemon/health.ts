/**
 * `/healthz`: is the data current? Ready only when the last sync cycle succeeded and the schedule
 * has not since had `staleAfterCycles` chances to run another. Pure: the daemon passes its state
 * and the time.
 */

export interface CycleRecord {
  startedAt: number;
  endedAt: number;
  ok: boolean;
  /** why the cycle failed, one line each (empty when it succeeded) */
  problems: string[];
}

export interface HealthState {
  stopping: boolean;
  lastCycle: CycleRecord | null;
  lastSuccess: CycleRecord | null;
  /** when the last success goes stale; null: never (a schedule that fires no more) */
  readyUntil: number | null;
}

export type HealthStatus = "ready" | "starting" | "failing" | "stale" | "stopping";

export interface HealthReport {
  ready: boolean;
  status: HealthStatus;
  /** why not ready, for a person reading the probe's output */
  reason?: string;
  lastCycle: { startedAt: string; endedAt: string; ok: boolean; problems: string[] } | null;
  lastSuccessAt: string | null;
  readyUntil: string | null;
}

/** Problems listed in the health body: enough to point at the failing connector, no more. */
const PROBLEMS_SHOWN = 5;

export function evaluateHealth(state: HealthState, now: number): HealthReport {
  const { lastCycle, lastSuccess, readyUntil } = state;
  const base = {
    lastCycle:
      lastCycle === null
        ? null
        : {
            startedAt: iso(lastCycle.startedAt),
            endedAt: iso(lastCycle.endedAt),
            ok: lastCycle.ok,
            problems: lastCycle.problems.slice(0, PROBLEMS_SHOWN),
          },
    lastSuccessAt: lastSuccess === null ? null : iso(lastSuccess.endedAt),
    readyUntil: readyUntil === null ? null : iso(readyUntil),
  };
  const notReady = (status: HealthStatus, reason: string): HealthReport => ({
    ready: false,
    status,
    reason,
    ...base,
  });
  if (state.stopping) return notReady("stopping", "the daemon is shutting down");
  if (lastCycle === null) return notReady("starting", "no sync cycle has finished yet");
  if (!lastCycle.ok) {
    const first = lastCycle.problems[0] ?? "unknown problem";
    return notReady("failing", `the last sync cycle failed: ${first}`);
  }
  if (readyUntil !== null && now > readyUntil) {
    return notReady("stale", `no successful sync cycle since ${base.lastSuccessAt}`);
  }
  return { ready: true, status: "ready", ...base };
}

/**
 * When a success ending at `success.endedAt` goes stale: at the last of the scheduled ticks that
 * follow it, plus as long as that good cycle took (the next one needs that long to finish too).
 * For a sync every five minutes and three ticks that is 15 minutes after the success, i.e. 3× the interval;
 * for a schedule with gaps (office hours only) the gaps of the schedule itself are allowed.
 */
export function readyUntilAfter(success: CycleRecord, upcomingTicks: readonly number[]): number | null {
  const last = upcomingTicks.at(-1);
  if (last === undefined) return null;
  return last + (success.endedAt - success.startedAt);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
