/**
 * Norms as written in the catalog and the supplier-norms file (interfaces.md "Norms and supplier
 * norms"): `{maxMinutes, share}`, `{maxHours}`, `{maxWorkingDays}`, `{min}`, `{max}`, `{maxCount}`.
 * Parsed into `NormSpec`, which is the engine's `Norm` except that a duration's share may be
 * absent: decision 1 lets config choose the target share of norms written without a percentage,
 * so the default can only be applied once the rules are known (`toNorm`).
 */
import { z } from "zod";
import type { Norm } from "../engine/kpi/types.js";

export type DurationUnit = "minutes" | "hours" | "workingDays";

export type NormSpec =
  | { kind: "duration"; amount: number; unit: DurationUnit; share: number | null }
  | { kind: "min"; value: number }
  | { kind: "max"; value: number }
  | { kind: "maxCount"; value: number };

export type NormKind = NormSpec["kind"];

const UNIT_KEYS = { minutes: "maxMinutes", hours: "maxHours", workingDays: "maxWorkingDays" } as const;
const MEASURE_KEYS = ["maxMinutes", "maxHours", "maxWorkingDays", "min", "max", "maxCount"] as const;

const positive = z.number().gt(0, { message: "must be greater than 0" });
const ratioOrCount = z.number().min(0, { message: "must be ≥ 0" });
const share = z
  .number()
  .gt(0, { message: "must be a share between 0 (exclusive) and 1, e.g. 0.95" })
  .max(1, { message: "must be a share between 0 (exclusive) and 1, e.g. 0.95" });

// The engine counts in whole seconds (M1, overrideClockPolicy), so a clock-time norm must be one.
const wholeSeconds = (perUnit: number) =>
  positive.refine((n) => Math.abs(n * perUnit - Math.round(n * perUnit)) < 1e-9, {
    message: "must be a whole number of seconds",
  });

/** One norm, strict: exactly one measure key, `share` only beside a duration. */
export const normSchema = z
  .strictObject({
    maxMinutes: wholeSeconds(60).optional(),
    maxHours: wholeSeconds(3600).optional(),
    maxWorkingDays: positive.optional(),
    min: ratioOrCount.optional(),
    max: ratioOrCount.optional(),
    maxCount: z.number().int({ message: "must be a whole number" }).min(0).optional(),
    share: share.optional(),
  })
  .transform((raw, ctx): NormSpec => {
    const keys = MEASURE_KEYS.filter((key) => raw[key] !== undefined);
    // An unknown key (a typo like `maxMinute`) already said what is wrong; "needs one of" would repeat it.
    if (ctx.issues.length > 0) return z.NEVER;
    if (keys.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message:
          keys.length === 0
            ? `a norm needs one of: ${MEASURE_KEYS.join(", ")}`
            : `a norm has one measure, this one has ${keys.join(" and ")}`,
      });
      return z.NEVER;
    }
    const key = keys[0] as (typeof MEASURE_KEYS)[number];
    const amount = raw[key] as number;
    const unit = (Object.keys(UNIT_KEYS) as DurationUnit[]).find((u) => UNIT_KEYS[u] === key);
    if (unit !== undefined) return { kind: "duration", amount, unit, share: raw.share ?? null };
    if (raw.share !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["share"],
        message: `share goes only with a duration, not with ${key}`,
      });
      return z.NEVER;
    }
    return { kind: key as "min" | "max" | "maxCount", value: amount };
  });

/**
 * The norm in the file's own syntax, for messages that must name both values.
 * @example formatNorm({ kind: "duration", amount: 15, unit: "minutes", share: 0.95 }) // → "{maxMinutes: 15, share: 0.95}"
 */
export function formatNorm(norm: NormSpec | Norm | null): string {
  if (norm === null) return "none";
  if (norm.kind !== "duration") return `{${norm.kind}: ${norm.value}}`;
  const share = norm.share === null ? "" : `, share: ${norm.share}`;
  return `{${UNIT_KEYS[norm.unit]}: ${norm.amount}${share}}`;
}

/** The engine's norm: a duration written without a share gets `defaultShare` (decision 1). */
export function toNorm(spec: NormSpec, defaultShare: number): Norm {
  if (spec.kind !== "duration") return spec;
  return { ...spec, share: spec.share ?? defaultShare };
}

/** The same requirement, however written: `{maxHours: 1}` is `{maxMinutes: 60, share: 1}`. */
export function sameNorm(a: NormSpec, b: NormSpec): boolean {
  return compareNorms(a, b, 1).verdict === "as-strict" && compareNorms(b, a, 1).verdict === "as-strict";
}

export type NormComparison =
  | { verdict: "as-strict" }
  | { verdict: "weaker"; reason: string }
  | { verdict: "incomparable"; reason: string };

const MINUTES_PER = { minutes: 1, hours: 60 } as const;

/**
 * Is `candidate` at least as strict as `reference`? Durations: weaker when the time is longer
 * or the share lower (a missing share counts as `defaultShare`). min: weaker when lower;
 * max and maxCount: weaker when higher. Working days and clock time cannot be compared without
 * a calendar, and different kinds not at all: those are `incomparable`.
 */
export function compareNorms(candidate: NormSpec, reference: NormSpec, defaultShare: number): NormComparison {
  if (candidate.kind !== reference.kind) {
    return {
      verdict: "incomparable",
      reason: `a ${kindText(candidate)} norm instead of a ${kindText(reference)} one`,
    };
  }
  if (candidate.kind === "duration" && reference.kind === "duration") {
    const time = compareDurations(candidate, reference);
    if (time === "incomparable") {
      return { verdict: "incomparable", reason: "working days cannot be compared with clock time" };
    }
    if (time > 0) return { verdict: "weaker", reason: "longer time" };
    const [a, b] = [candidate.share ?? defaultShare, reference.share ?? defaultShare];
    if (a < b) return { verdict: "weaker", reason: `lower share (${a} < ${b})` };
    return { verdict: "as-strict" };
  }
  const [a, b] = [(candidate as { value: number }).value, (reference as { value: number }).value];
  if (candidate.kind === "min" && a < b) return { verdict: "weaker", reason: `lower minimum (${a} < ${b})` };
  if (candidate.kind !== "min" && a > b) return { verdict: "weaker", reason: `higher maximum (${a} > ${b})` };
  return { verdict: "as-strict" };
}

type Duration = Extract<NormSpec, { kind: "duration" }>;

/** Sign of candidate − reference in time, or "incomparable". */
function compareDurations(candidate: Duration, reference: Duration): number | "incomparable" {
  const workingDays = [candidate.unit, reference.unit].filter((u) => u === "workingDays").length;
  if (workingDays === 1) return "incomparable";
  if (workingDays === 2) return Math.sign(candidate.amount - reference.amount);
  const minutes = (d: Duration) => d.amount * MINUTES_PER[d.unit as "minutes" | "hours"];
  return Math.sign(minutes(candidate) - minutes(reference));
}

function kindText(norm: NormSpec): string {
  return norm.kind === "duration" ? "duration" : norm.kind;
}
