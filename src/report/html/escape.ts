/**
 * HTML escaping for text and attribute values. Everything from the catalog, the config or the
 * records (names, case ids, notes, settings) passes through here before it reaches the page.
 */
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for element content and quoted attribute values alike. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** A fragment id from a KPI id ("O1.3" → "kpi-O1-3"), safe in `id` and `href="#…"`. */
export function anchor(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}
