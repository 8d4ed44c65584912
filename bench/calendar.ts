/**
 * Calendar benchmark: business minutes between two instants, Mon–Fri 08:00–18:00
 * Europe/Amsterdam with the NL holidays of 2026, in our calendar and in two libraries that step
 * through days (dayjs-business-time, moment-business-time). Seeded random pairs inside 2026 with
 * spans up to 30 days, on whole minutes (dayjs-business-time truncates to whole minutes).
 * Budget: our median ≤ 2 µs per call and ≥ 50× faster than both libraries.
 *
 * Both libraries work in the process's local zone, so TZ is set to Europe/Amsterdam while they
 * run and restored afterwards.
 */
import dayjs from "dayjs";
import dayjsBusinessTime from "dayjs-business-time";
import moment from "moment";
import "moment-business-time"; // patches moment.fn (workingDiff) of the same moment instance
import { performance } from "node:perf_hooks";
import { businessCalendar } from "../src/engine/calendar/index.js";
import type { BenchSection } from "./types.js";

/** The method moment-business-time adds to moment.fn (the package has no type declarations). */
type WorkingMoment = moment.Moment & {
  workingDiff(other: moment.Moment, unit: "minutes", precise: true): number;
};

const PAIRS = 10_000;
const SEED = 20260101;
const BUDGET_NS = 2_000;
const MIN_SPEEDUP = 50;
const MINUTE = 60_000;
const DAY = 86_400_000;

const EDGE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["2026-06-05T18:00:00+02:00", "2026-06-08T08:00:00+02:00"],
  ["2026-06-01T07:00:00+02:00", "2026-06-01T07:30:00+02:00"],
  ["2026-06-01T08:00:00+02:00", "2026-06-01T18:00:00+02:00"],
  ["2026-04-27T10:00:00+02:00", "2026-04-28T10:00:00+02:00"],
  ["2026-06-06T10:00:00+02:00", "2026-06-08T12:00:00+02:00"],
  ["2026-03-27T17:00:00+01:00", "2026-03-30T09:00:00+02:00"],
  ["2026-10-23T17:00:00+02:00", "2026-10-26T09:00:00+01:00"],
  ["2026-05-13T18:30:00+02:00", "2026-05-15T12:00:00+02:00"],
  ["2026-12-24T17:00:00+01:00", "2026-12-28T09:00:00+01:00"],
];

interface Timing {
  name: string;
  pairs: number;
  rounds: number;
  medianNs: number;
}

/** mulberry32: small, seeded, good enough to spread instants. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function makePairs(count: number): Array<[number, number]> {
  const next = random(SEED);
  const start = Date.parse("2026-01-01T00:00:00+01:00");
  const lastStart = Date.parse("2026-12-01T00:00:00+01:00"); // so that from + 30 days stays in 2026
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    const from = start + Math.floor((next() * (lastStart - start)) / MINUTE) * MINUTE;
    const to = from + Math.floor((next() * 30 * DAY) / MINUTE) * MINUTE;
    pairs.push([from, to]);
  }
  return pairs;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** Runs `call` over the pairs: warm-up rounds, then timed rounds; the median ns per call. */
function time(
  name: string,
  pairs: Array<[number, number]>,
  rounds: number,
  warmup: number,
  call: (from: number, to: number) => number,
): Timing {
  let sink = 0;
  for (let r = 0; r < warmup; r++) for (const [from, to] of pairs) sink += call(from, to);
  const perCall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const started = performance.now();
    for (const [from, to] of pairs) sink += call(from, to);
    perCall.push(((performance.now() - started) * 1e6) / pairs.length);
  }
  if (Number.isNaN(sink)) throw new Error(`${name} returned NaN`);
  return { name, pairs: pairs.length, rounds, medianNs: median(perCall) };
}

const formatNs = (ns: number) => (ns < 1_000 ? `${ns.toFixed(0)} ns` : `${(ns / 1_000).toFixed(1)} µs`);
const formatInt = (n: number) => n.toLocaleString("en-US");
const iso = (t: number) => new Date(t).toISOString();

