import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PgDatabase } from "../../src/store/postgres/database.js";
import { applyPgMigrations } from "../../src/store/postgres/migrate.js";
import { PG_MIGRATIONS } from "../../src/store/postgres/migrations.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { PG_REPORT_MIGRATIONS } from "../../src/store/postgres/reports.js";
import { dropSchema, TEST_PG_URL } from "./backends.js";
import { ticket } from "./records.js";

const STORE_TABLES = ["alert_ledger", "leases", "meta", "records", "schema_migrations"];

let admin: pg.Client;
const schemas: string[] = [];
const databases: PgDatabase[] = [];

/** A schema name no other test uses, dropped after the file. */
function newSchema(): string {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  schemas.push(schema);
  return schema;
}

function database(schema: string, url = TEST_PG_URL): PgDatabase {
  const db = new PgDatabase({ url, schema, poolSize: 2 });
  databases.push(db);
  return db;
}

async function tablesOf(schema: string): Promise<string[]> {
  const result = await admin.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename",
    [schema],
  );
  return result.rows.map((row) => row.tablename);
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
});
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.close()));
});
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
  await admin.end();
});

describe("PostgreSQL migrations", () => {
  it("number the store's and the report tables' migrations in one sequence 1, 2, 3…", () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual([
      [1, "records and meta"],
      [2, "alert ledger"],
      [3, "leases"],
      [4, "report results for BI"],
      [5, "report signals for BI"],
      [6, "meta expiry"],
    ]);
    expect(PG_REPORT_MIGRATIONS.map((m) => m.version)).toEqual([4, 5]);
  });

  it("create the schema and its tables once, recording each migration; a second run changes nothing", async () => {
    const schema = newSchema();
    const db = database(schema);
    expect(await applyPgMigrations(db, schema, PG_MIGRATIONS)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    const tables = await tablesOf(schema);
    expect(tables).toEqual(expect.arrayContaining(STORE_TABLES));
    expect(await applyPgMigrations(db, schema, PG_MIGRATIONS)).toEqual([]);
    expect(await tablesOf(schema)).toEqual(tables);
    const recorded = await admin.query(
      `SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`,
    );
    expect(recorded.rows).toEqual(PG_MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it("run once when two stores migrate the same schema at the same moment", async () => {
    const schema = newSchema();
    const runs = await Promise.all([
      applyPgMigrations(database(schema), schema, PG_MIGRATIONS),
      applyPgMigrations(database(schema), schema, PG_MIGRATIONS),
    ]);
    expect(runs.map((versions) => versions.length).sort()).toEqual([0, PG_MIGRATIONS.length]);
    const count = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.schema_migrations`);
    expect(count.rows[0]).toEqual({ n: PG_MIGRATIONS.length });
  });

  it("apply only what a schema lacks, keeping its rows", async () => {
    const schema = newSchema();
    const db = database(schema);
    await applyPgMigrations(db, schema, PG_MIGRATIONS.slice(0, 1));
    await admin.query(
      `INSERT INTO ${schema}.records VALUES ('acme', 'ticket', 'td', 'I1', 0, true, 'h', '{}', NULL)`,
    );
    expect(await applyPgMigrations(db, schema, PG_MIGRATIONS)).toEqual(
      PG_MIGRATIONS.slice(1).map((m) => m.version),
    );
    expect((await admin.query(`SELECT tenant, key, hash FROM ${schema}.records`)).rows).toEqual([
      { tenant: "acme", key: "I1", hash: "h" },
    ]);
  });

  it("roll back a failing run whole, the schema's creation included", async () => {
    const schema = newSchema();
    const broken = { version: PG_MIGRATIONS.length + 1, name: "broken", sql: "CREATE TABLE records (x int)" };
    await expect(applyPgMigrations(database(schema), schema, [...PG_MIGRATIONS, broken])).rejects.toThrow(
      /relation "records" already exists/,
    );
    expect((await admin.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount).toBe(0);
  });

  it("refuse a schema written by a newer version", async () => {
    const schema = newSchema();
    const store = new PostgresStore({ url: TEST_PG_URL, schema, poolSize: 1 });
    await store.migrate();
    await admin.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES (99, 'future')`);
    await expect(store.migrate()).rejects.toThrow(
      `PostgreSQL schema '${schema}' is at version 99, newer than this sla-sentinel supports (${PG_MIGRATIONS.length}); upgrade sla-sentinel`,
    );
    await store.close();
  });

  it("need only USAGE and CREATE on an existing schema, not CREATE on the database", async () => {
    const schema = newSchema();
    const role = `sla_limited_${randomBytes(4).toString("hex")}`;
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.query(`GRANT USAGE, CREATE ON SCHEMA ${schema} TO ${role}`);
      const url = new URL(TEST_PG_URL);
      url.username = role;
      const limited = new PostgresStore({ url: url.href, schema, poolSize: 1 });
      try {
        await limited.migrate();
        await limited.upsert([{ connector: "td", record: ticket("I1") }]);
        expect(await limited.records("ticket")).toEqual([ticket("I1")]);
      } finally {
        await limited.close();
      }
      // …and without an existing schema it cannot start.
      const missing = newSchema();
      const lacking = new PostgresStore({ url: url.href, schema: missing, poolSize: 1 });
      await expect(lacking.migrate()).rejects.toThrow(/permission denied for database/);
      await lacking.close();
    } finally {
      await dropSchema(schema);
      await admin.query(`DROP ROLE ${role}`);
    }
  });
});
