export { type RecordActivity, recordActivity } from "./activity.js";
export { applyMigrations, MIGRATIONS, type Migration } from "./migrations.js";
export { type OpenStoreOptions, openStore, StorageUnavailableError } from "./open-store.js";
export { type RecordRow, toRecordRow } from "./record-row.js";
export { SqliteStore } from "./sqlite-store.js";
export type * from "./types.js";
