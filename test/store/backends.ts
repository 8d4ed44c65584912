/**
 * The store backends the shared store suites run against. PostgreSQL: the server at
 * 127.0.0.1:5432 (trust auth, database `test`; `SLA_SENTINEL_TEST_PG` overrides the URL), in a
 * schema of its own per test file, dropped afterwards. A fresh store there is a new tenant in that
 * schema, which the tenant isolation tests show to be as good as an empty database.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll } from "vitest";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/types.js";

export const TEST_PG_URL = process.env.SLA_SENTINEL_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

export interface StoreBackend {
  readonly name: "sqlite" | "postgres";
  /** A migrated store of its own, empty: a new in-memory database, or a new tenant in the schema. */
  fresh(): Promise<Store>;
  /**
   * A migrated store on this backend's one shared database (a SQLite file, the test schema), as
   * a second instance would open it; `migrate: false` leaves the migrating to the test.
   */
  open(tenant: string, options?: { migrate?: boolean }): Promise<Store>;
  /** Closes the stores opened since the last call. */
  closeStores(): Promise<void>;
  /** Closes every store and removes the database or schema. */
  cleanup(): Promise<void>;
}

abstract class TrackingBackend {
  #open: Store[] = [];

  protected async track(store: Store, migrate = true): Promise<Store> {
    this.#open.push(store);
    if (migrate) await store.migrate();
    return store;
  }

  async closeStores(): Promise<void> {
    const open = this.#open;
    this.#open = [];
    await Promise.all(open.map((store) => store.close()));
  }
}

class SqliteBackend extends TrackingBackend implements StoreBackend {
  readonly name = "sqlite";
  readonly #dir = mkdtempSync(join(tmpdir(), "sla-store-"));
  readonly path = join(this.#dir, "shared.db");

  fresh(): Promise<Store> {
    return this.track(SqliteStore.open(":memory:"));
  }

  open(tenant: string, options: { migrate?: boolean } = {}): Promise<Store> {
    return this.track(SqliteStore.open(this.path, { tenant }), options.migrate);
  }

  async cleanup(): Promise<void> {
    await this.closeStores();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

class PostgresBackend extends TrackingBackend implements StoreBackend {
  readonly name = "postgres";
  readonly schema = `t_${randomBytes(6).toString("hex")}`;
  #tenants = 0;

  fresh(): Promise<Store> {
    this.#tenants += 1;
    return this.track(this.store(`fresh-${this.#tenants}`));
  }

  open(tenant: string, options: { migrate?: boolean } = {}): Promise<Store> {
    return this.track(this.store(tenant), options.migrate);
  }

  /** A store on the test schema, with a small pool: many are open at once across test files. */
  store(tenant: string): PostgresStore {
    return new PostgresStore({ url: TEST_PG_URL, schema: this.schema, tenant, poolSize: 3 });
  }

  async cleanup(): Promise<void> {
    await this.closeStores();
    await dropSchema(this.schema);
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export const BACKENDS: ReadonlyArray<[StoreBackend["name"], () => StoreBackend]> = [
  ["sqlite", () => new SqliteBackend()],
  ["postgres", () => new PostgresBackend()],
];

export function postgresBackend(): PostgresBackend {
  return new PostgresBackend();
}

export function sqliteBackend(): SqliteBackend {
  return new SqliteBackend();
}

/**
 * Registers the backend's life cycle with the enclosing `describe`: created before its tests,
 * stores closed after each test, removed after the last. Read `.current` inside hooks and tests.
 */
export function useBackend<B extends StoreBackend>(make: () => B): { readonly current: B } {
  let backend: B | undefined;
  beforeAll(() => {
    backend = make();
  });
  afterEach(async () => {
    await backend?.closeStores();
  });
  afterAll(async () => {
    await backend?.cleanup();
  });
  return {
    get current(): B {
      if (backend === undefined) throw new Error("useBackend: read .current inside a hook or test");
      return backend;
    },
  };
}
