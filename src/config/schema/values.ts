/**
 * Building blocks for the config schema. `${ENV}` expansion always yields text, so whole-number
 * and yes/no settings also accept their text form ("9464", "true"): `port: ${PORT}` works.
 */
import { z } from "zod";

/** A non-empty text setting (surrounding spaces removed). */
export const text = z.string().trim().min(1, { message: "must not be empty" });

/**
 * A secret (password, token, client secret, webhook URL, connection string). Kept byte for byte
 * (no trimming: a space may belong to it); checks on it must never quote it.
 */
export const secret = z.string().min(1, { message: "must not be empty" });

export const names = z
  .array(text)
  .refine((items) => new Set(items).size === items.length, { message: "lists the same name twice" });

const DIGITS = /^-?\d+$/;

/** A whole number, also accepted as digits in text. */
export function wholeNumber(options: { min: number; max?: number }) {
  const range =
    options.max === undefined ? `at least ${options.min}` : `between ${options.min} and ${options.max}`;
  return z.preprocess(
    (value) => (typeof value === "string" && DIGITS.test(value.trim()) ? Number(value) : value),
    z
      .number()
      .int({ message: "must be a whole number" })
      .min(options.min, { message: `must be ${range}` })
      .max(options.max ?? Number.MAX_SAFE_INTEGER, { message: `must be ${range}` }),
  );
}

/** true/false, also accepted as the text "true"/"false". */
export const yesNo = z.preprocess(
  (value) => (value === "true" ? true : value === "false" ? false : value),
  z.boolean(),
);

/** A YAML key given without a value (`contract:`) means "all defaults", like `contract: {}`. */
export function section<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema);
}

/** A strict group of settings that all have defaults; missing or empty means every default. */
export function settingsGroup<Shape extends z.ZodRawShape>(shape: Shape) {
  // `{}` is valid input since every key has a default; zod's input type cannot see that through
  // the text-accepting preprocessors above, hence the cast.
  return section(z.strictObject(shape).prefault({} as never));
}

/**
 * For cross-field checks: zod skips a refinement once anything inside the value failed, which
 * would hide e.g. a duplicate connector name behind a bad URL. The check then sees a partly
 * parsed value, so it must test the types it relies on.
 */
export const evenWithOtherProblems = { when: () => true };
