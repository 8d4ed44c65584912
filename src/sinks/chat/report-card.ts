/**
 * A report scorecard as a Teams Workflows payload: one Adaptive Card 1.4, kept under the size a
 * Teams message may have (graph-chat.md §8.2) by cutting the deviations' notes first, then the
 * longest lists; the files are buttons when they have a link.
 */
import { shorten } from "../../alerts/content.js";
import type { Scorecard, ScorecardItem } from "../report-post/types.js";
import { byteSize, TEAMS_MAX_BYTES, type TeamsPayload } from "./adaptive-card.js";
import {
  MEETING_TITLE,
  NO_DEVIATIONS,
  NOTHING_ON_AGENDA,
  PROVISIONAL,
  periodLine,
  scorecardTitle,
} from "./scorecard-words.js";

const NAME_MAX = 80;
const TEXT_MAX = 200;
/** Action.OpenUrl buttons; the report has at most five files (csv writes two). */
const BUTTONS_MAX = 5;

export function teamsScorecardPayload(card: Scorecard, maxBytes = TEAMS_MAX_BYTES): TeamsPayload {
  let shown = card;
  let payload = build(card, shown);
  // Each round removes something; a few hundred items at most, so the bound is never reached.
  for (let round = 0; byteSize(payload) > maxBytes && round < 1000; round++) {
    shown = cut(shown);
    payload = build(card, shown);
  }
  return payload;
}

/** One step smaller: the notes go first, then the last item of the longest list. */
function cut(card: Scorecard): Scorecard {
  if (card.deviations.some((d) => d.notes.length > 0)) {
    return { ...card, deviations: card.deviations.map((d) => ({ ...d, notes: [] })) };
  }
  const lists = [card.deviations, ...card.agenda.map((a) => a.items)];
  const longest = lists.reduce((a, b) => (b.length > a.length ? b : a));
  if (longest === card.deviations) return { ...card, deviations: card.deviations.slice(0, -1) };
  return {
    ...card,
    agenda: card.agenda.map((a) => (a.items === longest ? { ...a, items: a.items.slice(0, -1) } : a)),
  };
}

function omitted(full: Scorecard, shown: Scorecard): number {
  const count = (c: Scorecard) => c.deviations.length + c.agenda.reduce((n, a) => n + a.items.length, 0);
  return count(full) - count(shown);
}

/** The card of `full`, showing the items left in `shown`. */
function build(full: Scorecard, card: Scorecard): TeamsPayload {
  const { met, notMet, noData } = card.counts;
  const left = omitted(full, card);
  const body: unknown[] = [
    { type: "TextBlock", text: scorecardTitle(card), weight: "Bolder", size: "Medium", wrap: true },
    { type: "TextBlock", text: periodLine(card), isSubtle: true, spacing: "None", wrap: true },
  ];
  if (!card.periodComplete) body.push({ type: "TextBlock", text: PROVISIONAL, color: "Warning", wrap: true });
  body.push(
    {
      type: "FactSet",
      facts: [
        { title: "Met", value: String(met) },
        { title: "Not met", value: String(notMet) },
        { title: "No data", value: String(noData) },
      ],
    },
    heading("Contract deviations (minimum requirements not met)"),
  );
  if (full.deviations.length === 0) body.push({ type: "TextBlock", text: NO_DEVIATIONS, wrap: true });
  else if (card.deviations.length > 0) {
    body.push(
      facts(card.deviations, (d) => [d.result, ...d.notes].map((t) => shorten(t, TEXT_MAX)).join(" — ")),
    );
  }
  body.push(heading("Agenda"));
  if (full.agenda.length === 0) body.push({ type: "TextBlock", text: NOTHING_ON_AGENDA, wrap: true });
  for (const { level, items } of card.agenda) {
    if (items.length === 0) continue;
    body.push(
      { type: "TextBlock", text: MEETING_TITLE[level], weight: "Bolder", wrap: true },
      facts(items, (i) => `${shorten(i.result, TEXT_MAX)} (${i.notes.join(", ")})`),
    );
  }
  if (left > 0) {
    body.push({
      type: "TextBlock",
      text: `… and ${left} more items in the report`,
      isSubtle: true,
      wrap: true,
    });
  }
  const links = card.files.filter((f): f is { name: string; url: string } => f.url !== null);
  if (links.length === 0) {
    const names = card.files.map((f) => f.name).join(", ");
    body.push({
      type: "TextBlock",
      text: `Report files (in the report folder): ${names}`,
      isSubtle: true,
      wrap: true,
    });
  }
  const content: Record<string, unknown> = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    msteams: { width: "Full" },
    body,
  };
  if (links.length > 0) {
    content.actions = links
      .slice(0, BUTTONS_MAX)
      .map((f) => ({ type: "Action.OpenUrl", title: `Open ${f.name}`, url: f.url }));
  }
  return {
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content }],
  };
}

function heading(text: string) {
  return { type: "TextBlock", text, weight: "Bolder", size: "Medium", spacing: "Medium", wrap: true };
}

function facts(items: readonly ScorecardItem[], value: (item: ScorecardItem) => string) {
  return {
    type: "FactSet",
    facts: items.map((i) => ({ title: `${i.id} ${shorten(i.name, NAME_MAX)}`, value: value(i) })),
  };
}
