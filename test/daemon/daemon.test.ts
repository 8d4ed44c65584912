import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CycleOutcome,
  createDaemonMetrics,
  Daemon,
  type DaemonJob,
  type DaemonOptions,
  type JobContext,
  StartupError,
} from "../../src/daemon/index.js";
import {
  captureLog,
  deferred,
  fakeClock,
  httpGet,
  type ManualScheduler,
  manualScheduler,
  parseMetrics,
  waitFor,
} from "./helpers.js";

const INTERVAL = 60_000;
const GOOD: CycleOutcome = { ok: true, problems: [], fatal: [] };
const bad = (problem: string): CycleOutcome => ({ ok: false, problems: [problem], fatal: [] });

interface Harness {
  daemon: Daemon;
  scheduler: ManualScheduler;
  clock: ReturnType<typeof fakeClock>;
  capture: ReturnType<typeof captureLog>;
  events: string[];
  port: () => number;
}

const running: Daemon[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((daemon) => daemon.stop("test over")));
});

function harness(sync: DaemonOptions["sync"], overrides: Partial<DaemonOptions> = {}): Harness {
  const clock = fakeClock();
  const scheduler = manualScheduler(clock, INTERVAL);
  const capture = captureLog();
  const events: string[] = [];
  const daemon = new Daemon({
    syncCron: "* * * * *",
    sync,
    scheduler,
    clock: clock.now,
    server: { host: "127.0.0.1", port: 0 },
    metrics: createDaemonMetrics({ processMetrics: false }),
    log: capture.log,
    close: async () => {
      events.push("store closed");
    },
    syncAtStart: false,
    shutdownGraceMs: 2_000,
    ...overrides,
  });
  running.push(daemon);
  return { daemon, scheduler, clock, capture, events, port: () => daemon.address().port };
}

/** A sync function whose calls the test answers one by one. */
function scriptedSync() {
  const calls: Array<{ context: JobContext; answer: ReturnType<typeof deferred<CycleOutcome>> }> = [];
  const sync = (context: JobContext) => {
    const answer = deferred<CycleOutcome>();
    calls.push({ context, answer });
    return answer.promise;
  };
  return { sync, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("Daemon scheduling", () => {
  it("skips and logs a tick that comes while the previous cycle still runs, and never stacks it", async () => {
    const { sync, calls } = scriptedSync();
    const h = harness(sync);
    await h.daemon.start();
    h.scheduler.tick("sync");
    h.scheduler.tick("sync");
    h.scheduler.tick("sync");
    await settle();
    expect(calls).toHaveLength(1);
    const skipped = h.capture
      .lines()
      .filter((l) => l.msg === "sync cycle skipped: the previous cycle is still running");
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toMatchObject({ level: "warn", trigger: "schedule" });

    calls[0]?.answer.resolve(GOOD);
    await waitFor(() => h.daemon.health().ready);
    await settle();
    expect(calls).toHaveLength(1); // the skipped ticks were not queued behind it
    h.scheduler.tick("sync");
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]?.answer.resolve(GOOD);

    const metrics = parseMetrics((await httpGet(h.port(), "/metrics")).body);
    expect(metrics.get('sla_sentinel_sync_cycles_total{outcome="skipped"}')).toBe(2);
  });

  it("runs a cycle at start with the clock's time and the daemon's signal", async () => {
    const seen: JobContext[] = [];
    const h = harness(
      async (context) => {
        seen.push(context);
        return GOOD;
      },
      { syncAtStart: true },
    );
    await h.daemon.start();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.now).toBe(h.clock.now());
    expect(seen[0]?.signal.aborted).toBe(false);
    expect(h.daemon.health()).toMatchObject({ ready: true, status: "ready" });
  });

  it("counts a throwing cycle as a failed one, with its message", async () => {
    const h = harness(
      async () => {
        throw new Error("database is locked");
      },
      { syncAtStart: true },
    );
    await h.daemon.start();
    expect(h.daemon.health()).toMatchObject({
      ready: false,
      status: "failing",
      reason: "the last sync cycle failed: database is locked",
    });
    expect(h.capture.lines().find((l) => l.msg === "sync cycle failed")).toMatchObject({
      level: "warn",
      problems: ["database is locked"],
    });
  });
});

