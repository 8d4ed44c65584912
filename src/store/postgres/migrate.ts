/**
 * Applies the PostgreSQL migrations a schema lacks. Everything happens in one transaction under a
 * transaction-scoped advisory lock on the schema's name: two instances starting at once queue up,
 * the second finds the work done, and a failing migration leaves the schema as it was.
 */
import type { Migration } from "../migrations.js";
import type { PgDatabase } from "./database.js";

/** Advisory lock ids are one shared number space per database; the prefix keeps ours apart. */
const LOCK_PREFIX = "sla-sentinel migrate ";

export async function applyPgMigrations(
  db: PgDatabase,
  schema: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  return db.transaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LOCK_PREFIX + schema]);
    // Created only when missing: CREATE SCHEMA IF NOT EXISTS would still demand CREATE on the
    // database, which a role given just an existing schema does not have.
    const exists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${schema}`);
    // The connection's search_path named the schema before it existed; set it again so that
    // the unqualified names below certainly resolve to it.
    await client.query(`SET LOCAL search_path TO ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer     NOT NULL PRIMARY KEY,
      name       text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set(
      (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
        (row) => row.version,
      ),
    );
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known) {
      throw new Error(
        `PostgreSQL schema '${schema}' is at version ${newest}, newer than this sla-sentinel supports (${known}); upgrade sla-sentinel`,
      );
    }
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
