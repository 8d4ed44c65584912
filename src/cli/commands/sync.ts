/**
 * `sync`: one cycle of every configured connector into the store, then the timers written back,
 * then the alerts that became due recorded and sent.
 */
import type { Command } from "commander";
import { createConnector } from "../../../connectors/registry.js";
import { dryRunState } from "../../../connectors/state.js";
import { type Connector, describeRejection } from "../../../connectors/types.js";
import {
  type AlertChannel,
  type AlertSummary,
  buildAlertChannels,
  type DeliveryTuning,
  runAlerts,
  ticketLinker,
} from "../../alerts/index.js";
import type { Config } from "../../config/index.js";
import { type ContractRuntime, loadContractRuntime } from "../../contract/index.js";
import { ACTIVE_LEASE, ActiveLease } from "../../daemon/active-lease.js";
import type { Logger } from "../../log/logger.js";
import { runWriteback, type WritebackSummary, type WritebackTarget } from "../../sinks/writeback/index.js";
import { openStore } from "../../store/index.js";
import type { Store } from "../../store/types.js";
import { runSync, type SyncSummary } from "../../sync/index.js";
import { VERSION } from "../../version.js";
import { commandContext, type GlobalOptions } from "../context.js";
import { RunFailure, UsageError } from "../errors.js";
import type { Output } from "../output.js";
import { applyRetention } from "../retention.js";

export function registerSync(program: Command, globals: () => GlobalOptions): void {
  program
    .command("sync")
    .description(
      "one cycle: poll every connector (incrementally), store, write changed timers back, send due alerts",
    )
    .option(
      "--dry-run",
      "read and validate everything, write and send nothing (prints what it would do)",
      false,
    )
    .action(async (opts: { dryRun: boolean }) => {
      const { config, configFile, out, log } = await commandContext(globals(), { needsFile: true });
      const runtime = await loadContractRuntime(config.contract, configFile);
      const store = await openStore(config.storage);
      const lease = new ActiveLease({
        store,
        clock: Date.now,
        ttlMs: config.schedule.leaseSeconds * 1000,
        log,
      });
      try {
        const connectors = buildConnectors(config, log, store, opts.dryRun);
        const now = Date.now();
        // A dry run writes nothing, so it may run beside an active instance.
        if (!opts.dryRun && !(await lease.claim(now))) throw new RunFailure(await busyMessage(store, now));
        const result = await syncOnce(store, connectors, { dryRun: opts.dryRun, log, config, now, runtime });
        printSummary(out, result);
        const failed =
          !result.sync.ok ||
          result.writeback.some((w) => w.error !== undefined) ||
          result.alerts.some((a) => a.error !== undefined);
        if (failed)
          throw new RunFailure("sync failed for at least one connector or alert channel (see above)");
      } finally {
        await lease.release();
        await store.close();
      }
    });
}

/** Who holds the tenant's lease, for the refusal of a `sync` beside a running instance. */
async function busyMessage(store: Store, now: number): Promise<string> {
  const holder = (await store.leases()).find((l) => l.name === ACTIVE_LEASE && l.expiresAt > now);
  const who = holder === undefined ? "another instance" : `instance ${holder.holder}`;
  return (
    `${who} is running the sync cycles of tenant ${store.tenant}` +
    (holder === undefined ? "" : ` (lease until ${new Date(holder.expiresAt).toISOString()})`) +
    "; a second cycle would race it. Wait for it to stop, or use --dry-run"
  );
}

export interface SyncOnceResult {
  sync: SyncSummary;
  writeback: WritebackSummary[];
  purged: number;
}

/** What `syncOnce` returns: the result above and the alert step's part. */
export interface SyncOnceResultWithAlerts extends SyncOnceResult {
  /** one entry per configured chat channel (empty when `notify` names none) */
  alerts: AlertSummary[];
}

export interface SyncOnceOptions {
  dryRun: boolean;
  log: Logger;
  config: Config;
  now: number;
  runtime: ContractRuntime;
  /** aborts the cycle's remote calls (daemon shutdown) */
  signal?: AbortSignal;
  /** the chat channels, built once by a long-running caller; default: built from `config.notify` */
  alertChannels?: ReadonlyMap<string, AlertChannel>;
  /** pacing, waits and backoff of alert delivery (tests) */
  alertDelivery?: DeliveryTuning;
}

/**
 * Poll and store every connector, write the timers back to the ticket sources, apply retention,
 * then record and send the alerts that are due (after the write-back: a chat outage delays
 * alerts, never polling or write-back).
 */
