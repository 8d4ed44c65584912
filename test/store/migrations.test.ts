import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS, sequence } from "../../src/store/migrations.js";
import { openStore, StorageUnavailableError } from "../../src/store/open-store.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { configureConnection } from "../../src/store/sqlite-store.js";
import { dropSchema, TEST_PG_URL } from "./backends.js";
import { ticket } from "./records.js";

describe("the migration sequence", () => {
  const m = (version: number) => ({ version, name: `m${version}`, sql: "" });

  it("orders the parts' migrations by their own numbers", () => {
    expect(sequence([m(1), m(2), m(4), m(3)]).map((x) => x.version)).toEqual([1, 2, 3, 4]);
    expect(MIGRATIONS.map((x) => x.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(MIGRATIONS.map((x) => x.name)).toEqual([
      "records and meta",
      "source hashes",
      "alert ledger",
      "leases",
      "report results for BI",
      "report signals for BI",
      "meta expiry",
    ]);
  });

  it("refuses a gap or a repeated number, which would renumber an applied migration", () => {
    expect(() => sequence([m(1), m(3)])).toThrow("found 1, 3");
    expect(() => sequence([m(1), m(2), m(2)])).toThrow("found 1, 2, 2");
  });
});

describe("applyMigrations", () => {
  it("numbers migrations 1, 2, 3… in order", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it("applies each migration once and records it; a second run changes nothing", () => {
    const db = new BetterSqlite3(":memory:");
    expect(applyMigrations(db)).toEqual(MIGRATIONS.map((m) => m.version));
    const schema = db.prepare("SELECT name, sql FROM sqlite_master ORDER BY name").all();
    expect(applyMigrations(db)).toEqual([]);
    expect(db.prepare("SELECT name, sql FROM sqlite_master ORDER BY name").all()).toEqual(schema);
    expect(db.prepare("SELECT version, name FROM schema_migrations").all()).toEqual(
      MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
    db.close();
  });

  it("applies only what a database lacks", () => {
    const db = new BetterSqlite3(":memory:");
    const extra = { version: MIGRATIONS.length + 1, name: "extra", sql: "CREATE TABLE extra (x INTEGER)" };
    applyMigrations(db);
    expect(applyMigrations(db, [...MIGRATIONS, extra])).toEqual([extra.version]);
    db.close();
  });

  it("upgrades a database of an earlier version, keeping its records", () => {
    const db = new BetterSqlite3(":memory:");
    applyMigrations(db, MIGRATIONS.slice(0, 1));
    db.prepare(
      "INSERT INTO records (kind, source, key, activity_at, open, hash, body) VALUES ('ticket', 'td', 'I1', 0, 1, 'h', '{}')",
    ).run();
    expect(applyMigrations(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect(db.prepare("SELECT key, hash, source_hash FROM records").all()).toEqual([
      { key: "I1", hash: "h", source_hash: null },
    ]);
    db.close();
  });

  it("rolls back a failing migration with the ones applied in the same run", () => {
    const db = new BetterSqlite3(":memory:");
    const broken = { version: MIGRATIONS.length + 1, name: "broken", sql: "CREATE TABLE records (x)" };
    expect(() => applyMigrations(db, [...MIGRATIONS, broken])).toThrow(/already exists/);
    expect(db.prepare("SELECT count(*) FROM schema_migrations").pluck().get()).toBe(0);
    expect(applyMigrations(db)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it("refuses a database written by a newer version", () => {
    const db = new BetterSqlite3(":memory:");
    applyMigrations(db);
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')").run();
    expect(() => applyMigrations(db)).toThrow(/schema version 99 is newer than this sla-sentinel supports/);
    db.close();
  });
});

describe("openStore", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "sla-store-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the folder and a WAL database, and keeps records across reopening", async () => {
    const first = await openStore({ sqlite: "nested/data/store.db" }, { baseDir: dir });
    await first.upsert([{ connector: "td", record: ticket("I1") }]);
    await first.close();

    const db = new BetterSqlite3(join(dir, "nested/data/store.db"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();

    const again = await openStore({ sqlite: join(dir, "nested/data/store.db") });
    expect(await again.records("ticket")).toEqual([ticket("I1")]);
    await again.close();
  });

  it("configures WAL, foreign keys and a busy timeout on a connection", () => {
    const db = new BetterSqlite3(join(dir, "s.db"));
    configureConnection(db);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(db.pragma("page_size", { simple: true })).toBe(16384);
    db.close();
  });

  it("opens PostgreSQL with the configured tenant, schema and pool, migrated", async () => {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    try {
      const store = await openStore({ postgres: TEST_PG_URL, tenant: "acme", schema, poolSize: 2 });
      expect(store).toBeInstanceOf(PostgresStore);
      expect([store.tenant, (store as PostgresStore).schema]).toEqual(["acme", schema]);
      await store.upsert([{ connector: "td", record: ticket("I1") }]);
      await store.close();
      const again = await openStore({ postgres: TEST_PG_URL, tenant: "acme", schema });
      expect(await again.records("ticket")).toEqual([ticket("I1")]);
      await again.close();
    } finally {
      await dropSchema(schema);
    }
  });

  it("refuses a SQLite file of another tenant as a storage problem", async () => {
    const path = join(dir, "s.db");
    await (await openStore({ sqlite: path, tenant: "acme" })).close();
    const attempt = openStore({ sqlite: path });
    await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(attempt).rejects.toThrow(/belongs to tenant 'acme', not 'default'/);
  });
});
