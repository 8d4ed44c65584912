/**
 * "The same caller about the same subject", from what the canonical model keeps. It holds no
 * caller identity (connectors drop it: the processor agreement allows no personal data in the
 * store), so the caller is approximated by the ticket's `location` (TOPdesk: the caller's
 * branch), and the subject by the normalised `title` and the `catalogItem`. Two tickets share a
 * subject when source, location, catalog item (or both none) and normalised title are equal.
 * A ticket without a location or title has no key and never matches: better a case missed than
 * one made up. Types are not compared: a caller may re-register an incident as a request.
 *
 * A report groups every ticket by subject, so it compares a 53-bit hash of the key
 * (`subjectHash`: one pass over the characters, no strings built) rather than the key itself.
 */
import type { Ticket } from "../../model/schema.js";

type SubjectFields = Pick<Ticket, "source" | "location" | "catalogItem" | "title">;

/**
 * Lower case, accents dropped, anything but letters and digits as one space, trimmed.
 * @example normalisedTitle("  Outlook start NIET!! ") // → "outlook start niet"
 * @example normalisedTitle("Café-wifi  valt weg") // → "cafe wifi valt weg"
 */
export function normalisedTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The ticket's subject key, or null when it lacks a location or a title. */
export function subjectKey(ticket: SubjectFields): string | null {
  if (ticket.location === null || ticket.title === null) return null;
  const location = normalisedTitle(ticket.location);
  const title = normalisedTitle(ticket.title);
  if (location === "" || title === "") return null;
  // A separator no normalised text contains.
  return [ticket.source, location, ticket.catalogItem ?? "", title].join("\u0000");
}

/**
 * A hash of `subjectKey` (equal keys, equal hashes), or -1 when the ticket has no key: two
 * 32-bit FNV-1a streams (different multipliers) over the key's characters and a final
 * separator, combined into a safe integer. Location and title are normalised as they are read
 * when they are ASCII (the usual case: no string is built); otherwise the key is built.
 */
export function subjectHash(ticket: SubjectFields): number {
  const { location, title } = ticket;
  if (location === null || title === null) return -1;
  let a = FNV_OFFSET;
  let b = SECOND_OFFSET;
  for (let field = 0; field < 4; field++) {
    const text =
      field === 0 ? ticket.source : field === 1 ? location : field === 2 ? (ticket.catalogItem ?? "") : title;
    const normalise = field === 1 || field === 3;
    let fed = 0;
    let pendingSpace = false;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (normalise) {
        if (code >= 128) return hashOfKey(subjectKey(ticket));
        if (code >= 65 && code <= 90) code += 32;
        if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) {
          pendingSpace = fed > 0;
          continue;
        }
        if (pendingSpace) {
          a = Math.imul(a ^ SPACE, FNV_PRIME);
          b = Math.imul(b ^ SPACE, SECOND_PRIME);
          b ^= b >>> 13;
          pendingSpace = false;
        }
      }
      a = Math.imul(a ^ code, FNV_PRIME);
      b = Math.imul(b ^ code, SECOND_PRIME);
      b ^= b >>> 13;
      fed++;
    }
    if (normalise && fed === 0) return -1;
    // The separator after each field, as `subjectKey` joins them (and one after the last).
    a = Math.imul(a, FNV_PRIME);
    b = Math.imul(b, SECOND_PRIME);
    b ^= b >>> 13;
  }
  return combined(a, b);
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const SECOND_OFFSET = 0x9747b28c | 0;
const SECOND_PRIME = 0x5bd1e995;
const SPACE = 32;

/** `subjectHash` of a key built in full (text that is not ASCII). */
function hashOfKey(key: string | null): number {
  if (key === null) return -1;
  let a = FNV_OFFSET;
  let b = SECOND_OFFSET;
  for (let i = 0; i <= key.length; i++) {
    // The final separator, which the key has no character for.
    const code = i < key.length ? key.charCodeAt(i) : 0;
    a = Math.imul(a ^ code, FNV_PRIME);
    b = Math.imul(b ^ code, SECOND_PRIME);
    b ^= b >>> 13;
  }
  return combined(a, b);
}

function combined(a: number, b: number): number {
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
