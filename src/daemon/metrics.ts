/**
 * The daemon's Prometheus metrics, on a registry of its own (never prom-client's global one), so
 * that every daemon (and every test) starts from zero. Names follow Prometheus conventions:
 * `_total` for counters, base units (seconds) in the name, timestamps as `_timestamp_seconds`.
 * https://prometheus.io/docs/practices/naming/
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What a remote call's failure was (src/http/errors.ts kinds), `aborted` at shutdown, or `other`. */
export type ApiErrorClass =
  | "transient"
  | "auth"
  | "bad-request"
  | "not-found"
  | "malformed"
  | "aborted"
  | "other";

export interface DaemonMetrics {
  readonly registry: Registry;
  /** sla_sentinel_sync_cycle_duration_seconds{outcome="success"|"failure"} */
  readonly cycleDuration: Histogram<"outcome">;
  /** sla_sentinel_sync_cycles_total{outcome="success"|"failure"|"skipped"} */
  readonly cycles: Counter<"outcome">;
  /** sla_sentinel_last_successful_sync_timestamp_seconds */
  readonly lastSuccess: Gauge;
  /** sla_sentinel_records_synced_total{connector, result="inserted"|"updated"|"unchanged"|"rejected"} */
  readonly recordsSynced: Counter<"connector" | "result">;
  /** sla_sentinel_api_errors_total{connector, operation="poll"|"write", class} */
  readonly apiErrors: Counter<"connector" | "operation" | "class">;
  /** sla_sentinel_writebacks_total{connector, result="written"|"failed"} (tickets) */
  readonly writebacks: Counter<"connector" | "result">;
  /** sla_sentinel_alerts_sent_total{channel} */
  readonly alertsSent: Counter<"channel">;
  /** sla_sentinel_open_tickets{sla_status} after the last cycle */
  readonly openTickets: Gauge<"sla_status">;
  /** sla_sentinel_breaches_open: open tickets with a breached SLA clock after the last cycle */
  readonly breachesOpen: Gauge;
  /** sla_sentinel_report_runs_total{period="month"|"quarter"|"year", outcome="written"|"failed"|"skipped"} */
  readonly reportRuns: Counter<"period" | "outcome">;
  /** sla_sentinel_ready: 1 while /healthz answers 200 (set by the daemon at each scrape) */
  readonly ready: Gauge;
  /** sla_sentinel_active: 1 while this instance holds the tenant's lease and runs the cycles */
  readonly active: Gauge;
  /** sla_sentinel_report_posts_total{channel, outcome="posted"|"recovered"|"failed"|"refused"|"dropped"} */
  readonly reportPosts: Counter<"channel" | "outcome">;
}

/** Cycles are seconds to minutes: a first full TOPdesk sync can take a quarter of an hour. */
const CYCLE_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

export interface MetricsOptions {
  /** Node process metrics (memory, CPU, event-loop lag); default true */
  processMetrics?: boolean;
}

export function createDaemonMetrics(options: MetricsOptions = {}): DaemonMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    cycleDuration: new Histogram({
      name: "sla_sentinel_sync_cycle_duration_seconds",
      help: "Duration of sync cycles (poll, store, write-back, alerts, retention)",
      labelNames: ["outcome"],
      buckets: CYCLE_BUCKETS,
      registers,
    }),
    cycles: new Counter({
      name: "sla_sentinel_sync_cycles_total",
      help: "Sync cycles by outcome; skipped: a tick came while the previous cycle still ran",
      labelNames: ["outcome"],
      registers,
    }),
    lastSuccess: new Gauge({
      name: "sla_sentinel_last_successful_sync_timestamp_seconds",
      help: "Unix time at which the last successful sync cycle ended (0: none yet)",
      registers,
    }),
    recordsSynced: new Counter({
      name: "sla_sentinel_records_synced_total",
      help: "Records read from each connector, by what the store did with them",
      labelNames: ["connector", "result"],
      registers,
    }),
    apiErrors: new Counter({
      name: "sla_sentinel_api_errors_total",
      help: "Remote calls that failed after their retries, by connector, operation and error class",
      labelNames: ["connector", "operation", "class"],
      registers,
    }),
    writebacks: new Counter({
      name: "sla_sentinel_writebacks_total",
      help: "Tickets whose timer fields were written back to the source, or whose write was refused",
      labelNames: ["connector", "result"],
      registers,
    }),
    alertsSent: new Counter({
      name: "sla_sentinel_alerts_sent_total",
      help: "Alerts sent (at risk, breached, major-incident updates), by channel",
      labelNames: ["channel"],
      registers,
    }),
    openTickets: new Gauge({
      name: "sla_sentinel_open_tickets",
      help: "Open tickets by SLA status after the last sync cycle",
      labelNames: ["sla_status"],
      registers,
    }),
    breachesOpen: new Gauge({
      name: "sla_sentinel_breaches_open",
      help: "Open tickets with at least one breached SLA clock after the last sync cycle",
      registers,
    }),
    reportRuns: new Counter({
      name: "sla_sentinel_report_runs_total",
      help: "Scheduled report runs by period kind and outcome",
      labelNames: ["period", "outcome"],
      registers,
    }),
    ready: new Gauge({
      name: "sla_sentinel_ready",
      help: "1 when the last sync cycle succeeded recently (/healthz answers 200), else 0",
      registers,
    }),
    reportPosts: new Counter({
      name: "sla_sentinel_report_posts_total",
      help: "Scheduled reports' chat posts by channel and outcome (failed ones are tried again later)",
      labelNames: ["channel", "outcome"],
      registers,
    }),
    active: new Gauge({
      name: "sla_sentinel_active",
      help: "1 while this instance holds the tenant's lease and runs the cycles, 0 while it stands by",
      registers,
    }),
  };
}
