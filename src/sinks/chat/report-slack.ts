/**
 * A report scorecard as a Slack message: Block Kit plus the top-level `text` Slack notifies with.
 * Catalog and file text is escaped for mrkdwn; a section's text stays under Block Kit's 3,000
 * characters by listing as many items as fit and saying how many more the report has
 * (graph-chat.md §7.3).
 */
import { shorten } from "../../alerts/content.js";
import type { Scorecard, ScorecardItem } from "../report-post/types.js";
import { escapeMrkdwn, mrkdwnLink } from "./mrkdwn.js";
import {
  countsLine,
  MEETING_TITLE,
  NO_DEVIATIONS,
  NOTHING_ON_AGENDA,
  PROVISIONAL,
  periodLine,
  scorecardSummary,
  scorecardTitle,
} from "./scorecard-words.js";
import type { SlackBlock } from "./slack-blocks.js";

/** Marks our scorecard messages (Slack message metadata), so a restart can find one by its post key. */
export const SLACK_REPORT_EVENT_TYPE = "sla_sentinel_report";

const SECTION_MAX = 3000;
const HEADER_MAX = 150;
// Cut before escaping, which at most quintuples a text (& → &amp;); lines stay well under a section.
const NAME_MAX = 80;
const RESULT_MAX = 200;
const NOTE_MAX = 150;

export function slackScorecardContent(card: Scorecard): { text: string; blocks: SlackBlock[] } {
  const intro = [`*Period* ${escapeMrkdwn(periodLine(card))}`, `*KPIs* ${escapeMrkdwn(countsLine(card))}`];
  if (!card.periodComplete) intro.push(`:warning: ${escapeMrkdwn(PROVISIONAL)}`);
  const deviations =
    card.deviations.length === 0
      ? [NO_DEVIATIONS]
      : card.deviations.flatMap((d) => [
          itemLine(d),
          ...d.notes.map((n) => `      _${escapeMrkdwn(shorten(n, NOTE_MAX))}_`),
        ]);
  const agenda =
    card.agenda.length === 0
      ? [NOTHING_ON_AGENDA]
      : card.agenda.flatMap(({ level, items }) => [
          `*${MEETING_TITLE[level]}*`,
          ...items.map((i) => `${itemLine(i)} (${escapeMrkdwn(i.notes.join(", "))})`),
        ]);
  const blocks: SlackBlock[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: shorten(`:bar_chart: ${scorecardTitle(card)}`, HEADER_MAX),
        emoji: true,
      },
    },
    section(intro),
    section(["*Contract deviations* (minimum requirements not met)", ...deviations]),
    section(["*Agenda*", ...agenda]),
    { type: "context", elements: [{ type: "mrkdwn", text: filesLine(card) }] },
  ];
  return { text: escapeMrkdwn(scorecardSummary(card)), blocks };
}

function itemLine(item: ScorecardItem): string {
  return `• *${escapeMrkdwn(item.id)}* ${escapeMrkdwn(shorten(item.name, NAME_MAX))}: ${escapeMrkdwn(shorten(item.result, RESULT_MAX))}`;
}

/** A mrkdwn section of as many of `lines` as fit, then how many were left out. */
function section(lines: readonly string[]): SlackBlock {
  let text = "";
  for (const [index, line] of lines.entries()) {
    const more = `\n… and ${lines.length - index} more lines in the report`;
    const next = text === "" ? line : `${text}\n${line}`;
    if (next.length + more.length > SECTION_MAX) {
      text += more;
      break;
    }
    text = next;
  }
  return { type: "section", text: { type: "mrkdwn", text } };
}

function filesLine(card: Scorecard): string {
  if (card.files.length === 0) return "sla-sentinel · no report files";
  const linked = card.files.some((f) => f.url !== null);
  const names = card.files.map((f) => (f.url === null ? escapeMrkdwn(f.name) : mrkdwnLink(f.url, f.name)));
  return `${linked ? "Report" : "Report files (in the report folder)"}: ${names.join(" · ")}`;
}
