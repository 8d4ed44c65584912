/** The daemon of `sla-sentinel run`: scheduling, health, metrics, clean stop. */
export { type ApiErrorEvent, classifyApiError, guardConnectors } from "./connector-guard.js";
export { Daemon, type DaemonOptions, type StopResult } from "./daemon.js";
export {
  type CycleRecord,
  evaluateHealth,
  type HealthReport,
  type HealthStatus,
  readyUntilAfter,
} from "./health.js";
export {
  type ApiErrorClass,
  createDaemonMetrics,
  type DaemonMetrics,
  type MetricsOptions,
} from "./metrics.js";
export { type ReportHook, type ReportJobDeps, type ReportWritten, reportJobs } from "./report-jobs.js";
export { cronScheduler, type ScheduledJob, type Scheduler } from "./scheduler.js";
export { onStopSignals, type SignalSource, type StopHandlers, type StopSignal } from "./signals.js";
export {
  createSyncCycle,
  type SyncCycleDeps,
  type SyncCycleOptions,
  type SyncOnceFunction,
  type SyncOnceSettings,
} from "./sync-cycle.js";
export { alertsSentByChannel, cycleProblems } from "./sync-result.js";
export { type CycleOutcome, type DaemonJob, type JobContext, StartupError } from "./types.js";
