/**
 * Peak RSS of the process, sampled in a worker thread: RSS is process-wide, and a timer on the
 * measured thread would starve during the long synchronous stretches (SQLite, the engine) that
 * make the peaks.
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";

export interface RssSampler {
  /** Idempotent, so a `finally` can make sure the sampler is gone; the highest RSS seen, in bytes. */
  stop(): Promise<number>;
}

export async function startRssSampler(everyMs: number): Promise<RssSampler> {
  const code = `
    const { parentPort } = require("node:worker_threads");
    let peak = process.memoryUsage.rss();
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, ${everyMs});
    parentPort.once("message", () => {
      clearInterval(timer);
      parentPort.postMessage(Math.max(peak, process.memoryUsage.rss()));
    });`;
  const worker = new Worker(code, { eval: true });
  await once(worker, "online");
  let peak: Promise<number> | undefined;
  return {
    stop() {
      peak ??= (async () => {
        worker.postMessage("stop");
        const [value] = (await once(worker, "message")) as [number];
        await worker.terminate();
        return value;
      })();
      return peak;
    },
  };
}
