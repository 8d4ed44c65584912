/** Fakes for daemon tests: a clock and a scheduler the test moves by hand, a log it can read. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, parseConfigText } from "../../src/config/index.js";
import { type ContractRuntime, loadContractRuntime } from "../../src/contract/index.js";
import type { ScheduledJob, Scheduler } from "../../src/daemon/index.js";
import { createLogger, type Logger } from "../../src/log/logger.js";
import { SUPPLIER_NORMS_YAML } from "../support/supplier-norms.js";

export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
}

export function fakeClock(start = Date.parse("2026-03-10T09:00:00Z")): FakeClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

export interface ManualScheduler extends Scheduler {
  /** fires the job as node-cron would at its time */
  tick(name: string): void;
  /** names of the jobs still scheduled */
  active(): string[];
}

/** Every job "fires" every `intervalMs` of the fake clock, but only when the test ticks it. */
export function manualScheduler(clock: FakeClock, intervalMs: number): ManualScheduler {
  const jobs = new Map<string, { tick: () => void; stopped: boolean; expression: string }>();
  return {
    schedule(name, expression, tick): ScheduledJob {
      const job = { tick, stopped: false, expression };
      jobs.set(name, job);
      return {
        stop: () => {
          job.stopped = true;
        },
        nextRuns: (count) => {
          const next = (Math.floor(clock.now() / intervalMs) + 1) * intervalMs;
          return Array.from({ length: count }, (_, i) => next + i * intervalMs);
        },
      };
    },
    tick(name) {
      const job = jobs.get(name);
      if (job === undefined) throw new Error(`no job ${name}`);
      if (!job.stopped) job.tick();
    },
    active: () => [...jobs].filter(([, job]) => !job.stopped).map(([name]) => name),
  };
}

export interface LogCapture {
  log: Logger;
  /** parsed JSON lines */
  lines(): Array<Record<string, unknown>>;
  messages(): string[];
}

export function captureLog(): LogCapture {
  const raw: string[] = [];
  const sink = { write: (chunk: string) => raw.push(chunk) > 0 };
  const log = createLogger("debug", sink as unknown as NodeJS.WritableStream);
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, messages: () => lines().map((line) => String(line.msg)) };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Waits, a millisecond at a time, until `check` holds; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error("waitFor: condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

export async function httpGet(
  port: number,
  path: string,
  method = "GET",
): Promise<{ status: number; body: string; type: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  return {
    status: response.status,
    body: await response.text(),
    type: response.headers.get("content-type") ?? "",
  };
}

/** Prometheus text → `name{labels}` → value, labels as written by prom-client. */
export function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

export interface Workspace {
  dir: string;
  configFile: string;
  config: Config;
  runtime: ContractRuntime;
}

/** A temp folder with supplier norms and a config (YAML `extra` appended), parsed and loaded. */
export async function workspace(extra = ""): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), "daemon-"));
  writeFileSync(join(dir, "supplier-norms.yaml"), SUPPLIER_NORMS_YAML);
  const text = `contract:\n  supplierNorms: ./supplier-norms.yaml\nstorage: {sqlite: ./store.db}\n${extra}`;
  const configFile = join(dir, "sla-sentinel.yaml");
  writeFileSync(configFile, text);
  const config = parseConfigText(text, configFile, {}, { baseDir: dir });
  return { dir, configFile, config, runtime: await loadContractRuntime(config.contract, configFile) };
}
