import { postgresBench, sqliteBench } from "./backends.js";
import type { Bench } from "./types.js";

/**
 * Every benchmark of `npm run bench`, by name; each runs in its own process so memory peaks are
 * its own. The store benchmarks run once per backend, the PostgreSQL ones beside the SQLite ones.
 */
export const BENCHES: Record<string, () => Promise<Bench>> = {
  calendar: async () => (await import("./calendar.js")).default,
  sync: async () => (await import("./sync.js")).syncBench(sqliteBench),
  "sync-pg": async () => (await import("./sync.js")).syncBench(postgresBench),
  report: async () => (await import("./report.js")).reportBench(sqliteBench),
  "report-pg": async () => (await import("./report.js")).reportBench(postgresBench),
  cycle: async () => (await import("./cycle.js")).cycleBench(sqliteBench),
  "cycle-pg": async () => (await import("./cycle.js")).cycleBench(postgresBench),
};
