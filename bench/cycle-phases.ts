/**
 * Where a `syncOnce` cycle spends its time, step by step, without touching the product code: the
 * store handed to it notes the calls that begin each step, in the order `syncOnce` makes them.
 * The write-back begins by reading what it last wrote (`getMeta` of its key), retention is
 * `purgeBefore`, and the alert step is everything after it. Time spent in `store.records` (the
 * SQL read and `JSON.parse` of the bodies) is added up per step.
 */
import { performance } from "node:perf_hooks";
import { writebackKey } from "../src/sinks/writeback/index.js";
import type { Store } from "../src/store/types.js";

export const PHASES = ["sync", "write-back", "retention", "alerts"] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseFigures {
  phase: Phase;
  ms: number;
  cpuMs: number;
  /** CPU time inside `store.records` */
  readCpuMs: number;
  recordsRead: number;
}

interface Mark {
  phase: Phase;
  at: number;
  cpu: NodeJS.CpuUsage;
  readCpuMs: number;
  recordsRead: number;
}

export interface PhaseTimer {
  enter(phase: Phase): void;
  addRead(cpuMs: number, records: number): void;
  /** Each step's figures; throws when the steps did not come in `syncOnce`'s order. */
  finish(): PhaseFigures[];
}

export function phaseTimer(): PhaseTimer {
  const marks: Mark[] = [];
  const mark = (phase: Phase): Mark => ({
    phase,
    at: performance.now(),
    cpu: process.cpuUsage(),
    readCpuMs: 0,
    recordsRead: 0,
  });
  return {
    enter: (phase) => void marks.push(mark(phase)),
    addRead(cpuMs, records) {
      const current = marks.at(-1);
      if (current === undefined) return;
      current.readCpuMs += cpuMs;
      current.recordsRead += records;
    },
    finish() {
      const order = marks.map((m) => m.phase).join(" → ");
      if (order !== PHASES.join(" → "))
        throw new Error(
          `the cycle's steps came as ${order}, not ${PHASES.join(" → ")}: update bench/cycle-phases.ts`,
        );
      const end = mark("alerts");
      return marks.map((m, i) => {
        const next = marks[i + 1] ?? end;
        return {
          phase: m.phase,
          ms: next.at - m.at,
          cpuMs: cpuMs(next.cpu) - cpuMs(m.cpu),
          readCpuMs: m.readCpuMs,
          recordsRead: m.recordsRead,
        };
      });
    },
  };
}

/** The store, with the calls that begin a step marked on `phases` and its reads timed. */
export function timingPhases(store: Store, phases: PhaseTimer, target: string): Store {
  const ownKey = writebackKey(target);
  const timed: Partial<Store> = {
    getMeta(key) {
      if (key === ownKey) phases.enter("write-back");
      return store.getMeta(key);
    },
    async purgeBefore(cutoff) {
      phases.enter("retention");
      try {
        return await store.purgeBefore(cutoff);
      } finally {
        phases.enter("alerts");
      }
    },
    records: (async (...args: Parameters<Store["records"]>) => {
      const start = process.cpuUsage();
      const records = await store.records(...args);
      phases.addRead(cpuMs(process.cpuUsage(start)), records.length);
      return records;
    }) as Store["records"],
  };
  return new Proxy(store, {
    get(target, property) {
      const own = timed[property as keyof Store];
      if (own !== undefined) return own;
      const value = Reflect.get(target, property, target);
      // The stores keep their state in private fields: their methods must run on the store itself.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
