/**
 * Plain-language messages for zod issues, passed to `safeParse` as its error map. Messages set
 * on a schema (`{message: …}`) take precedence over these. None of them quotes the input value:
 * only its kind ("text", "a list"), key names and the allowed choices.
 */
import type { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

export function describeIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `required (${EXPECTED[issue.expected] ?? issue.expected})`
        : `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${kindOf(issue.input)}`;
    case "unrecognized_keys":
      return issue.keys.map((key) => unknownKey(key, knownKeys(issue.inst))).join("\n");
    case "invalid_value":
      return issue.values.length === 1
        ? `expected ${quote(issue.values[0])}`
        : `expected one of: ${issue.values.map(quote).join(", ")}`;
    case "invalid_union":
      if (issue.note === "No matching discriminator") {
        const options = ((issue.options ?? []) as unknown[]).map(quote).join(", ");
        const given = (issue.input as Record<string, unknown> | undefined)?.[String(issue.discriminator)];
        return given === undefined ? `required: one of ${options}` : `expected one of: ${options}`;
      }
      return "does not match any of the allowed forms";
    case "too_small":
      return sizeMessage("at least", issue.minimum, issue.inclusive, issue.origin);
    case "too_big":
      return sizeMessage("at most", issue.maximum, issue.inclusive, issue.origin);
    default:
      return undefined;
  }
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping of keys to values",
  array: "a list",
  null: "nothing (null)",
};

function kindOf(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return "true/false";
  return `a ${typeof value}`;
}

function sizeMessage(bound: string, limit: unknown, inclusive: boolean | undefined, origin: string): string {
  const n = Number(limit);
  if (origin === "string")
    return n === 1 && bound === "at least" ? "must not be empty" : `must be ${bound} ${n} characters`;
  if (origin === "array" || origin === "set") return `must have ${bound} ${n} item${n === 1 ? "" : "s"}`;
  const comparison = bound === "at least" ? (inclusive ? "≥" : ">") : inclusive ? "≤" : "<";
  return `must be ${comparison} ${n}`;
}

function quote(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : String(value);
}

/** The keys an object schema knows, read from the issue's originating schema when it is one. */
function knownKeys(inst: unknown): string[] {
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def
    ?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

/** "unknown key 'serviceWindw'; did you mean 'serviceWindow'?" or the list of known keys. */
export function unknownKey(key: string, known: readonly string[]): string {
  const base = `unknown key '${key}'`;
  if (known.length === 0) return base;
  const close = known.find((candidate) => isCloseTo(key, candidate));
  if (close !== undefined) return `${base}; did you mean '${close}'?`;
  return `${base}; expected one of: ${known.join(", ")}`;
}

function isCloseTo(typed: string, candidate: string): boolean {
  if (typed.toLowerCase() === candidate.toLowerCase()) return true;
  return (
    editDistance(typed.toLowerCase(), candidate.toLowerCase()) <=
    Math.min(2, Math.floor(candidate.length / 3))
  );
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
