/**
 * Timer values → the body of a partial incident update (shared/apis/topdesk.md §5.1): only the
 * optional-field slots written, grouped per tab, e.g.
 * `{"optionalFields1": {"text1": "at-risk", "date1": "2026-03-02T10:00:00.000+0000"}}`.
 * Pure.
 */

export type FieldValue = string | number | null;

const SLOT = /^(optionalFields[12])\.(text|date|number)([1-5])$/;

/**
 * Encodes each value for its slot kind. A cleared value is written as TOPdesk's own unset value
 * of that kind (§3.1: `""`, `null`, `0`): there is no "empty" number slot in TOPdesk.
 * @example optionalFieldsBody({ "optionalFields1.number1": null }) // → { optionalFields1: { number1: 0 } }
 */
export function optionalFieldsBody(
  values: Readonly<Record<string, FieldValue>>,
): Record<string, Record<string, unknown>> {
  const body: Record<string, Record<string, unknown>> = {};
  for (const [path, value] of Object.entries(values)) {
    const match = SLOT.exec(path);
    if (match === null) throw new RangeError(`not a TOPdesk optional text, date or number field: ${path}`);
    const [, tab, kind, index] = match as unknown as [string, string, "text" | "date" | "number", string];
    const slots = body[tab] ?? {};
    slots[`${kind}${index}`] = encode(kind, value, path);
    body[tab] = slots;
  }
  return body;
}

function encode(kind: "text" | "date" | "number", value: FieldValue, path: string): unknown {
  if (kind === "text") return value === null ? "" : String(value);
  if (kind === "number") {
    if (value === null) return 0;
    if (typeof value !== "number" || !Number.isFinite(value)) throw new RangeError(`${path}: not a number`);
    return value;
  }
  if (value === null) return null;
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`${path}: not a timestamp`);
  return topdeskTime(ms);
}

/** TOPdesk's own write format, in UTC: `2026-03-02T09:00:00.000+0000` (§3.2, §5.1). */
export function topdeskTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}
