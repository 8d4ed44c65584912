/**
 * One daemon sync cycle: `syncOnce` (the same cycle as `sla-sentinel sync`) over guarded
 * connectors (they add abort between pages and classify failed calls for the metrics), then what it did turned into metrics, the open tickets' SLA states into gauges, and
 * the whole into a CycleOutcome for the health check.
 */
import type { Connector } from "../../connectors/types.js";
import type { SyncOnceOptions, SyncOnceResult } from "../cli/commands/sync.js";
import type { Config } from "../config/index.js";
import type { ContractRuntime } from "../contract/index.js";
import type { Logger } from "../log/logger.js";
import { timerValues } from "../sinks/writeback/index.js";
import type { Store } from "../store/types.js";
import { type ApiErrorEvent, guardConnectors } from "./connector-guard.js";
import type { DaemonMetrics } from "./metrics.js";
import { alertsSentByChannel, cycleProblems } from "./sync-result.js";
import type { CycleOutcome, JobContext } from "./types.js";

/** What the cycle hands `syncOnce`: its options, with the cycle's signal always set. */
export type SyncCycleOptions = SyncOnceOptions & { signal: AbortSignal };

/** `syncOnce`'s settings that a long-running caller builds once (the alert channels). */
export type SyncOnceSettings = Omit<
  SyncOnceOptions,
  "dryRun" | "log" | "config" | "now" | "runtime" | "signal"
>;

export type SyncOnceFunction = (
  store: Store,
  connectors: Connector[],
  options: SyncCycleOptions,
) => Promise<SyncOnceResult>;

export interface SyncCycleDeps {
  store: Store;
  connectors: readonly Connector[];
  config: Config;
  runtime: ContractRuntime;
  log: Logger;
  metrics: DaemonMetrics;
  /** `syncOnce` of cli/commands/sync.ts; tests pass a fake */
  syncOnce: SyncOnceFunction;
  /** handed to every cycle, e.g. `alertChannels` built once for the daemon's life */
  settings?: SyncOnceSettings;
}

const SLA_STATUSES = ["running", "at-risk", "breached", "paused", "met", "no-norm"] as const;

export function createSyncCycle(deps: SyncCycleDeps): (context: JobContext) => Promise<CycleOutcome> {
  const { store, config, runtime, log, metrics } = deps;
  let current: { signal: AbortSignal; errors: ApiErrorEvent[] } | null = null;
  const connectors = guardConnectors(deps.connectors, {
    signal: () => current?.signal ?? AbortSignal.abort(),
    onError: (event) => current?.errors.push(event),
  });

  return async ({ now, signal }) => {
    const errors: ApiErrorEvent[] = [];
    current = { signal, errors };
    const options: SyncCycleOptions = { ...deps.settings, dryRun: false, log, config, now, runtime, signal };
    const result = await deps.syncOnce(store, connectors, options);
    recordResult(metrics, result, errors);
    const problems = cycleProblems(result);
    if (!signal.aborted) {
      try {
        await updateOpenTicketGauges(deps, now);
      } catch (error) {
        problems.push(`open-ticket timers: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const fatal = [...new Set(errors.filter((e) => e.errorClass === "auth").map((e) => e.message))];
    return { ok: problems.length === 0, problems, fatal };
  };
}

function recordResult(
  metrics: DaemonMetrics,
  result: SyncOnceResult,
  errors: readonly ApiErrorEvent[],
): void {
  for (const c of result.sync.connectors) {
    for (const kind of ["inserted", "updated", "unchanged", "rejected"] as const) {
      metrics.recordsSynced.inc({ connector: c.name, result: kind }, c[kind]);
    }
  }
  for (const w of result.writeback) {
    metrics.writebacks.inc({ connector: w.target, result: "written" }, w.written);
    metrics.writebacks.inc({ connector: w.target, result: "failed" }, w.failed.length);
  }
  for (const [channel, sent] of alertsSentByChannel(result)) metrics.alertsSent.inc({ channel }, sent);
  for (const e of errors) {
    if (e.errorClass === "aborted") continue;
    metrics.apiErrors.inc({ connector: e.connector, operation: e.operation, class: e.errorClass });
  }
}

/** Open tickets by SLA status as at `now`, the same status the write-back sends. */
async function updateOpenTicketGauges(deps: SyncCycleDeps, now: number): Promise<void> {
  const { store, runtime, config, metrics } = deps;
  const context = {
    calendar: runtime.calendar,
    policy: runtime.policyAt(now),
    now,
    atRiskAt: config.notify.atRiskAt,
  };
  const counts = new Map<string, number>(SLA_STATUSES.map((status) => [status, 0]));
  for (const ticket of await store.records("ticket", { openOnly: true })) {
    const status = timerValues(ticket, context).slaStatus ?? "no-norm";
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  for (const [status, count] of counts) metrics.openTickets.set({ sla_status: status }, count);
  metrics.breachesOpen.set(counts.get("breached") ?? 0);
}