export default async function calendarBench(): Promise<BenchSection> {
  const cal = businessCalendar({
    serviceWindow: {
      timezone: "Europe/Amsterdam",
      days: ["mon", "tue", "wed", "thu", "fri"],
      from: "08:00",
      to: "18:00",
    },
    holidays: { country: "NL", goodFriday: false, liberationDay: "lustrum", workingDays: [], closedDays: [] },
  });
  const holidayDates = [2025, 2026, 2027].flatMap((year) => cal.holidaysOf(year).map((h) => h.date));
  const pairs = makePairs(PAIRS);
  const ours = (from: number, to: number) => cal.elapsedMs(from, to, "business") / MINUTE;

  const savedTz = process.env.TZ;
  process.env.TZ = "Europe/Amsterdam";
  try {
    dayjs.extend(dayjsBusinessTime);
    const hours = [{ start: "08:00:00", end: "18:00:00" }];
    dayjs.setBusinessTime({
      sunday: null,
      monday: hours,
      tuesday: hours,
      wednesday: hours,
      thursday: hours,
      friday: hours,
      saturday: null,
    });
    dayjs.setHolidays(holidayDates);
    const window = ["08:00:00", "18:00:00"];
    moment.updateLocale(moment.locale(), {
      workinghours: { 0: null, 1: window, 2: window, 3: window, 4: window, 5: window, 6: null },
      holidays: holidayDates,
    });
    const viaDayjs = (from: number, to: number) => dayjs(from).businessMinutesDiff(dayjs(to));
    const viaMoment = (from: number, to: number) =>
      (moment(to) as WorkingMoment).workingDiff(moment(from), "minutes", true);

    const slowPairs = pairs.slice(0, 1_000);
    const timings = [
      time("sla-sentinel `elapsedMs`", pairs, 15, 3, ours),
      time("dayjs-business-time `businessMinutesDiff`", slowPairs.slice(0, 500), 5, 1, viaDayjs),
      time("moment-business-time `workingDiff`", slowPairs.slice(0, 300), 5, 1, viaMoment),
    ];
    const addTiming = time("sla-sentinel `addMs` (same amounts back)", pairs, 15, 3, (from, to) =>
      cal.addMs(from, to - from, "business"),
    );

    // The random sample plus hand-picked edges: boundaries, a holiday, a weekend, both DST weekends.
    const checked = [
      ...slowPairs,
      ...EDGE_PAIRS.map(([from, to]): [number, number] => [Date.parse(from), Date.parse(to)]),
    ];
    const disagreements = (other: (from: number, to: number) => number) => {
      const bad = checked.filter(([from, to]) => Math.abs(other(from, to) - ours(from, to)) > 1e-9);
      const first = bad[0];
      const example =
        first === undefined
          ? ""
          : ` (first: ${iso(first[0])} → ${iso(first[1])}: ours ${ours(...first)}, theirs ${other(...first)})`;
      return `${bad.length} of ${formatInt(checked.length)}${example}`;
    };
    const dayjsDisagree = disagreements(viaDayjs);
    const momentDisagree = disagreements(viaMoment);

    const [us, ...them] = timings as [Timing, Timing, Timing];
    const speedups = them.map((t) => t.medianNs / us.medianNs);
    const withinBudget = us.medianNs <= BUDGET_NS && speedups.every((s) => s >= MIN_SPEEDUP);
    return {
      title: "Calendar: business minutes between two instants",
      lines: [
        "Mon–Fri 08:00–18:00 Europe/Amsterdam, NL holidays; seeded pairs inside 2026, spans up to 30 days, whole minutes.",
        "",
        "| implementation | pairs per round | rounds | median per call | ours is faster by |",
        "|---|---:|---:|---:|---:|",
        ...[us, ...them].map(
          (t, i) =>
            `| ${t.name} | ${formatInt(t.pairs)} | ${t.rounds} | ${formatNs(t.medianNs)} | ${i === 0 ? "—" : `${(speedups[i - 1] as number).toFixed(0)}×`} |`,
        ),
        `| ${addTiming.name} | ${formatInt(addTiming.pairs)} | ${addTiming.rounds} | ${formatNs(addTiming.medianNs)} | — |`,
        "",
        `Disagreements with ours: dayjs-business-time ${dayjsDisagree}; moment-business-time ${momentDisagree}.`,
        "",
        `Budget: ours ≤ ${formatNs(BUDGET_NS)} per call and ≥ ${MIN_SPEEDUP}× faster than both libraries.`,
      ],
      withinBudget,
    };
  } finally {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  }
}
