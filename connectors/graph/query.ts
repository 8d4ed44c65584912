/**
 * Query strings for Graph and Defender, built here rather than by axios' `params`: axios'
 * serializer has written spaces as `+`, which Graph reads literally inside `$filter` (400 "Invalid
 * filter clause"; graph-chat.md §6, axios/axios#1111). Every value is percent-encoded with `%20`
 * for a space and `%27` for a quote, so a `$filter` arrives exactly as written. A nextLink is used
 * verbatim and never rebuilt.
 */

export type QueryValue = string | number | boolean | undefined;

/** OData system options keep their `$` (`$select`, `$filter`); other keys are plain words. */
const KEY = /^\$?[A-Za-z][A-Za-z0-9]*$/;

/**
 * Percent-encodes one query value: `service eq 'A B'` → `service%20eq%20%27A%20B%27`. Commas stay
 * as they are (RFC 3986 allows them in a query), so `$select=id,name` reads as written.
 */
export function encodeQueryValue(value: string): string {
  // encodeURIComponent leaves ' ( ) ! * alone; the quote is encoded as well because WHATWG URL
  // parsing rewrites it to %27 in the query anyway, and a request should look the same in logs,
  // tests and on the wire.
  return encodeURIComponent(value).replace(/'/g, "%27").replace(/%2C/g, ",");
}

/**
 * `url` with the given query parameters appended in order; undefined values are left out.
 * @example withQuery("https://g/v1.0/devices", { $select: "deviceId,isCompliant", $top: 999 })
 * // → "https://g/v1.0/devices?$select=deviceId,isCompliant&$top=999"
 */
export function withQuery(url: string, query: Readonly<Record<string, QueryValue>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (!KEY.test(key)) throw new Error(`invalid query parameter name: ${key}`);
    parts.push(`${key}=${encodeQueryValue(String(value))}`);
  }
  if (parts.length === 0) return url;
  return `${url}${url.includes("?") ? "&" : "?"}${parts.join("&")}`;
}

/**
 * An OData string literal: quoted, a quote inside doubled (OData ABNF `SQUOTE-in-string`).
 * @example odataString("Exchange Online") // → "'Exchange Online'"
 * @example odataString("O'Neil")          // → "'O''Neil'"
 */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
