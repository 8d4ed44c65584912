/**
 * Slack mrkdwn escaping. Only `&`, `<` and `>` are control characters; everything else (`*`, `_`,
 * `~`) is left as typed, as Slack asks: "do not HTML-encode everything".
 * Source: https://api.slack.com/reference/surfaces/formatting#escaping (shared/apis/graph-chat.md §7.3)
 */

/** @example escapeMrkdwn("Printer <3rd floor> & scanner") → "Printer &lt;3rd floor&gt; &amp; scanner" */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A link in mrkdwn: `<url|label>`. The label is escaped; in the URL the characters that would end
 * the link (`|`, `>`) or open another (`<`) are percent-encoded, which keeps it the same URL.
 */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `<${safeUrl}|${escapeMrkdwn(label)}>`;
}
