import { EventEmitter } from "node:events";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Connector, PollContext } from "../../connectors/types.js";
import { syncOnce } from "../../src/cli/commands/sync.js";
import {
  createDaemonMetrics,
  createSyncCycle,
  Daemon,
  onStopSignals,
  type SignalSource,
} from "../../src/daemon/index.js";
import { openStore } from "../../src/store/index.js";
import { watermarkKey } from "../../src/sync/index.js";
import { ticket } from "../store/records.js";
import { captureLog, fakeClock, manualScheduler, waitFor, workspace } from "./helpers.js";

/**
 * A connector whose second page is a slow request: it waits until the cycle is aborted and then
 * fails the way the HTTP pipeline does (with the signal's reason).
 */
function slowSecondPage(): Connector & { waiting: () => boolean } {
  let waiting = false;
  return {
    name: "topdesk",
    type: "scripted",
    waiting: () => waiting,
    async *poll({ signal }: PollContext) {
      yield { records: [ticket("I-1"), ticket("I-2")], rejections: [], watermark: "page-1" };
      waiting = true;
      await new Promise<void>((_, reject) => {
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
      yield { records: [ticket("I-3")], rejections: [], watermark: "page-2" };
    },
  };
}

describe("SIGTERM during a cycle", () => {
  it("stops the cycle between pages, closes the store cleanly, and keeps what was stored", async () => {
    const ws = await workspace();
    const path = join(ws.dir, "store.db");
    const store = await openStore({ sqlite: path });
    const connector = slowSecondPage();
    const capture = captureLog();
    const metrics = createDaemonMetrics({ processMetrics: false });
    const clock = fakeClock(Date.parse("2026-03-10T10:00:00Z"));
    const scheduler = manualScheduler(clock, 300_000);
    const daemon = new Daemon({
      syncCron: "*/5 * * * *",
      sync: createSyncCycle({
        store,
        connectors: [connector],
        config: ws.config,
        runtime: ws.runtime,
        log: capture.log,
        metrics,
        syncOnce,
      }),
      scheduler,
      clock: clock.now,
      server: { host: "127.0.0.1", port: 0 },
      metrics,
      log: capture.log,
      close: () => store.close(),
      syncAtStart: false,
    });
    const signals = new EventEmitter();
    const forced: string[] = [];
    onStopSignals(signals as SignalSource, {
      first: (signal) => void daemon.stop(signal),
      second: (signal) => forced.push(signal),
    });
    await daemon.start();
    scheduler.tick("sync");
    await waitFor(connector.waiting);

    signals.emit("SIGTERM", "SIGTERM");
    expect(await daemon.stopped).toEqual({ clean: true });
    expect(forced).toEqual([]);
    await expect(store.counts()).rejects.toThrow(/not open/);
    const stopped = capture.lines().find((line) => line.msg === "sync cycle stopped by shutdown");
    expect(stopped).toBeDefined();

    // Nothing half-written: the file is sound, page 1 and its watermark are in, page 2 is not.
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    raw.close();
    const reopened = await openStore({ sqlite: path });
    try {
      const ids = (await reopened.records("ticket")).map((t) => t.id).sort();
      expect(ids).toEqual(["I-1", "I-2"]);
      expect(await reopened.getMeta(watermarkKey("topdesk"))).toBe("page-1");
    } finally {
      await reopened.close();
    }
  });
});
