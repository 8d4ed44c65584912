import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ActiveLease, leasedCycle, leasedJob } from "../../src/daemon/active-lease.js";
import type { CycleOutcome, DaemonJob, JobContext } from "../../src/daemon/index.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import { captureLog, deferred, type FakeClock, fakeClock } from "./helpers.js";

const TTL = 30_000;
const good: CycleOutcome = { ok: true, problems: [], fatal: [] };

let store: Store;
let clock: FakeClock;
let leases: ActiveLease[];

function instance(holder: string): ActiveLease {
  const lease = new ActiveLease({ store, clock: clock.now, ttlMs: TTL, log: captureLog().log, holder });
  leases.push(lease);
  return lease;
}

function context(signal = new AbortController().signal): JobContext {
  return { now: clock.now(), signal };
}

beforeEach(async () => {
  store = SqliteStore.open(":memory:");
  await store.migrate();
  clock = fakeClock();
  leases = [];
});
afterEach(async () => {
  for (const lease of leases) await lease.release();
  await store.close();
});

describe("ActiveLease", () => {
  it("lets one instance be active while the other stands by", async () => {
    const a = instance("a");
    const b = instance("b");
    expect(await a.claim(clock.now())).toBe(true);
    expect(await b.claim(clock.now())).toBe(false);
    expect(a.held(clock.now())).toBe(true);
    expect(b.held(clock.now())).toBe(false);
  });

  it("keeps the lease with its holder as long as it renews", async () => {
    const a = instance("a");
    const b = instance("b");
    await a.claim(clock.now());
    for (let i = 0; i < 5; i++) {
      clock.advance(TTL - 1_000);
      expect(await a.claim(clock.now())).toBe(true);
      expect(await b.claim(clock.now())).toBe(false);
    }
  });

  it("hands the lease to a standby once a silent holder's lease has lapsed, not before", async () => {
    const a = instance("a");
    const b = instance("b");
    await a.claim(clock.now());
    clock.advance(TTL - 1);
    expect(await b.claim(clock.now())).toBe(false);
    clock.advance(1);
    expect(await b.claim(clock.now())).toBe(true);
    // the old holder finds out at its next renewal, and its running cycle is told
    expect(await a.claim(clock.now())).toBe(false);
    expect(a.lostSignal.aborted).toBe(true);
    expect(b.lostSignal.aborted).toBe(false);
  });

  it("lets a standby take over at once after a clean release", async () => {
    const a = instance("a");
    const b = instance("b");
    await a.claim(clock.now());
    await a.release();
    expect(await b.claim(clock.now())).toBe(true);
  });

  it("keeps a held lease through a database error until it lapses by the clock", async () => {
    const a = instance("a");
    await a.claim(clock.now());
    const real = store.acquireLease.bind(store);
    store.acquireLease = async () => {
      throw new Error("connection refused");
    };
    clock.advance(TTL - 1);
    expect(await a.claim(clock.now())).toBe(true);
    clock.advance(1);
    expect(await a.claim(clock.now())).toBe(false);
    expect(a.lostSignal.aborted).toBe(true);
    store.acquireLease = real;
  });

  it("refuses a time to live under 3 seconds", () => {
    expect(() => new ActiveLease({ store, clock: clock.now, ttlMs: 2_999, log: captureLog().log })).toThrow(
      /at least 3 seconds/,
    );
  });
});

describe("leasedCycle", () => {
  it("runs the cycle on the active instance only; a standby tick is a good cycle", async () => {
    const runs: string[] = [];
    const cycleOf = (name: string) => async () => {
      runs.push(name);
      return good;
    };
    const a = leasedCycle(instance("a"), cycleOf("a"));
    const b = leasedCycle(instance("b"), cycleOf("b"));
    expect(await a(context())).toEqual(good);
    expect(await b(context())).toEqual(good);
    clock.advance(60_000);
    // a did not renew for 60 s (no heartbeat under the fake clock): b takes over
    await b(context());
    expect(runs).toEqual(["a", "b"]);
  });

  it("fails a standby tick that cannot reach the database", async () => {
    const a = instance("a");
    await a.claim(clock.now());
    const b = instance("b");
    store.acquireLease = async () => {
      throw new Error("connection refused");
    };
    const outcome = await leasedCycle(b, async () => good)(context());
    expect(outcome).toEqual({ ok: false, problems: ["lease: connection refused"], fatal: [] });
  });

  it("aborts the running cycle when the lease is lost, and says so", async () => {
    const a = instance("a");
    const started = deferred();
    let seen: AbortSignal | undefined;
    const cycle = leasedCycle(a, async ({ signal }) => {
      seen = signal;
      started.resolve();
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      return good;
    });
    const running = cycle(context());
    await started.promise;
    clock.advance(TTL);
    expect(await instance("b").claim(clock.now())).toBe(true);
    await a.claim(clock.now());
    const outcome = await running;
    expect(seen?.aborted).toBe(true);
    expect(outcome.ok).toBe(false);
    expect(outcome.problems).toEqual(["lease lost during the cycle: it was abandoned"]);
  });
});

describe("leasedJob", () => {
  it("runs a report job and its catch-up only on the active instance", async () => {
    const ran: string[] = [];
    const job = (name: string): DaemonJob => ({
      name: "reports[0]:month",
      cron: "0 6 1 * *",
      run: async () => {
        ran.push(name);
      },
      isMissing: async () => true,
    });
    const a = instance("a");
    const b = instance("b");
    const jobA = leasedJob(a, job("a"));
    const jobB = leasedJob(b, job("b"));
    await jobA.run(context());
    await jobB.run(context());
    expect(ran).toEqual(["a"]);
    expect(await jobA.isMissing?.(clock.now())).toBe(true);
    expect(await jobB.isMissing?.(clock.now())).toBe(false);
  });
});
