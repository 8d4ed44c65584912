export { type RecordActivity, recordActivity } from "./activity.js";
export { StorageUnavailableError } from "./errors.js";
export { applyMigrations, MIGRATIONS, type Migration } from "./migrations.js";
export { type OpenStoreOptions, openStore } from "./open-store.js";
export { StoreConnectionError } from "./postgres/connection.js";
export { PostgresStore, type PostgresStoreOptions } from "./postgres/postgres-store.js";
export { type RecordRow, toRecordRow } from "./record-row.js";
export { SqliteStore, type SqliteStoreOptions } from "./sqlite-store.js";
export type * from "./types.js";