describe("Daemon health", () => {
  it("is unready before any cycle, ready after a good one, unready after a failure and when stale", async () => {
    const { sync, calls } = scriptedSync();
    const h = harness(sync);
    await h.daemon.start();
    const first = await httpGet(h.port(), "/healthz");
    expect(first.status).toBe(503);
    expect(first.type).toMatch(/^application\/json/);
    expect(JSON.parse(first.body)).toMatchObject({ ready: false, status: "starting" });

    const cycle = async (outcome: CycleOutcome, durationMs = 2_000) => {
      h.scheduler.tick("sync");
      await settle();
      h.clock.advance(durationMs);
      calls.at(-1)?.answer.resolve(outcome);
      await waitFor(() => h.daemon.health().lastCycle?.endedAt === new Date(h.clock.now()).toISOString());
    };

    await cycle(GOOD);
    const good = await httpGet(h.port(), "/healthz");
    expect(good.status).toBe(200);
    const report = JSON.parse(good.body);
    expect(report).toMatchObject({
      ready: true,
      status: "ready",
      lastSuccessAt: new Date(h.clock.now()).toISOString(),
    });

    await cycle(
      bad("connector topdesk: GET https://x.topdesk.net/tas/api/incidents: 503 Service Unavailable"),
    );
    const failing = await httpGet(h.port(), "/healthz");
    expect(failing.status).toBe(503);
    expect(JSON.parse(failing.body)).toMatchObject({
      status: "failing",
      reason:
        "the last sync cycle failed: connector topdesk: GET https://x.topdesk.net/tas/api/incidents: 503 Service Unavailable",
      lastSuccessAt: report.lastSuccessAt,
    });

    await cycle(GOOD, 5_000);
    expect((await httpGet(h.port(), "/healthz")).status).toBe(200);
    // Stale after the third tick from the success, plus as long as the good cycle took (5 s).
    const successAt = h.clock.now();
    const thirdTick = (Math.floor(successAt / INTERVAL) + 3) * INTERVAL;
    const readyUntil = thirdTick + 5_000;
    expect(h.daemon.health().readyUntil).toBe(new Date(readyUntil).toISOString());
    h.clock.advance(readyUntil - successAt);
    expect((await httpGet(h.port(), "/healthz")).status).toBe(200);
    h.clock.advance(1);
    const stale = await httpGet(h.port(), "/healthz");
    expect(stale.status).toBe(503);
    expect(JSON.parse(stale.body)).toMatchObject({
      status: "stale",
      reason: `no successful sync cycle since ${new Date(successAt).toISOString()}`,
    });
    const metrics = parseMetrics((await httpGet(h.port(), "/metrics")).body);
    expect(metrics.get("sla_sentinel_ready")).toBe(0);
  });

  it("answers /livez 200 whatever the cycles do, 404 elsewhere and 405 for writes", async () => {
    const h = harness(async () => bad("down"), { syncAtStart: true });
    await h.daemon.start();
    const live = await httpGet(h.port(), "/livez");
    expect(live.status).toBe(200);
    expect(JSON.parse(live.body)).toEqual({ status: "alive" });
    expect((await httpGet(h.port(), "/healthz")).status).toBe(503);
    expect((await httpGet(h.port(), "/nope")).status).toBe(404);
    expect((await httpGet(h.port(), "/healthz", "POST")).status).toBe(405);
    const head = await httpGet(h.port(), "/livez", "HEAD");
    expect(head).toMatchObject({ status: 200, body: "" });
  });
});

