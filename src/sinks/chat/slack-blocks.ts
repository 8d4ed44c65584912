/**
 * An alert as a Slack message: Block Kit blocks plus the top-level `text` Slack uses for the
 * notification and as fallback (always sent: graph-chat.md §9.11). Ticket-supplied text is
 * escaped for mrkdwn; the header is plain_text, which Slack does not parse.
 */
import type { ChatPostMessageArguments } from "@slack/web-api";
import { alertFacts, clockEnd, headline, remainingText, SHORT_TITLE, shorten } from "../../alerts/content.js";
import { isFinalTransition } from "../../alerts/keys.js";
import type { Alert, AlertMessage, AlertTransition, ClockEnd } from "../../alerts/types.js";
import { escapeMrkdwn, mrkdwnLink } from "./mrkdwn.js";

/** The SDK's Block Kit block type (from @slack/types, which this project does not import directly). */
export type SlackBlock = NonNullable<
  Extract<ChatPostMessageArguments, { blocks?: unknown }>["blocks"]
>[number];

/** Marks our messages (Slack message metadata) so a restart can find one by its alert key. */
export const SLACK_EVENT_TYPE = "sla_sentinel_alert";

const ICON: Record<AlertTransition, string> = {
  "at-risk": ":warning:",
  breached: ":red_circle:",
  "update-due": ":alarm_clock:",
  "update-overdue": ":red_circle:",
  "paused-long": ":double_vertical_bar:",
};

/** A resolved or closed ticket's message, by how its clock ended. */
const FINAL_ICON: Record<ClockEnd, string> = {
  met: ":white_check_mark:",
  breached: ":x:",
  open: ":ballot_box_with_check:",
};

function iconOf(alert: Alert): string {
  const transition = alert.transition;
  return isFinalTransition(transition) ? FINAL_ICON[clockEnd(alert)] : ICON[transition];
}

// Block Kit limits: header text 150 characters, a section field 2,000 (graph-chat.md §7.3). A
// value is cut before escaping, which at most quintuples it (& → &amp;), so fields stay under.
const HEADER_MAX = 150;
const VALUE_MAX = 300;

export interface SlackAlertContent {
  text: string;
  blocks: SlackBlock[];
}

export function slackAlertContent(message: AlertMessage): SlackAlertContent {
  const { alert, at } = message;
  const title = alert.title === null ? null : shorten(alert.title, SHORT_TITLE);
  const id =
    alert.link === null ? `*${escapeMrkdwn(alert.ticketId)}*` : `*${mrkdwnLink(alert.link, alert.ticketId)}*`;
  const head = headline(alert, at);
  const blocks: SlackBlock[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: shorten(`${iconOf(alert)} ${head}`, HEADER_MAX),
        emoji: true,
      },
    },
    { type: "section", text: { type: "mrkdwn", text: title === null ? id : `${id} ${escapeMrkdwn(title)}` } },
    {
      type: "section",
      fields: alertFacts(message)
        .slice(0, 10)
        .map((f) => ({
          type: "mrkdwn" as const,
          text: `*${f.title}*\n${escapeMrkdwn(shorten(f.value, VALUE_MAX))}`,
        })),
    },
    { type: "context", elements: [{ type: "mrkdwn", text: "sla-sentinel · contract SLA timers" }] },
  ];
  const text = `${escapeMrkdwn(head)}${title === null ? "" : ` · ${escapeMrkdwn(title)}`}`;
  return { text, blocks };
}

/**
 * The thread reply that makes a breach shown by an edit notify: one line, the text Slack puts in
 * the notification. @example ":red_circle: Breached: P2 response of I-1 · 5 min overdue (business hours) · op-17"
 */
export function slackReplyText(message: AlertMessage): string {
  const { alert, at } = message;
  const owner = [alert.owner, alert.group].filter((v): v is string => v !== null).join(" · ");
  const parts = [
    `${iconOf(alert)} ${headline(alert, at)}`,
    remainingText(alert),
    owner === "" ? "unassigned" : shorten(owner, VALUE_MAX),
  ];
  return escapeMrkdwn(parts.join(" · "));
}
