/**
 * A SQLite file belongs to one tenant: the first store to migrate it writes its tenant to meta,
 * and a store of another tenant refuses the file, so two contracts never mix in one file.
 */
import type BetterSqlite3 from "better-sqlite3";
import { StorageUnavailableError } from "./errors.js";

/** Meta key of the owning tenant; `store:` keys belong to the store and are not dumped or loaded. */
export const TENANT_META_KEY = "store:tenant";

export const isStoreMetaKey = (key: string): boolean => key.startsWith("store:");

/** Fails when the file belongs to another tenant; a new file, or one from before tenants, passes. */
export function checkTenant(db: BetterSqlite3.Database, tenant: string): void {
  const owner = ownerOf(db);
  if (owner !== null && owner !== tenant) {
    throw new StorageUnavailableError(
      `SQLite store ${db.name} belongs to tenant '${owner}', not '${tenant}' (storage.tenant); each tenant needs its own file`,
    );
  }
}

/** Makes `tenant` the file's owner unless it has one, then checks that it is. Needs the meta table. */
export function claimTenant(db: BetterSqlite3.Database, tenant: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING").run(
    TENANT_META_KEY,
    tenant,
  );
  checkTenant(db, tenant);
}

function ownerOf(db: BetterSqlite3.Database): string | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (hasMeta === undefined) return null;
  return (
    db.prepare<[string], string>("SELECT value FROM meta WHERE key = ?").pluck().get(TENANT_META_KEY) ?? null
  );
}

/** The tenant a SQLite file belongs to, read without changing it; null for a file from before tenants. */
export function sqliteFileTenant(
  path: string,
  open: (path: string) => BetterSqlite3.Database,
): string | null {
  const db = open(path);
  try {
    return ownerOf(db);
  } finally {
    db.close();
  }
}
