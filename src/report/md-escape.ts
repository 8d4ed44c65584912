/** Markdown escaping, shared by every part of the Markdown report. */

/** Escapes Markdown syntax and table pipes; newlines become spaces so a table row stays one line. */
export function md(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/([\\`*_[\]{}<>|#!~])/g, "\\$1")
    .replace(/&/g, "&amp;");
}
