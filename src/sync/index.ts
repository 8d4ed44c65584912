export {
  type ConnectorSyncSummary,
  runSync,
  type SyncOptions,
  type SyncSummary,
  watermarkKey,
} from "./run-sync.js";
