/**
 * One JSON Lines line → a canonical record, or the reason it is not one, phrased for the person
 * who made the file: the field path as in the file (`events[3].at`) and what is wrong with it.
 */
import type { z } from "zod";
import { type CanonicalRecord, RECORD_KINDS, type RecordKind, schemaByKind } from "../../src/model/schema.js";

export type ParsedLine = { ok: true; record: CanonicalRecord } | { ok: false; reason: string };

const KIND_LIST = RECORD_KINDS.join(", ");

/**
 * @example
 * parseRecordLine('{"kind":"ticket","priority":"P5",…}')
 * // → { ok: false, reason: 'priority: "P5" is not one of P1, P2, P3, P4' }
 */
export function parseRecordLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: `not a JSON object but ${typeName(value)}` };
  }
  const kind: unknown = (value as { kind?: unknown }).kind;
  if (kind === undefined) return { ok: false, reason: `kind: missing (expected one of ${KIND_LIST})` };
  // hasOwn, not `in`: "toString" or "__proto__" must not pass for a kind.
  if (typeof kind !== "string" || !Object.hasOwn(schemaByKind, kind)) {
    return { ok: false, reason: `kind: unknown kind ${shown(kind)} (expected one of ${KIND_LIST})` };
  }
  const schema: z.ZodType<CanonicalRecord> = schemaByKind[kind as RecordKind];
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, record: result.data };
  return { ok: false, reason: describeIssues(result.error.issues, value) };
}

/** The first problem in full; the others only counted, so a reason stays one readable line. */
function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const [first] = issues;
  if (first === undefined) return "does not match its kind's schema";
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return `${formatPath(first.path)}: ${describeIssue(first, valueAt(input, first.path))}${more}`;
}

function describeIssue(issue: z.core.$ZodIssue, received: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return received === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${typeName(received)}`;
    case "invalid_value":
      return notOneOf(received, issue.values);
    case "invalid_union": {
      // A discriminated union (event `type`) reports the allowed values as `options`.
      const options = (issue as { options?: unknown[] }).options;
      return options === undefined ? issue.message : notOneOf(received, options);
    }
    default:
      // Custom checks (timestamps, csat, outage end) and size limits carry their own message.
      return issue.message;
  }
}

function notOneOf(received: unknown, allowed: readonly unknown[]): string {
  const list = allowed.map(String).join(", ");
  return received === undefined
    ? `missing (expected one of ${list})`
    : `${shown(received)} is not one of ${list}`;
}

/** `["events", 3, "at"]` → `events[3].at`; the whole record is `record`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "record" : out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const part of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${shown(value)}`;
}

/** A received value as JSON, cut short: a reason quotes enough to find it, not a whole text. */
function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 39)}…` : json;
}
