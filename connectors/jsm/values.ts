/**
 * Readers for custom-field values, whose shapes depend on the field type a site chose: a select
 * option `{value}`, an Atlassian team `{id, name}`, a group `{name}`, plain text, or a list of
 * those. Each reader takes the raw value from search and returns what the mapper needs, or null.
 * Pure. Shapes from shared/apis/jsm.md §6, §9 (the uncertain ones are read both ways).
 */
import { z } from "zod";
import type { JiraUser } from "./schema.js";

const named = z.object({
  value: z.string().nullish(),
  name: z.string().nullish(),
  title: z.string().nullish(),
  displayName: z.string().nullish(),
});

/** The display text of an option, team, group, user or text value; the first of a list. */
export function displayValue(raw: unknown): string | null {
  if (typeof raw === "string") return raw.trim() === "" ? null : raw;
  if (typeof raw === "number") return String(raw);
  if (Array.isArray(raw)) return raw.length === 0 ? null : displayValue(raw[0]);
  const parsed = named.safeParse(raw);
  if (!parsed.success) return null;
  const { value, name, title, displayName } = parsed.data;
  return value ?? name ?? title ?? displayName ?? null;
}

const requestTypeValue = z.object({ requestType: z.object({ name: z.string().nullish() }).nullish() });

/** The request type's name from the `vp-origin` field (§9.2). */
export function requestTypeName(raw: unknown): string | null {
  const parsed = requestTypeValue.safeParse(raw);
  return parsed.success ? (parsed.data.requestType?.name ?? null) : null;
}

/**
 * Whether the major-incident field says "major". Its value when flagged is not documented (one
 * source says the string `MAJOR_INCIDENT`, §9.1): anything but empty, false or null counts.
 */
export function isMajorValue(raw: unknown): boolean {
  if (raw === null || raw === undefined || raw === false || raw === "") return false;
  if (Array.isArray(raw)) return raw.length > 0;
  if (typeof raw === "object") return Object.keys(raw).length > 0;
  return true;
}

const ratingValue = z.union([
  z.number(),
  z.object({ rating: z.number() }),
  z.object({ value: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]) }),
]);

/**
 * The CSAT rating from the Satisfaction field (`sd-request-feedback`). Its value shape is not
 * documented (§6): a number, `{rating}` or `{value}` are all read. Null when unrated.
 */
export function satisfactionRating(raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  const parsed = ratingValue.safeParse(raw);
  if (!parsed.success) return null;
  const value = parsed.data;
  if (typeof value === "number") return value;
  return "rating" in value ? value.rating : value.value;
}

/** Every id a user is known by: Cloud accountId, Data Center key and name. */
export function userIds(user: JiraUser): string[] {
  if (user == null) return [];
  return [user.accountId, user.key, user.name].filter(
    (id): id is string => typeof id === "string" && id !== "",
  );
}

/** The id the canonical model stores for a person: accountId on Cloud, key (else name) on Data Center. */
export function userId(user: JiraUser): string | null {
  return userIds(user)[0] ?? null;
}

const userList = z.array(
  z.object({ accountId: z.string().nullish(), key: z.string().nullish(), name: z.string().nullish() }),
);

/** Every id of the users in a multi-user field (request participants). */
export function userListIds(raw: unknown): string[] {
  const parsed = userList.safeParse(raw);
  return parsed.success ? parsed.data.flatMap((u) => userIds(u)) : [];
}
