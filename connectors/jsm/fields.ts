/**
 * Custom-field ids differ per site (shared/apis/jsm.md §3.3, §6, §9): the connector finds the
 * JSM fields it reads by their type in `GET /field`, and `fields:` in the config names them where
 * a site has none of that type, several, or uses a field of another type (team, location). Pure.
 */
import type { FieldEntry } from "./schema.js";

export type FieldRole = "requestType" | "satisfaction" | "major" | "team" | "location" | "participants";

export interface ResolvedField {
  id: string;
  /** its display name: changelog items without a `fieldId` name the field this way */
  name: string | null;
}

export type ResolvedFields = Record<FieldRole, ResolvedField | null>;

/** The field types that identify a role when the config does not name a field. */
const TYPES: Record<FieldRole, readonly string[]> = {
  requestType: ["com.atlassian.servicedesk:vp-origin"],
  satisfaction: ["com.atlassian.servicedesk:sd-request-feedback"],
  major: [
    "com.atlassian.jira.modules.servicemanagement.major-incident-entity:major-incident-entity-field-cftype",
  ],
  team: ["com.atlassian.jira.plugin.system.customfieldtypes:atlassian-team"],
  location: [],
  participants: ["com.atlassian.servicedesk:sd-request-participants"],
};

export const FIELD_ROLES = Object.keys(TYPES) as FieldRole[];

export interface FieldResolution {
  fields: ResolvedFields;
  /** configured ids the site does not have: a config error */
  missing: Array<{ role: FieldRole; id: string }>;
  /** roles with several fields of their type, none chosen: set `fields.<role>` */
  ambiguous: Array<{ role: FieldRole; ids: string[] }>;
}

/**
 * @example resolveFields(siteFields, { major: "customfield_10050" })
 * // → { fields: { major: {id: "customfield_10050", name: "Major incident"}, requestType: {...}, ... }, missing: [], ambiguous: [] }
 */
export function resolveFields(
  site: readonly FieldEntry[],
  configured: Partial<Record<FieldRole, string>>,
): FieldResolution {
  const byId = new Map(site.map((f) => [f.id, f]));
  const fields = {} as ResolvedFields;
  const missing: FieldResolution["missing"] = [];
  const ambiguous: FieldResolution["ambiguous"] = [];
  for (const role of FIELD_ROLES) {
    const id = configured[role];
    if (id !== undefined) {
      const entry = byId.get(id);
      if (entry === undefined) missing.push({ role, id });
      fields[role] = { id, name: entry?.name ?? null };
      continue;
    }
    const candidates = site.filter((f) => TYPES[role].includes(f.schema?.custom ?? ""));
    if (candidates.length > 1) ambiguous.push({ role, ids: candidates.map((f) => f.id) });
    const only = candidates.length === 1 ? (candidates[0] as FieldEntry) : null;
    fields[role] = only === null ? null : { id: only.id, name: only.name ?? null };
  }
  return { fields, missing, ambiguous };
}

/** The type of a field as the writer needs it (`GET /field` schema). */
export interface FieldType {
  type: string | null;
  custom: string | null;
}

export function fieldTypes(site: readonly FieldEntry[]): Map<string, FieldType> {
  return new Map(site.map((f) => [f.id, { type: f.schema?.type ?? null, custom: f.schema?.custom ?? null }]));
}
