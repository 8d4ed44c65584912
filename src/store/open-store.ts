/**
 * The one way the CLI gets a store: from the `storage:` section of the config, migrated and ready.
 */
import { isAbsolute, resolve } from "node:path";
import { PostgresStore } from "./postgres/postgres-store.js";
import { SqliteStore } from "./sqlite-store.js";
import type { StorageConfig, Store } from "./types.js";

export { StorageUnavailableError } from "./errors.js";

export interface OpenStoreOptions {
  /** folder a relative SQLite path is resolved against (the config file's); default: the cwd */
  baseDir?: string;
}

export async function openStore(config: StorageConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const store =
    config.postgres !== undefined
      ? new PostgresStore({
          url: config.postgres,
          tenant: config.tenant,
          schema: config.schema,
          poolSize: config.poolSize,
        })
      : SqliteStore.open(sqlitePath(config.sqlite, options.baseDir), { tenant: config.tenant });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function sqlitePath(path: string, baseDir: string | undefined): string {
  if (path === ":memory:" || isAbsolute(path)) return path;
  return resolve(baseDir ?? process.cwd(), path);
}
