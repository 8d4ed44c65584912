/**
 * The store backends the store benchmarks (sync, report) run against. Each run gets a fresh, empty
 * store and removes it afterwards. SQLite: a file in a temporary folder. PostgreSQL: a schema
 * `bench_<random>` of its own on the server at SLA_SENTINEL_BENCH_PG (default: the local test
 * server, trust auth), created by the store's migrations and dropped with everything in it.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describeTarget } from "../src/store/postgres/connection.js";
import type { StorageConfig } from "../src/store/types.js";
import { type CpuMeter, meterSessions, SESSION_POLL_MS } from "./server-cpu.js";

export interface BenchBackend {
  readonly id: "sqlite" | "postgres";
  /** as section titles say it */
  readonly name: "SQLite" | "PostgreSQL";
  /** what holds one store, as a section says it: "SQLite file" */
  readonly storeNoun: string;
  /** A fresh, empty store that `remove` deletes again. */
  fresh(): Promise<BenchStore>;
  /** Sentences a section adds about where the database runs; none for SQLite. */
  readonly notes: readonly string[];
  /** What `settle` does, for a section that calls it; null when it does nothing. */
  readonly settleNote: string | null;
}

export interface BenchStore {
  /** plain data, so that it can be handed to a worker thread */
  readonly storage: StorageConfig;
  /**
   * After a bulk load, does now what the database's own upkeep would soon do anyway, so that
   * timings do not depend on whether it has happened yet (PostgreSQL: see `vacuumAnalyze`).
   */
  settle(): Promise<void>;
  /**
   * Starts metering the CPU time the database server spends on this store's connections; null
   * when the database works inside the bench process (SQLite: its CPU time already counts it) or
   * on another machine.
   */
  meterServerCpu(): Promise<CpuMeter | null>;
  remove(): Promise<void>;
}

export const sqliteBench: BenchBackend = {
  id: "sqlite",
  name: "SQLite",
  storeNoun: "SQLite file",
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), "sla-sentinel-bench-db-"));
    return {
      storage: { sqlite: join(dir, "bench.db") },
      async settle() {},
      async meterServerCpu() {
        return null;
      },
      async remove() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  notes: [],
  settleNote: null,
};

const PG_URL = process.env.SLA_SENTINEL_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test";

export const postgresBench: BenchBackend = {
  id: "postgres",
  name: "PostgreSQL",
  storeNoun: "PostgreSQL schema",
  async fresh() {
    const schema = `bench_${randomBytes(6).toString("hex")}`;
    // The store's connections carry the schema as their name, so that the meter finds them.
    const applicationName = `sla-sentinel-${schema}`;
    const url = `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}application_name=${applicationName}`;
    return {
      storage: { postgres: url, schema },
      settle: () => vacuumAnalyze(schema),
      meterServerCpu: async () => (isLocal(PG_URL) ? meterSessions(PG_URL, applicationName) : null),
      remove: () => dropSchema(schema),
    };
  },
  notes: [
    isLocal(PG_URL)
      ? `PostgreSQL runs on the same machine (loopback), sharing its ${availableParallelism()} CPUs with the bench; ` +
        "peak RSS is the bench process's alone. *Server CPU*: the CPU time of the server sessions serving the store " +
        `(from /proc, polled every ${SESSION_POLL_MS} ms), without the server's background writers.`
      : "PostgreSQL runs on another machine; peak RSS is the bench process's alone.",
  ],
  settleNote:
    "Once built, the store is vacuumed and analysed (untimed), as autovacuum does within about a minute of a " +
    "bulk load; before that, without statistics, PostgreSQL sorts the tickets on disk instead of reading them in key order.",
};

/** Loopback or a Unix socket: the server's processes are this machine's, so their CPU time can be read. */
function isLocal(url: string): boolean {
  const { host } = describeTarget(url);
  return host.startsWith("/") || ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host);
}

/**
 * Autovacuum analyses and vacuums a freshly loaded table within about a minute. Until then the
 * planner has no statistics and takes the records table for tiny: it reads the tickets by bitmap
 * and sorts ~190 MB of them on disk rather than walking the primary key in order, and the first
 * reader sets every row's hint bits, writing each page again. Measured on the report's store:
 * reading the tickets took about 0.5 s longer that way. Doing it here keeps that transient out
 * of the steady-state figures (and the moment autovacuum strikes out of the timings).
 */
function vacuumAnalyze(schema: string): Promise<void> {
  return withClient((client) => client.query(`VACUUM (ANALYZE) ${schema}.records`));
}

function dropSchema(schema: string): Promise<void> {
  return withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

async function withClient(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