describe("Daemon metrics", () => {
  it("exposes cycle counts, the duration histogram and the last success in Prometheus text", async () => {
    const { sync, calls } = scriptedSync();
    const h = harness(sync);
    await h.daemon.start();
    for (const [outcome, ms] of [
      [GOOD, 1_200],
      [bad("x"), 40_000],
      [GOOD, 300],
    ] as const) {
      h.scheduler.tick("sync");
      await settle();
      h.clock.advance(ms);
      calls.at(-1)?.answer.resolve(outcome);
      await settle();
    }
    const response = await httpGet(h.port(), "/metrics");
    expect(response.status).toBe(200);
    expect(response.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain("# TYPE sla_sentinel_sync_cycle_duration_seconds histogram");
    expect(response.body).toContain("# TYPE sla_sentinel_sync_cycles_total counter");
    const m = parseMetrics(response.body);
    expect(m.get('sla_sentinel_sync_cycles_total{outcome="success"}')).toBe(2);
    expect(m.get('sla_sentinel_sync_cycles_total{outcome="failure"}')).toBe(1);
    expect(m.get('sla_sentinel_sync_cycle_duration_seconds_count{outcome="success"}')).toBe(2);
    expect(m.get('sla_sentinel_sync_cycle_duration_seconds_sum{outcome="success"}')).toBeCloseTo(1.5);
    // 0.3 s and 1.2 s: one at or below 0.5 s, both at or below 2.5 s
    expect(m.get('sla_sentinel_sync_cycle_duration_seconds_bucket{le="0.5",outcome="success"}')).toBe(1);
    expect(m.get('sla_sentinel_sync_cycle_duration_seconds_bucket{le="2.5",outcome="success"}')).toBe(2);
    expect(m.get('sla_sentinel_sync_cycle_duration_seconds_bucket{le="30",outcome="failure"}')).toBe(0);
    expect(m.get('sla_sentinel_sync_cycle_duration_seconds_bucket{le="60",outcome="failure"}')).toBe(1);
    expect(m.get("sla_sentinel_last_successful_sync_timestamp_seconds")).toBe(h.clock.now() / 1000);
    expect(m.get("sla_sentinel_ready")).toBe(1);
  });
});

describe("Daemon stop", () => {
  it("aborts the running cycle, waits for it, then closes the server and the store", async () => {
    const ended: string[] = [];
    const h = harness(async ({ signal }) => {
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      await settle(); // the cycle finishes its batch after the abort
      ended.push("cycle ended");
      h.events.push("cycle ended");
      return bad(String(signal.reason?.message));
    });
    await h.daemon.start();
    const port = h.port();
    h.scheduler.tick("sync");
    await settle();
    const stopping = h.daemon.stop("SIGTERM");
    expect(h.daemon.health()).toMatchObject({ ready: false, status: "stopping" });
    expect(h.scheduler.active()).toEqual([]);
    expect(await stopping).toEqual({ clean: true });
    expect(await h.daemon.stopped).toEqual({ clean: true });
    expect(h.events).toEqual(["cycle ended", "store closed"]);
    await expect(httpGet(port, "/livez")).rejects.toThrow();
    expect(h.capture.messages()).toEqual(
      expect.arrayContaining(["daemon stopping", "sync cycle stopped by shutdown", "daemon stopped"]),
    );
    expect(h.daemon.health().lastCycle?.problems).toEqual(["stopped: the daemon is shutting down"]);
    expect(await h.daemon.stop("again")).toEqual({ clean: true }); // idempotent
  });

  it("says a cycle that completed its steps after the abort was stopped, not that it succeeded", async () => {
    const h = harness(async ({ signal }) => {
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      return { ok: true, problems: [], fatal: [] }; // the alert step simply stopped early
    });
    await h.daemon.start();
    h.scheduler.tick("sync");
    await settle();
    const before = h.capture.messages().filter((m) => m === "sync cycle succeeded").length;
    expect(await h.daemon.stop("SIGTERM")).toEqual({ clean: true });
    const messages = h.capture.messages();
    expect(messages.filter((m) => m === "sync cycle succeeded")).toHaveLength(before);
    expect(messages).toContain("sync cycle stopped by shutdown");
  });

  it("closes anyway, not clean, when the cycle ignores the abort past the grace period", async () => {
    const stuck = deferred<CycleOutcome>();
    const h = harness(() => stuck.promise, { shutdownGraceMs: 10 });
    await h.daemon.start();
    h.scheduler.tick("sync");
    await settle();
    expect(await h.daemon.stop("SIGTERM")).toEqual({ clean: false });
    expect(h.events).toEqual(["store closed"]);
    expect(
      h.capture.lines().find((l) => l.msg === "the running job did not stop in time; closing anyway"),
    ).toMatchObject({
      level: "error",
      graceMs: 10,
    });
    stuck.resolve(GOOD);
  });

  it("starts nothing once stopping: later ticks and queued jobs are dropped", async () => {
    let cycles = 0;
    const h = harness(async () => {
      cycles += 1;
      return GOOD;
    });
    await h.daemon.start();
    await h.daemon.stop("SIGINT");
    h.scheduler.tick("sync"); // a stopped job does not fire; the daemon ignores it anyway
    await settle();
    expect(cycles).toBe(0);
  });
});

describe("Daemon start-up", () => {
  it("fails with the credential problem of the first cycle, after closing everything", async () => {
    const problem =
      'connector "topdesk" (topdesk): TOPdesk rejected the login name or application password (401)';
    const h = harness(async () => ({ ok: false, problems: [problem], fatal: [problem] }), {
      syncAtStart: true,
    });
    const start = h.daemon.start();
    await expect(start).rejects.toThrow(StartupError);
    await expect(start).rejects.toThrow(problem);
    expect(h.events).toEqual(["store closed"]);
    expect(await h.daemon.stopped).toEqual({ clean: true });
  });

  it("leaves nothing listening when a stop comes while the port is being opened", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const h = harness(async () => GOOD, { server: { host: "127.0.0.1", port }, syncAtStart: true });
    const started = h.daemon.start();
    const stopped = h.daemon.stop("SIGTERM");
    await started;
    expect(await stopped).toEqual({ clean: true });
    expect(h.scheduler.active()).toEqual([]);
    await expect(httpGet(port, "/livez")).rejects.toThrow();
  });

  it("keeps running when the first cycle fails for a reason that may pass (an outage)", async () => {
    const h = harness(async () => bad("connector topdesk: 503"), { syncAtStart: true });
    await h.daemon.start();
    expect(h.daemon.health().status).toBe("failing");
    expect(h.events).toEqual([]);
  });

  it("fails with one line when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const h = harness(async () => GOOD, { server: { host: "127.0.0.1", port } });
      await expect(h.daemon.start()).rejects.toThrow(
        `server: port ${port} on 127.0.0.1 is already in use; set server.port or stop the other process`,
      );
      expect(h.events).toEqual(["store closed"]);
    } finally {
      blocker.close();
    }
  });
});

