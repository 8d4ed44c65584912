/**
 * Numbered schema migrations for the SQLite store. Each runs once, in order, and is recorded in
 * `schema_migrations`; a migration is never edited after release, a change is a new number.
 */
import type { Database } from "better-sqlite3";
import { SQLITE_REPORT_MIGRATIONS } from "./sqlite-reports.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "records and meta",
    // One table for every kind: the engine always reads one kind at a time, and the columns are
    // only what queries filter on. The body is the parsed canonical record (instants as epoch ms).
    // STRICT makes SQLite refuse a wrongly typed value instead of storing it as text.
    // Indexes, as measured on a 200,000-ticket import: the partial index of open records serves
    // the frequent open-ticket reads (live timers) at no measurable cost, because open records
    // are few. An index on activity_at was left out: its randomly ordered inserts doubled the
    // write volume of an import, while the queries that would use it (period reports,
    // retention) run seldom and scan 200,000 rows in well under a second.
    sql: `
      CREATE TABLE records (
        id          INTEGER PRIMARY KEY,
        kind        TEXT    NOT NULL,
        source      TEXT    NOT NULL,
        key         TEXT    NOT NULL,
        activity_at INTEGER NOT NULL,
        open        INTEGER NOT NULL CHECK (open IN (0, 1)),
        hash        TEXT    NOT NULL,
        body        TEXT    NOT NULL,
        UNIQUE (kind, source, key)
      ) STRICT;
      CREATE INDEX records_open ON records (kind, source, key) WHERE open = 1;
      CREATE TABLE meta (
        key   TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: "source hashes",
    // A connector may hash each record's source form (a file line); an unchanged one is then
    // recognised without serialising the record again, which makes re-reading a full export
    // every cycle cheap. Null when the last write came without one.
    sql: "ALTER TABLE records ADD COLUMN source_hash TEXT;",
  },
  {
    version: 3,
    name: "alert ledger",
    // One row per alert and channel: the key (ticket source+id, clock, transition, deadline,
    // channel) is unique, so an alert is recorded once whatever happens later. The row moves
    // pending → sending (a send is under way or its outcome is unknown) → sent, or ends
    // superseded / expired / failed without being sent (docs/alerts.md).
    // `thread` groups the alerts one chat message shows (a Slack message is updated in place).
    // The partial index serves the delivery's read of unsettled rows, which are few.
    sql: `
      CREATE TABLE alert_ledger (
        id              INTEGER PRIMARY KEY,
        alert_key       TEXT    NOT NULL UNIQUE,
        thread          TEXT    NOT NULL,
        channel         TEXT    NOT NULL,
        source          TEXT    NOT NULL,
        ticket          TEXT    NOT NULL,
        clock           TEXT    NOT NULL,
        transition      TEXT    NOT NULL,
        deadline        INTEGER NOT NULL,
        payload         TEXT    NOT NULL,
        status          TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'superseded', 'expired', 'failed')),
        created_at      INTEGER NOT NULL,
        not_before      INTEGER NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        attempted_at    INTEGER,
        settled_at      INTEGER,
        last_error      TEXT,
        message_channel TEXT,
        message_ts      TEXT
      ) STRICT;
      CREATE INDEX alert_ledger_unsettled ON alert_ledger (created_at, id) WHERE status IN ('pending', 'sending');
      CREATE INDEX alert_ledger_thread ON alert_ledger (thread, id);
    `,
  },
  {
    version: 4,
    name: "leases",
    // One row per named piece of work that one instance at a time may do (docs/operations.md
    // "Several instances"). A file belongs to one tenant (its `store:tenant` meta row, written
    // by `SqliteStore.migrate`), so unlike PostgreSQL no table here has a tenant column.
    sql: `
      CREATE TABLE leases (
        name        TEXT    NOT NULL PRIMARY KEY,
        holder      TEXT    NOT NULL,
        acquired_at INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    name: "meta expiry",
    // Per-ticket connector state (TOPdesk's history) would otherwise outlive the tickets that
    // retention removes; such entries carry the moment they stop mattering. Few entries expire at
    // any one time and retention runs once a cycle, so no index.
    sql: "ALTER TABLE meta ADD COLUMN expires_at INTEGER;",
  },
];

/**
 * The store's migrations and the report tables' (src/store/sqlite-reports.ts) in one numbered
 * sequence: each part states its own numbers, and a new migration in either takes the next free
 * one, so a number once applied somewhere never changes meaning.
 */
export const MIGRATIONS: readonly Migration[] = sequence([...STORE_MIGRATIONS, ...SQLITE_REPORT_MIGRATIONS]);

/** The migrations in version order; throws (at load, so every test sees it) on a gap or a repeat. */
export function sequence(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const [index, migration] of sorted.entries()) {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration numbers must run 1, 2, 3, … without gaps or repeats; found ${sorted.map((m) => m.version).join(", ")}`,
      );
    }
  }
  return sorted;
}

/**
 * Applies the migrations this database lacks and returns their versions (empty when it is up to
 * date). The check and the changes happen in one IMMEDIATE transaction, so two processes starting
 * at once cannot both apply the same migration; a failing migration leaves the schema as it was.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL
  ) STRICT`);
  const run = db.transaction(() => {
    const applied = new Set(db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[]);
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known) {
      throw new Error(
        `database schema version ${newest} is newer than this sla-sentinel supports (${known}); upgrade sla-sentinel`,
      );
    }
    const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      done.push(migration.version);
    }
    return done;
  });
  return run.immediate();
}
