/**
 * The one way the CLI gets a store: from the `storage:` section of the config, migrated and ready.
 */
import { isAbsolute, resolve } from "node:path";
import { SqliteStore } from "./sqlite-store.js";
import type { StorageConfig, Store } from "./types.js";

/** The configured storage backend cannot be used by this version; a configuration problem. */
export class StorageUnavailableError extends Error {
  override readonly name = "StorageUnavailableError";
}

export interface OpenStoreOptions {
  /** folder a relative SQLite path is resolved against (the config file's); default: the cwd */
  baseDir?: string;
}

export async function openStore(config: StorageConfig, options: OpenStoreOptions = {}): Promise<Store> {
  if (config.postgres !== undefined) {
    // Deliberately no hint of the URL in the message: it usually carries a password.
    throw new StorageUnavailableError(
      "storage.postgres: the PostgreSQL store is not available yet in this version; use storage: {sqlite: ./data/sla-sentinel.db}",
    );
  }
  const store = SqliteStore.open(sqlitePath(config.sqlite, options.baseDir));
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
