/**
 * `timers [--at TIME] [--format json]`: the live SLA timers of every open ticket as at TIME
 * (default now), most urgent first: breached, then the least remaining share.
 */
import type { Command } from "commander";
import { DateTime } from "luxon";
import { duration } from "../../alerts/content.js";
import { loadContractRuntime } from "../../contract/index.js";
import { liveTimers, type TimerRow } from "../../engine/timers/index.js";
import { explainBadInstant, type Instant, MINUTE_MS, parseInstant } from "../../model/instant.js";
import { openStore } from "../../store/index.js";
import { commandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../errors.js";
import type { Output } from "../output.js";
import { type JsmSlaCheck, jsmSlaChecks } from "./timers-jsm.js";

export function registerTimers(program: Command, globals: () => GlobalOptions): void {
  program
    .command("timers")
    .description("live SLA timers of every open ticket, most urgent first")
    .option("--at <time>", "as at this time, ISO 8601 with offset (default now)")
    .action(async (opts: { at?: string }) => {
      const now = opts.at === undefined ? Date.now() : instantArg("--at", opts.at);
      const { config, configFile, out } = await commandContext(globals(), { needsFile: true });
      const runtime = await loadContractRuntime(config.contract, configFile);
      const store = await openStore(config.storage);
      let rows: TimerRow[];
      let checks: JsmSlaCheck[];
      try {
        // Open now, or active since `now`: every ticket that can be open at a past `--at`.
        const tickets = await store.records("ticket", { activeSince: now });
        const clockContext = { calendar: runtime.calendar, policy: runtime.policyAt(now) };
        rows = liveTimers(tickets, { ...clockContext, now, atRiskAt: config.notify.atRiskAt });
        checks = await jsmSlaChecks(rows, config, store, clockContext);
      } finally {
        await store.close();
      }
      printTimers(out, rows, now, runtime.calendar.zone, checks);
    });
}

/** One timer as `timers --format json` prints it; times are ISO 8601 in the service window's zone. */
export interface TimerJson {
  source: string;
  ticket: string;
  title: string | null;
  priority: string | null;
  type: string;
  location: string | null;
  owner: string | null;
  group: string | null;
  clock: string;
  clockKind: "business" | "clock";
  state: string;
  deadline: string;
  /** on the clock's own kind (business minutes for P2–P4), rounded down; negative once breached */
  remainingMinutes: number;
  /** share of the allowed time used, 4 decimals */
  usedShare: number;
  stopped: boolean;
  pausedSince: string | null;
}

export function timerJson(row: TimerRow, zone: string): TimerJson {
  const { ticket, state } = row.ticket;
  const { timer } = row;
  return {
    source: ticket.source,
    ticket: ticket.id,
    title: ticket.title,
    priority: state.priority,
    type: ticket.type,
    location: ticket.location,
    owner: state.owner,
    group: state.group,
    clock: timer.clock,
    clockKind: timer.clockKind,
    state: timer.state,
    deadline: isoIn(timer.deadline, zone),
    remainingMinutes: Math.floor(timer.remainingMs / MINUTE_MS),
    usedShare: Math.round(timer.usedShare * 10_000) / 10_000,
    stopped: timer.stopped,
    pausedSince: timer.pausedSince === null ? null : isoIn(timer.pausedSince, zone),
  };
}

function printTimers(
  out: Output,
  rows: readonly TimerRow[],
  now: Instant,
  zone: string,
  jsmSla: readonly JsmSlaCheck[],
): void {
  const timers = rows.map((row) => timerJson(row, zone));
  out.json({ at: isoIn(now, zone), timers, jsmSla });
  out.text(`SLA timers as at ${local(now, zone, "ccc d LLL yyyy HH:mm ZZZZ")} (${zone})`);
  if (timers.length === 0) {
    out.text("no open ticket has a clock with a norm");
    return;
  }
  const header = ["STATE", "TICKET", "PRI", "CLOCK", "DEADLINE", "LEFT", "USED", "OWNER", "TITLE"];
  const lines = rows.map((row, i) => {
    const t = timers[i] as TimerJson;
    const ms = row.timer.remainingMs;
    const left = ms >= 0 ? duration(ms) : `-${duration(-ms)}`;
    return [
      t.state,
      `${t.source}/${t.ticket}`,
      t.priority ?? "-",
      t.clock,
      local(row.timer.deadline, zone, "ccc d LLL HH:mm"),
      row.timer.clockKind === "business" ? `${left} (b)` : left,
      `${Math.round(row.timer.usedShare * 100)}%`,
      t.owner ?? t.group ?? "-",
      clip(t.title ?? "", 40),
    ];
  });
  for (const line of table([header, ...lines])) out.text(line);
  out.text("(b): business time, counted inside the service window only");
  if (jsmSla.length > 0) out.text("Jira Service Management's own SLA disagrees with the contract's clock:");
  for (const check of jsmSla) {
    for (const d of check.disagreements)
      out.text(`  ${check.source}/${check.ticket} ${d.clock}: ${d.message}`);
  }
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => [...(r[col] ?? "")].length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function local(at: Instant, zone: string, format: string): string {
  return DateTime.fromMillis(at, { zone }).setLocale("en-GB").toFormat(format);
}

function isoIn(at: Instant, zone: string): string {
  return (
    DateTime.fromMillis(at, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(at).toISOString()
  );
}

function instantArg(flag: string, value: string): Instant {
  const ms = parseInstant(value);
  if (ms === null) throw new UsageError(`${flag}: ${explainBadInstant(value)}`);
  return ms;
}