describe("Daemon jobs", () => {
  it("runs a job after the running cycle (one job at a time) and skips its tick while it is pending", async () => {
    const { sync, calls } = scriptedSync();
    const order: string[] = [];
    const job: DaemonJob = {
      name: "reports[0]:month",
      cron: "0 6 1 * *",
      run: async ({ now }) => {
        order.push(`job at ${now}`);
      },
    };
    const h = harness(sync, { jobs: [job] });
    await h.daemon.start();
    h.scheduler.tick("sync");
    await settle();
    const tickedAt = h.clock.now();
    h.scheduler.tick("reports[0]:month");
    h.scheduler.tick("reports[0]:month");
    await settle();
    expect(order).toEqual([]); // waits for the cycle
    expect(
      h.capture.lines().find((l) => l.msg === "scheduled job skipped: its previous run is still going"),
    ).toMatchObject({
      job: "reports[0]:month",
    });
    h.clock.advance(1_000);
    order.push("cycle ended");
    calls[0]?.answer.resolve(GOOD);
    await waitFor(() => order.length === 2);
    expect(order).toEqual(["cycle ended", `job at ${tickedAt}`]);
  });

  it("logs a job that throws and goes on", async () => {
    const job: DaemonJob = {
      name: "broken",
      cron: "* * * * *",
      run: async () => {
        throw new Error("disk full");
      },
    };
    const h = harness(async () => GOOD, { jobs: [job] });
    await h.daemon.start();
    h.scheduler.tick("broken");
    await waitFor(() => h.capture.messages().includes("scheduled job failed"));
    expect(h.capture.lines().find((l) => l.msg === "scheduled job failed")).toMatchObject({
      job: "broken",
      error: "disk full",
    });
  });

  it("after the first good cycle, catches up once on the jobs whose output is missing", async () => {
    const runs: string[] = [];
    const job = (name: string, missing: boolean): DaemonJob => ({
      name,
      cron: "0 6 1 * *",
      run: async () => {
        runs.push(name);
      },
      isMissing: async () => missing,
    });
    const { sync, calls } = scriptedSync();
    const h = harness(sync, { jobs: [job("missing", true), job("present", false)] });
    await h.daemon.start();
    h.scheduler.tick("sync");
    await settle();
    calls[0]?.answer.resolve(bad("down"));
    await settle();
    expect(runs).toEqual([]); // not on data a failed cycle left incomplete
    for (const i of [1, 2]) {
      h.scheduler.tick("sync");
      await settle();
      calls[i]?.answer.resolve(GOOD);
      await settle();
    }
    await waitFor(() => runs.length > 0);
    await settle();
    expect(runs).toEqual(["missing"]);
  });
});