export async function syncOnce(
  store: Store,
  connectors: Connector[],
  options: SyncOnceOptions,
): Promise<SyncOnceResultWithAlerts> {
  const { dryRun, log, config, now, runtime, signal } = options;
  const sync = await runSync({ store, connectors, dryRun, log, ...(signal !== undefined && { signal }) });
  const targets = connectors.filter(isWritebackTarget);
  const context = {
    calendar: runtime.calendar,
    policy: runtime.policyAt(now),
    now,
    atRiskAt: config.notify.atRiskAt,
  };
  const writeback =
    targets.length === 0
      ? []
      : await runWriteback({ store, targets, context, dryRun, log, ...(signal !== undefined && { signal }) });
  const zone = config.contract.serviceWindow.timezone;
  const purged = dryRun ? 0 : await applyRetention(store, config.storage.retention.months, now, zone);
  const alerts = await runAlerts({
    store,
    notify: config.notify,
    context,
    channels:
      options.alertChannels ??
      buildAlertChannels(config.notify, { log, userAgent: `sla-sentinel/${VERSION}` }),
    links: ticketLinker(config.connectors, connectors),
    dryRun,
    log,
    ...(signal !== undefined && { signal }),
    ...(options.alertDelivery !== undefined && { delivery: options.alertDelivery }),
  });
  return { sync, writeback, purged, alerts };
}

function isWritebackTarget(connector: Connector): connector is Connector & WritebackTarget {
  return typeof (connector as Partial<WritebackTarget>).writeFields === "function";
}

/** Builds every configured connector with the store's state; each makes its own HTTP pipeline, so its errors are described in its vendor's terms. */
export function buildConnectors(config: Config, log: Logger, store: Store, dryRun: boolean): Connector[] {
  if (config.connectors.length === 0) {
    throw new UsageError("no connectors are configured: add at least one under `connectors:`");
  }
  const state = dryRun ? dryRunState(store) : store;
  return config.connectors.map((entry, index) => {
    try {
      return createConnector(entry, {
        log: log.child({ connector: entry.name }),
        state,
        zone: config.contract.serviceWindow.timezone,
      });
    } catch (error) {
      throw new UsageError(`connectors[${index}] (${entry.name}): ${(error as Error).message}`);
    }
  });
}

export function printSummary(
  out: Output,
  { sync, writeback, purged, alerts = [] }: SyncOnceResult & { alerts?: AlertSummary[] },
): void {
  out.json({ ...sync, writeback, purged, alerts });
  const verb = sync.dryRun ? "would store" : "stored";
  for (const c of sync.connectors) {
    out.text(
      `${c.name} (${c.type}): read ${c.read}, ${verb} ${c.inserted} new and ${c.updated} updated, ` +
        `${c.unchanged} unchanged, ${c.rejected} rejected`,
    );
    for (const rejection of c.rejections) out.text(`  rejected ${describeRejection(rejection)}`);
    if (c.rejected > c.rejections.length)
      out.text(`  … and ${c.rejected - c.rejections.length} more rejected`);
    if (c.error !== undefined) out.text(`  FAILED: ${c.error}`);
  }
  for (const w of writeback) {
    const pending = w.pending.length;
    const what =
      w.mode === "write"
        ? `wrote ${w.written} tickets, ${w.unchanged} unchanged`
        : `${w.mode}: would write ${pending} tickets, ${w.unchanged} unchanged`;
    out.text(`${w.target} write-back: ${what} (of ${w.considered} looked at)`);
    if (w.mode !== "write")
      for (const p of w.pending.slice(0, 20)) out.text(`  ${p.ticket}: ${JSON.stringify(p.fields)}`);
    for (const f of w.failed) out.text(`  refused ${f.ticket}: ${f.error}`);
    if (w.error !== undefined) out.text(`  FAILED: ${w.error}`);
  }
  if (purged > 0) out.text(`retention: removed ${purged} records past the retention period`);
  for (const a of alerts) printAlerts(out, a);
}

function printAlerts(out: Output, a: AlertSummary): void {
  if (a.mode === "dry-run") {
    const sending = a.wouldSend.filter((p) => p.action !== "held").length;
    out.text(`alerts ${a.channel}: dry-run: would record ${a.recorded}, send ${sending}, hold ${a.held}`);
    for (const p of a.wouldSend.slice(0, 20)) {
      const when = p.notBefore === undefined ? "" : ` until ${p.notBefore}`;
      out.text(`  ${p.action}${when}: ${p.source}/${p.ticket} ${p.clock} ${p.transition} (${p.deadline})`);
    }
    if (a.wouldSend.length > 20) out.text(`  … and ${a.wouldSend.length - 20} more`);
    return;
  }
  const settled = [
    a.updated > 0 ? `${a.updated} updated in place` : "",
    a.recovered > 0 ? `${a.recovered} found sent after a restart` : "",
    a.superseded + a.expired > 0 ? `${a.superseded + a.expired} dropped as the state moved on` : "",
    a.failed > 0 ? `${a.failed} refused` : "",
  ].filter((part) => part !== "");
  out.text(
    `alerts ${a.channel}: recorded ${a.recorded}, sent ${a.sent}${settled.length > 0 ? ` (${settled.join(", ")})` : ""}, ` +
      `${a.pending} pending (${a.held} held for the service window)`,
  );
  if (a.delayed !== undefined) out.text(`  DELAYED: ${a.delayed} (kept pending, retried next cycle)`);
  if (a.error !== undefined) out.text(`  FAILED: ${a.error} (kept pending until fixed)`);
}
