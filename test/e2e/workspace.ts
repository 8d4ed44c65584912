/**
 * What two `run` instances of one tenant share: a folder with a JSON Lines file of open tickets
 * (the file connector), a PostgreSQL schema of its own, and a fake Slack; each instance gets its
 * own config file only for its own status port.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { ACTIVE_LEASE } from "../../src/daemon/active-lease.js";
import { TEST_PG_URL } from "../store/backends.js";
import { REPO_ROOT } from "./instance.js";

export const TENANT = "e2e";
export const SLACK_TOKEN = "xoxb-test";
export const SLACK_CHANNEL = "C0E2E";
export const LEASE_SECONDS = 10;
export const SYNC_EVERY_MS = 2_000;
/** the config names the URL as `${DATABASE_URL}`, as docs/storage.md advises; instances get it in their env */
export const INSTANCE_ENV = { DATABASE_URL: TEST_PG_URL };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * `count` open incidents created 14 days before `now`, each answered 5 minutes after it was made
 * and, for a P1, stabilised 10 minutes after: so each has exactly one clock breached at `now`,
 * its resolution (P1: 48 clock hours; P2: 8 business hours, and 14 days hold at least 7 working
 * days whatever the holidays). Odd numbers are P1, even P2; ids I-01, I-02, …
 */
export function openTickets(count: number, now: number): Array<{ id: string; line: string }> {
  const created = Math.floor((now - 14 * DAY) / MINUTE) * MINUTE;
  const iso = (ms: number) => new Date(ms).toISOString();
  return Array.from({ length: count }, (_, index) => {
    const id = `I-${String(index + 1).padStart(2, "0")}`;
    const p1 = index % 2 === 0;
    const events = [
      { at: iso(created + 5 * MINUTE), type: "comment", visibleToCaller: true, automated: false },
      ...(p1 ? [{ at: iso(created + 10 * MINUTE), type: "stabilized" }] : []),
    ];
    const ticket = {
      kind: "ticket",
      id,
      source: "exports",
      type: "incident",
      priority: p1 ? "P1" : "P2",
      createdAt: iso(created),
      title: `Workstations on floor ${index + 1} cannot log in`,
      events,
    };
    return { id, line: JSON.stringify(ticket) };
  });
}

export interface Workspace {
  dir: string;
  schema: string;
  /** A config file for one instance, serving /healthz on `port`. */
  configFor(port: number): string;
}

export function workspace(options: { slackApiUrl: string; ticketLines: string[] }): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "e2e-two-instances-"));
  const schema = `t_${randomBytes(6).toString("hex")}`;
  writeFileSync(join(dir, "records.jsonl"), `${options.ticketLines.join("\n")}\n`);
  const shared = [
    "contract:",
    `  supplierNorms: ${JSON.stringify(join(REPO_ROOT, "config/supplier-norms.example.yaml"))}`,
    `storage: {postgres: "\${DATABASE_URL}", schema: ${schema}, tenant: ${TENANT}}`,
    "connectors:",
    "  - {name: exports, type: file, path: ./records.jsonl}",
    "notify:",
    "  quietOutsideWindow: false",
    `  slack: {token: ${SLACK_TOKEN}, channel: ${SLACK_CHANNEL}, apiUrl: "${options.slackApiUrl}"}`,
    `schedule: {sync: "*/${SYNC_EVERY_MS / 1000} * * * * *", leaseSeconds: ${LEASE_SECONDS}}`,
    "log: {level: info}",
  ].join("\n");
  return {
    dir,
    schema,
    configFor(port) {
      const file = join(dir, `instance-${port}.yaml`);
      writeFileSync(file, `${shared}\nserver: {port: ${port}}\n`);
      return file;
    },
  };
}

export interface LedgerRow {
  key: string;
  status: string;
  attempts: number;
  messageTs: string | null;
}

/** Reads the tenant's alert ledger and leases straight from the schema, as a BI tool would. */
export class Database {
  readonly #pool: pg.Pool;
  readonly #schema: string;

  constructor(schema: string) {
    this.#schema = schema;
    this.#pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 1 });
  }

  async ledger(): Promise<LedgerRow[]> {
    const result = await this.#pool.query<{
      alert_key: string;
      status: string;
      attempts: number;
      message_ts: string | null;
    }>(
      `SELECT alert_key, status, attempts, message_ts FROM ${this.#schema}.alert_ledger WHERE tenant = $1 ORDER BY id`,
      [TENANT],
    );
    return result.rows.map((r) => ({
      key: r.alert_key,
      status: r.status,
      attempts: r.attempts,
      messageTs: r.message_ts,
    }));
  }

  /** The tenant's `active` lease, or null when nobody holds it. */
  async activeLease(): Promise<{ holder: string; expiresAt: number } | null> {
    const result = await this.#pool.query<{ holder: string; expires_at: string }>(
      `SELECT holder, expires_at FROM ${this.#schema}.leases WHERE tenant = $1 AND name = $2`,
      [TENANT, ACTIVE_LEASE],
    );
    const row = result.rows[0];
    return row === undefined ? null : { holder: row.holder, expiresAt: Number(row.expires_at) };
  }

  async leaseCount(): Promise<number> {
    const result = await this.#pool.query(`SELECT 1 FROM ${this.#schema}.leases WHERE tenant = $1`, [TENANT]);
    return result.rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
