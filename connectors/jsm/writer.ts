/**
 * Timer values → the body of `PUT /issue/{key}` (shared/apis/jsm.md §7.1): each value encoded
 * for its field's type, e.g. `{"fields": {"customfield_10101": "at-risk", "customfield_10102":
 * "2026-03-02T16:00:00.000+0000"}}`. Pure.
 */
import type { FieldValue } from "../../src/sinks/writeback/types.js";
import type { Deployment } from "./errors.js";
import type { FieldType } from "./fields.js";

const TEXTAREA = "com.atlassian.jira.plugin.system.customfieldtypes:textarea";

/**
 * @example editBody({ customfield_10101: "at-risk" }, new Map([["customfield_10101", { type: "string", custom: null }]]), "cloud")
 * // → { fields: { customfield_10101: "at-risk" } }
 */
export function editBody(
  values: Readonly<Record<string, FieldValue>>,
  types: ReadonlyMap<string, FieldType>,
  deployment: Deployment,
): { fields: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(values)) {
    fields[id] = encode(value, types.get(id) ?? { type: null, custom: null }, deployment, id);
  }
  return { fields };
}

/**
 * A value as its field type takes it. Null clears the field. Number fields take numbers,
 * date-time fields Jira's own format in UTC, date pickers the UTC date, selects `{value}`,
 * multi-line text an Atlassian document on Cloud (v3 refuses a plain string there) and text on
 * Data Center; a field of unknown type gets the value as it is.
 */
export function encode(value: FieldValue, type: FieldType, deployment: Deployment, id: string): unknown {
  if (value === null) return null;
  switch (type.type) {
    case "number": {
      const n = typeof value === "number" ? value : Number(value);
      if (!Number.isFinite(n))
        throw new RangeError(`${id}: a number field cannot take ${JSON.stringify(value)}`);
      return n;
    }
    case "datetime":
      return jiraTime(instantOf(value, id));
    case "date":
      return new Date(instantOf(value, id)).toISOString().slice(0, 10);
    case "option":
      return { value: String(value) };
    case "string":
      if (type.custom === TEXTAREA && deployment === "cloud") return adfText(String(value));
      return String(value);
    default:
      return value;
  }
}

/** Jira's write format, in UTC: `2026-03-02T09:00:00.000+0000`. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

function instantOf(value: string | number, id: string): number {
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`${id}: not a timestamp: ${JSON.stringify(value)}`);
  return ms;
}

/** One paragraph of plain text as an Atlassian document. */
function adfText(text: string) {
  return {
    type: "doc",
    version: 1,
    content: [{ type: "paragraph", content: text === "" ? [] : [{ type: "text", text }] }],
  };
}
