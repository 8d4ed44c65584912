/**
 * Numbered schema migrations of the PostgreSQL store, in the store's own schema. Every table
 * carries `tenant` first in its key and every query filters on it, so one schema holds many
 * contracts. Identifier columns use the "C" collation: byte order, as SQLite sorts, so
 * `records()` and a dump list rows in the same order on both backends whatever the database's
 * locale. A migration is never edited after release; a change is a new number.
 */
import { type Migration, sequence } from "../migrations.js";
import { PG_REPORT_MIGRATIONS } from "./reports.js";

const STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "records and meta",
    // As SQLite's records (migrations 1–2): identity and indexed facts as columns, the canonical
    // record as JSON. `json` keeps the very text the hash was taken of (jsonb would reorder keys),
    // and BI tools can still query into it (`body->>'priority'`).
    sql: `
      CREATE TABLE records (
        tenant      text COLLATE "C" NOT NULL,
        kind        text COLLATE "C" NOT NULL,
        source      text COLLATE "C" NOT NULL,
        key         text COLLATE "C" NOT NULL,
        activity_at bigint  NOT NULL,
        open        boolean NOT NULL,
        hash        text    NOT NULL,
        body        json    NOT NULL,
        source_hash text,
        PRIMARY KEY (tenant, kind, source, key)
      );
      CREATE INDEX records_open ON records (tenant, kind, source, key) WHERE open;
      CREATE TABLE meta (
        tenant text COLLATE "C" NOT NULL,
        key    text COLLATE "C" NOT NULL,
        value  text NOT NULL,
        PRIMARY KEY (tenant, key)
      );
    `,
  },
  {
    version: 2,
    name: "alert ledger",
    // As SQLite's migration 3 (docs/alerts.md). Ids come from one sequence for all tenants; the
    // key stays (tenant, id) so that every lookup by id is also a lookup by tenant.
    sql: `
      CREATE TABLE alert_ledger (
        tenant          text COLLATE "C" NOT NULL,
        id              bigserial,
        alert_key       text COLLATE "C" NOT NULL,
        thread          text COLLATE "C" NOT NULL,
        channel         text   NOT NULL,
        source          text COLLATE "C" NOT NULL,
        ticket          text COLLATE "C" NOT NULL,
        clock           text   NOT NULL,
        transition      text   NOT NULL,
        deadline        bigint NOT NULL,
        payload         text   NOT NULL,
        status          text   NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'superseded', 'expired', 'failed')),
        created_at      bigint NOT NULL,
        not_before      bigint NOT NULL,
        attempts        integer NOT NULL DEFAULT 0,
        attempted_at    bigint,
        settled_at      bigint,
        last_error      text,
        message_channel text,
        message_ts      text,
        PRIMARY KEY (tenant, id),
        UNIQUE (tenant, alert_key)
      );
      CREATE INDEX alert_ledger_unsettled ON alert_ledger (tenant, created_at, id) WHERE status IN ('pending', 'sending');
      CREATE INDEX alert_ledger_thread ON alert_ledger (tenant, thread, id);
    `,
  },
  {
    version: 3,
    name: "leases",
    // One row per named piece of work (docs/operations.md "Several instances"); a lapsed row is
    // taken over in place, so the table stays as small as the number of lease names.
    sql: `
      CREATE TABLE leases (
        tenant      text COLLATE "C" NOT NULL,
        name        text COLLATE "C" NOT NULL,
        holder      text   NOT NULL,
        acquired_at bigint NOT NULL,
        expires_at  bigint NOT NULL,
        PRIMARY KEY (tenant, name)
      );
    `,
  },
  {
    version: 6,
    name: "meta expiry",
    // As SQLite's migration 7: per-ticket connector state leaves with retention.
    sql: "ALTER TABLE meta ADD COLUMN expires_at bigint;",
  },
];

/**
 * The store's migrations and the report tables' (src/store/postgres/reports.ts) in one numbered
 * sequence: each part states its own numbers, and a new migration in either takes the next free
 * one, so a number once applied somewhere never changes meaning.
 */
export const PG_MIGRATIONS: readonly Migration[] = sequence([...STORE_MIGRATIONS, ...PG_REPORT_MIGRATIONS]);
