/**
 * An alert as a Teams Workflows webhook payload: a `message` with one Adaptive Card 1.4
 * attachment (1.5 shows "this card couldn't be displayed" through Workflows), under the size a
 * Teams message may have (about 28 KB; HTTP 413 beyond, and one library found ~21 KB safer:
 * graph-chat.md §8.2). Only ticket-supplied text can make it large, so that is what is cut.
 */
import { alertFacts, type Fact, headline, SHORT_TITLE, shorten } from "../../alerts/content.js";
import { isFinalTransition } from "../../alerts/keys.js";
import type { AlertMessage, AlertTransition } from "../../alerts/types.js";

/** Serialized payload bytes we stay under, below the ~21 KB found safe. */
export const TEAMS_MAX_BYTES = 20_000;

const COLOR: Record<AlertTransition, "Attention" | "Warning" | "Default"> = {
  "at-risk": "Warning",
  breached: "Attention",
  "update-due": "Warning",
  "update-overdue": "Attention",
  "paused-long": "Default",
};

export interface TeamsPayload {
  type: "message";
  attachments: Array<{
    contentType: "application/vnd.microsoft.card.adaptive";
    contentUrl: null;
    content: Record<string, unknown>;
  }>;
}

/**
 * The payload, with the ticket's title (then its other free text) cut until the serialized body
 * fits `maxBytes`.
 */
export function teamsAlertPayload(message: AlertMessage, maxBytes = TEAMS_MAX_BYTES): TeamsPayload {
  let title = message.alert.title === null ? null : shorten(message.alert.title, SHORT_TITLE);
  let facts = alertFacts(message);
  let payload = build(message, title, facts);
  for (let round = 0; byteSize(payload) > maxBytes; round++) {
    if (title !== null && title.length > 1) title = shorten(title, Math.floor(title.length / 2));
    else
      facts = facts.map((f) => ({
        ...f,
        value: shorten(f.value, Math.max(8, Math.floor(f.value.length / 2))),
      }));
    payload = build(message, title, facts);
    // Nothing more to cut: what remains is our own fixed text, far under any real limit.
    if (round > 64) break;
  }
  return payload;
}

// Teams is never sent a final state (a workflow cannot edit its card); should one come, neutral.
function colorOf(transition: AlertMessage["alert"]["transition"]): "Attention" | "Warning" | "Default" {
  return isFinalTransition(transition) ? "Default" : COLOR[transition];
}

export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

function build(message: AlertMessage, title: string | null, facts: Fact[]): TeamsPayload {
  const { alert, at } = message;
  const body: unknown[] = [
    {
      type: "TextBlock",
      text: headline(alert, at),
      weight: "Bolder",
      size: "Medium",
      color: colorOf(alert.transition),
      wrap: true,
    },
    { type: "TextBlock", text: title === null ? alert.ticketId : `${alert.ticketId} · ${title}`, wrap: true },
    { type: "FactSet", facts: facts.map(({ title: t, value }) => ({ title: t, value })) },
  ];
  const content: Record<string, unknown> = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    msteams: { width: "Full" },
    body,
  };
  if (alert.link !== null)
    content.actions = [{ type: "Action.OpenUrl", title: "Open ticket", url: alert.link }];
  return {
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content }],
  };
}
