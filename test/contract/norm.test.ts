import { describe, expect, it } from "vitest";
import { compareNorms, formatNorm, type NormSpec, toNorm } from "../../src/contract/index.js";
import { normSchema, sameNorm } from "../../src/contract/norm.js";

const parse = (raw: object): NormSpec => normSchema.parse(raw);

describe("norm syntax", () => {
  it.each<[object, NormSpec]>([
    [
      { maxMinutes: 240, share: 0.95 },
      { kind: "duration", amount: 240, unit: "minutes", share: 0.95 },
    ],
    [{ maxHours: 4 }, { kind: "duration", amount: 4, unit: "hours", share: null }],
    [{ maxWorkingDays: 2.5 }, { kind: "duration", amount: 2.5, unit: "workingDays", share: null }],
    [{ min: 0.8 }, { kind: "min", value: 0.8 }],
    [{ max: 0.05 }, { kind: "max", value: 0.05 }],
    [{ maxCount: 20 }, { kind: "maxCount", value: 20 }],
  ])("%j parses and prints back the same", (raw, spec) => {
    expect(parse(raw)).toEqual(spec);
    expect(formatNorm(spec)).toBe(
      JSON.stringify(raw).replace(/"/g, "").replace(/,/g, ", ").replace(/:/g, ": "),
    );
  });

  it.each<[object, string]>([
    [{}, "a norm needs one of: maxMinutes, maxHours, maxWorkingDays, min, max, maxCount"],
    [{ maxMinutes: 0.001 }, "must be a whole number of seconds"],
    [{ maxCount: 2.5 }, "must be a whole number"],
  ])("%j is rejected", (raw, message) => {
    const result = normSchema.safeParse(raw);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it("applies the default share only where none is written", () => {
    expect(toNorm(parse({ maxHours: 4 }), 0.9)).toMatchObject({ share: 0.9 });
    expect(toNorm(parse({ maxHours: 4, share: 0.95 }), 0.9)).toMatchObject({ share: 0.95 });
  });
});

describe("compareNorms(candidate, reference)", () => {
  it.each<[object, object, string]>([
    [{ maxMinutes: 180 }, { maxHours: 4 }, "as-strict"],
    [{ maxMinutes: 300 }, { maxHours: 4 }, "weaker: longer time"],
    [{ maxHours: 4, share: 0.9 }, { maxHours: 4, share: 0.95 }, "weaker: lower share (0.9 < 0.95)"],
    [{ maxHours: 4 }, { maxHours: 4, share: 0.95 }, "as-strict"],
    [{ maxWorkingDays: 10 }, { maxWorkingDays: 15 }, "as-strict"],
    [
      { maxHours: 80 },
      { maxWorkingDays: 15 },
      "incomparable: working days cannot be compared with clock time",
    ],
    [{ min: 0.8 }, { min: 0.75 }, "as-strict"],
    [{ min: 0.7 }, { min: 0.75 }, "weaker: lower minimum (0.7 < 0.75)"],
    [{ max: 0.06 }, { max: 0.05 }, "weaker: higher maximum (0.06 > 0.05)"],
    [{ maxCount: 15 }, { maxCount: 20 }, "as-strict"],
    [{ min: 0.9 }, { maxHours: 4 }, "incomparable: a min norm instead of a duration one"],
  ])("%j against %j: %s", (candidate, reference, expected) => {
    const result = compareNorms(parse(candidate), parse(reference), 1);
    expect(result.verdict === "as-strict" ? result.verdict : `${result.verdict}: ${result.reason}`).toBe(
      expected,
    );
  });

  it("treats one requirement written two ways as the same norm", () => {
    expect(sameNorm(parse({ maxHours: 1 }), parse({ maxMinutes: 60, share: 1 }))).toBe(true);
    expect(sameNorm(parse({ maxHours: 1 }), parse({ maxMinutes: 60, share: 0.95 }))).toBe(false);
  });
});
