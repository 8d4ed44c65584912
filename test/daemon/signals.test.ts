import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { onStopSignals, type SignalSource } from "../../src/daemon/index.js";

describe("onStopSignals", () => {
  it("asks for a clean stop on the first signal and forces on the second, whichever they are", () => {
    const source = new EventEmitter();
    const calls: string[] = [];
    onStopSignals(source as SignalSource, {
      first: (signal) => calls.push(`stop ${signal}`),
      second: (signal) => calls.push(`force ${signal}`),
    });
    source.emit("SIGINT", "SIGINT");
    expect(calls).toEqual(["stop SIGINT"]);
    source.emit("SIGTERM", "SIGTERM");
    source.emit("SIGINT", "SIGINT");
    expect(calls).toEqual(["stop SIGINT", "force SIGTERM", "force SIGINT"]);
  });

  it("stops listening when disposed", () => {
    const source = new EventEmitter();
    const dispose = onStopSignals(source as SignalSource, { first: () => {}, second: () => {} });
    expect(source.listenerCount("SIGTERM") + source.listenerCount("SIGINT")).toBe(2);
    dispose();
    expect(source.listenerCount("SIGTERM") + source.listenerCount("SIGINT")).toBe(0);
  });
});
