import { EventEmitter } from "node:events";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runDaemon } from "../../src/cli/commands/run.js";
import { createOutput } from "../../src/cli/output.js";
import { loadConfig } from "../../src/config/index.js";
import type { SignalSource } from "../../src/daemon/index.js";
import { openStore } from "../../src/store/index.js";
import { captureLog, fakeClock, manualScheduler, parseMetrics } from "../daemon/helpers.js";
import { SUPPLIER_NORMS_YAML } from "../support/supplier-norms.js";
import { cli } from "./run-cli.js";

const TICKET = (id: string) =>
  JSON.stringify({
    kind: "ticket",
    id,
    source: "exports",
    type: "incident",
    priority: "P2",
    createdAt: "2026-03-02T09:15:00+01:00",
    events: [{ at: "2026-03-02T11:00:00+01:00", type: "resolved" }],
  });

const FILE_CONNECTOR = "connectors:\n  - {name: exports, type: file, path: ./records.jsonl}\n";

function workspace(port: number, connectors = FILE_CONNECTOR): string {
  const dir = mkdtempSync(join(tmpdir(), "cli-run-"));
  writeFileSync(join(dir, "records.jsonl"), `${[TICKET("I-1"), TICKET("I-2")].join("\n")}\n`);
  writeFileSync(join(dir, "supplier-norms.yaml"), SUPPLIER_NORMS_YAML);
  const config = join(dir, "sla-sentinel.yaml");
  writeFileSync(
    config,
    `contract:\n  supplierNorms: ./supplier-norms.yaml\nstorage: {sqlite: ./store.db}\n${connectors}` +
      `server: {port: ${port}}\n`,
  );
  return config;
}

/** A port nothing listens on (the config needs a real one, not 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(attempt: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("until: gave up");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("sla-sentinel run", () => {
  it("syncs at start, serves /healthz and /metrics, and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    const config = workspace(port);
    const running = cli("-c", config, "run");
    const health = await until(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return response.status === 200 ? await response.json() : undefined;
    });
    expect(health).toMatchObject({ ready: true, status: "ready" });
    const metrics = parseMetrics(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
    expect(metrics.get('sla_sentinel_records_synced_total{connector="exports",result="inserted"}')).toBe(2);
    expect(metrics.get('sla_sentinel_sync_cycles_total{outcome="success"}')).toBe(1);
    expect(metrics.has("process_resident_memory_bytes")).toBe(true);

    expect(process.listenerCount("SIGTERM")).toBeGreaterThan(0);
    process.emit("SIGTERM", "SIGTERM");
    const { code, stderr } = await running;
    expect(code).toBe(0);
    const logs = stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(["daemon starting", "daemon started", "sync cycle succeeded", "daemon stopped"]),
    );
    expect(logs.find((l) => l.msg === "daemon stopping")).toMatchObject({
      reason: "SIGTERM",
      app: "sla-sentinel",
    });
    await expect(fetch(`http://127.0.0.1:${port}/livez`)).rejects.toThrow();
  });

  it("exits 2 with one line naming the connector when its credential is rejected at start-up", async () => {
    const topdesk = createHttpServer((_request, response) => {
      response.writeHead(401, { "Content-Type": "application/json" });
      response.end('{"message":"Unauthorized"}');
    });
    await new Promise<void>((resolve) => topdesk.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => topdesk.close());
    const apiPort = (topdesk.address() as { port: number }).port;
    process.env.SLA_TEST_TOPDESK_PASSWORD = "s3cret-application-password";
    cleanups.push(() => delete process.env.SLA_TEST_TOPDESK_PASSWORD);
    const port = await freePort();
    const config = workspace(
      port,
      "connectors:\n  - {name: topdesk, type: topdesk, " +
        `baseUrl: "http://127.0.0.1:${apiPort}/tas/api", username: api, password: "\${SLA_TEST_TOPDESK_PASSWORD}"}\n`,
    );
    const { code, stderr } = await cli("-c", config, "run");
    expect(code).toBe(2);
    const last = stderr.trim().split("\n").at(-1);
    expect(last).toMatch(/^sla-sentinel: connector "topdesk" \(topdesk\): TOPdesk rejected .*401/);
    expect(stderr).not.toContain("s3cret-application-password");
    await expect(fetch(`http://127.0.0.1:${port}/livez`)).rejects.toThrow();
  });

  it("exits 2 with one line when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => blocker.close());
    const port = (blocker.address() as { port: number }).port;
    const { code, stderr } = await cli("-c", workspace(port), "run");
    expect(code).toBe(2);
    expect(stderr.trim().split("\n").at(-1)).toBe(
      `sla-sentinel: server: port ${port} on 127.0.0.1 is already in use; set server.port or stop the other process`,
    );
  });

  it("exits 2 when no connector is configured", async () => {
    const { code, stderr } = await cli("-c", workspace(await freePort(), ""), "run");
    expect(code).toBe(2);
    expect(stderr).toBe("sla-sentinel: no connectors are configured: add at least one under `connectors:`\n");
  });

  it("saves a scheduled report in the store's BI tables, as well as its files", async () => {
    const schedule =
      'schedule:\n  reports:\n    - {cron: "0 6 1 * *", period: month, formats: [json], out: ./reports}\n';
    const configFile = workspace(await freePort(), FILE_CONNECTOR + schedule);
    const config = await loadConfig(configFile, {});
    const capture = captureLog();
    // 10 April: March is the last complete month, and its report is missing, so it is written at once
    const clock = fakeClock(Date.parse("2026-04-10T09:00:00Z"));
    const signals = new EventEmitter();
    const stopped = runDaemon(
      { config, configFile, out: createOutput("text"), log: capture.log },
      { signals: signals as SignalSource, clock: clock.now, scheduler: manualScheduler(clock, 60_000) },
    );
    await until(async () => (capture.messages().includes("report written") ? true : undefined));
    signals.emit("SIGTERM", "SIGTERM");
    expect(await stopped).toEqual({ clean: true });
    expect(existsSync(join(dirname(configFile), "reports", "sla-report-2026-03.json"))).toBe(true);
    const store = await openStore({ sqlite: join(dirname(configFile), "store.db") });
    try {
      const summaries = await store.savedReports();
      expect(summaries.map((s) => [s.period, s.generatedAt, s.periodComplete])).toEqual([
        ["2026-03", Date.parse("2026-04-10T09:00:00Z"), true],
      ]);
    } finally {
      await store.close();
    }
  });

  it("forces the exit on a second signal", async () => {
    const configFile = workspace(await freePort());
    const config = await loadConfig(configFile, {});
    const capture = captureLog();
    const clock = fakeClock();
    const signals = new EventEmitter();
    const exits: number[] = [];
    const stopped = runDaemon(
      { config, configFile, out: createOutput("text"), log: capture.log },
      {
        signals: signals as SignalSource,
        clock: clock.now,
        scheduler: manualScheduler(clock, 60_000),
        exit: (code) => exits.push(code),
      },
    );
    await until(async () => (capture.messages().includes("sync cycle succeeded") ? true : undefined));
    signals.emit("SIGINT", "SIGINT");
    signals.emit("SIGINT", "SIGINT");
    expect(exits).toEqual([1]);
    expect(
      capture.lines().find((l) => l.msg === "second signal: exiting without waiting for the running cycle"),
    ).toMatchObject({ level: "error", signal: "SIGINT" });
    expect(await stopped).toEqual({ clean: true });
    expect(signals.listenerCount("SIGINT")).toBe(0);
  });
});
