/**
 * CPU time of the PostgreSQL sessions a benchmark opens: what its own CPU column cannot see when
 * the database works in other processes. Sessions are picked out by their `application_name`
 * (other people's sessions on the same server do not count) and read from /proc (Linux, a server
 * on this machine). A session's time is read until it ends, so polling often enough matters: what
 * a session does in its last interval before closing is lost (at most SESSION_POLL_MS of CPU).
 */
import { readFileSync } from "node:fs";
import pg from "pg";

export const SESSION_POLL_MS = 50;
/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export interface CpuMeter {
  /** Stops polling (idempotent, for a `finally`); the CPU milliseconds the sessions used since the meter started. */
  stop(): Promise<number>;
}

/** Starts metering the sessions that connect to `url` as `applicationName`. */
export async function meterSessions(url: string, applicationName: string): Promise<CpuMeter> {
  const client = new pg.Client({ connectionString: url, application_name: "sla-sentinel-bench-meter" });
  await client.connect();
  /** per session: its CPU ticks when first seen (the baseline) and when last seen */
  const sessions = new Map<number, { first: number; last: number }>();
  let started = false;
  const poll = async () => {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1",
      [applicationName],
    );
    for (const { pid } of rows) {
      const ticks = sessionTicks(pid);
      if (ticks === null) continue;
      const seen = sessions.get(pid);
      if (seen !== undefined) seen.last = ticks;
      // A session already open when the meter starts counts from then; a later one from zero.
      else sessions.set(pid, { first: started ? 0 : ticks, last: ticks });
    }
  };
  await poll();
  started = true;
  let failure: unknown = null;
  let polling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling.then(poll).catch((error: unknown) => {
      failure ??= error;
    });
  }, SESSION_POLL_MS);
  let total: Promise<number> | undefined;
  return {
    stop() {
      total ??= (async () => {
        clearInterval(timer);
        await polling;
        await poll().catch(() => {}); // the sessions may be gone by now; their last reading stands
        await client.end();
        if (failure !== null) throw failure;
        let ticks = 0;
        for (const { first, last } of sessions.values()) ticks += last - first;
        return (ticks * 1000) / TICKS_PER_SECOND;
      })();
      return total;
    },
  };
}

/** utime + stime of a server process; null when it is gone or not readable from here. */
function sessionTicks(pid: number): number | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The name, in parentheses, may hold spaces; the fields after it start with the 3rd (state).
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return Number(fields[14 - 3]) + Number(fields[15 - 3]);
}
