import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StorageUnavailableError } from "../../src/store/errors.js";
import { applyMigrations, MIGRATIONS } from "../../src/store/migrations.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import type { AlertIntent, DumpBatch, Store } from "../../src/store/types.js";
import { postgresBackend, TEST_PG_URL, useBackend } from "./backends.js";
import { closedTicket, ticket } from "./records.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");

function intent(key: string, ticketId: string): AlertIntent {
  return {
    key,
    thread: `thread-${key}`,
    channel: "slack:C1",
    source: "topdesk",
    ticket: ticketId,
    clock: "response",
    transition: "at-risk",
    deadline: T0,
    payload: "{}",
    notBefore: T0,
  };
}

async function collect(store: Store): Promise<DumpBatch[]> {
  const batches: DumpBatch[] = [];
  for await (const batch of store.dump()) batches.push(batch);
  return batches;
}

describe("two tenants in one PostgreSQL schema", () => {
  const backend = useBackend(postgresBackend);
  let acme: Store;
  let globex: Store;
  let round = 0;
  // Tenants new to the schema in every test, so that no test sees another's rows.
  beforeEach(async () => {
    round += 1;
    acme = await backend.current.open(`acme-${round}`);
    globex = await backend.current.open(`globex-${round}`);
  });

  it("see only their own records, counts and meta", async () => {
    const resolved = ticket("I1", [{ at: "2026-03-03T10:00:00+01:00", type: "resolved" }]);
    await acme.upsert([{ connector: "td", record: ticket("I1") }]);
    // The same identity in the other tenant is an insert, not an update of acme's row.
    expect(await globex.upsert([{ connector: "td", record: resolved }])).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await acme.records("ticket")).toEqual([ticket("I1")]);
    expect(await globex.records("ticket")).toEqual([resolved]);
    expect(await acme.records("ticket", { openOnly: true })).toEqual([ticket("I1")]);
    expect(await globex.records("ticket", { openOnly: true })).toEqual([]);

    await acme.setMeta("connector:td:watermark", "acme");
    expect(await globex.getMeta("connector:td:watermark")).toBeNull();
    await globex.setMeta("connector:td:watermark", "globex");
    expect(await acme.getMeta("connector:td:watermark")).toBe("acme");
  });

  it("purge only their own records", async () => {
    await acme.upsert([{ connector: "td", record: closedTicket("OLD") }]);
    await globex.upsert([{ connector: "td", record: closedTicket("OLD") }]);
    expect((await acme.purgeBefore(Date.parse("2027-01-01T00:00:00Z"))).ticket).toBe(1);
    expect((await acme.counts()).ticket).toBe(0);
    expect((await globex.counts()).ticket).toBe(1);
  });

  it("keep their alert ledgers apart, down to updates by id", async () => {
    expect(await acme.recordAlerts([intent("k", "I1")], T0)).toBe(1);
    // The same key is new for the other tenant.
    expect(await globex.recordAlerts([intent("k", "I1")], T0)).toBe(1);
    const [globexRow] = await globex.unsettledAlerts();
    const globexId = globexRow?.id ?? 0;
    expect(await acme.updateAlert(globexId, { kind: "attempt", at: T0, attempts: 0 })).toBe(false);
    expect(
      await acme.updateAlert(globexId, { kind: "sent", at: T0, message: { channel: "C1", ts: "1.1" } }),
    ).toBe(false);
    expect(await globex.unsettledAlerts()).toEqual([globexRow]);
    expect(
      await globex.updateAlert(globexId, { kind: "sent", at: T0, message: { channel: "C1", ts: "2.2" } }),
    ).toBe(true);
    expect(await acme.alertThreadMessage("thread-k")).toBeNull();
    expect(await globex.alertThreadMessage("thread-k")).toEqual({ channel: "C1", ts: "2.2" });
    expect(await acme.knownAlertKeys(["k"])).toEqual(new Set(["k"]));
    expect(await globex.pruneAlerts(T0 + 1)).toBe(1);
    expect(await acme.knownAlertKeys(["k"])).toEqual(new Set(["k"]));
    expect(await globex.knownAlertKeys(["k"])).toEqual(new Set());
  });

  it("hold leases of the same name independently", async () => {
    expect(await acme.acquireLease("sync:td", "host-1", T0, 30_000)).not.toBeNull();
    expect(await globex.acquireLease("sync:td", "host-2", T0, 30_000)).not.toBeNull();
    await acme.releaseLease("sync:td", "host-2");
    expect((await globex.leases()).map((l) => l.holder)).toEqual(["host-2"]);
    expect((await acme.leases()).map((l) => l.holder)).toEqual(["host-1"]);
  });

  it("dump only their own rows", async () => {
    await acme.upsert([{ connector: "td", record: ticket("A1") }]);
    await globex.upsert([{ connector: "td", record: ticket("G1") }]);
    await globex.setMeta("g", "1");
    expect((await collect(acme)).map((b) => [b.table, b.rows.length])).toEqual([["records", 1]]);
  });

  it("refuse a tenant or schema name outside the allowed form", () => {
    expect(() => new PostgresStore({ url: TEST_PG_URL, tenant: "Acme" })).toThrow(/tenant 'Acme' must be/);
    expect(() => new PostgresStore({ url: TEST_PG_URL, schema: "x; DROP TABLE records" })).toThrow(
      /PostgreSQL schema 'x; DROP TABLE records' must be/,
    );
  });
});

describe("a SQLite file belongs to one tenant", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "sla-tenant-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function migrated(path: string, tenant?: string): Promise<SqliteStore> {
    const store = SqliteStore.open(path, tenant === undefined ? {} : { tenant });
    try {
      await store.migrate();
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  it("is claimed by the first store to migrate it, and reopens for that tenant", async () => {
    const path = join(dir, "s.db");
    const first = await migrated(path, "acme");
    expect(first.tenant).toBe("acme");
    expect(await first.getMeta("store:tenant")).toBe("acme");
    await first.upsert([{ connector: "td", record: ticket("I1") }]);
    await first.close();
    const again = await migrated(path, "acme");
    expect(await again.records("ticket")).toEqual([ticket("I1")]);
    await again.close();
  });

  it("is refused to another tenant, naming both, before anything is changed", async () => {
    const path = join(dir, "s.db");
    await (await migrated(path, "acme")).close();
    const attempt = migrated(path);
    await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(attempt).rejects.toThrow(`SQLite store ${path} belongs to tenant 'acme', not 'default'`);
  });

  it("from before tenants, goes to the tenant that upgrades it", async () => {
    const path = join(dir, "old.db");
    const db = new BetterSqlite3(path);
    applyMigrations(db, MIGRATIONS.slice(0, 3));
    db.close();
    const store = await migrated(path, "globex");
    expect(await store.getMeta("store:tenant")).toBe("globex");
    await store.close();
    await expect(migrated(path, "acme")).rejects.toThrow(/belongs to tenant 'globex', not 'acme'/);
  });

  it("is `default`'s unless a tenant is given", async () => {
    const store = await migrated(":memory:");
    expect(store.tenant).toBe("default");
    expect(await store.getMeta("store:tenant")).toBe("default");
    await store.close();
  });
});
