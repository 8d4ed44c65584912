/**
 * The words of a report scorecard, shared by the Slack and Teams renderers. Plain text here; each
 * renderer escapes for its own markup.
 */
import { DateTime } from "luxon";
import type { MeetingLevel } from "../../engine/kpi/types.js";
import type { Scorecard } from "../report-post/types.js";

export const MEETING_TITLE: Record<MeetingLevel, string> = {
  operational: "Operational meeting",
  tactical: "Tactical meeting",
  strategic: "Strategic meeting",
};

/** `SLA scorecard 2026-03 (month)` */
export function scorecardTitle(card: Scorecard): string {
  return `SLA scorecard ${card.period.label} (${card.period.kind})`;
}

/** `1 Mar 2026 – 31 Mar 2026 · catalog sib-2026.1`: the last day shown, as people count periods. */
export function periodLine(card: Scorecard): string {
  const day = (at: number) =>
    DateTime.fromMillis(at, { zone: card.zone }).setLocale("en-GB").toFormat("d LLL yyyy");
  return `${day(card.period.start)} – ${day(card.period.end - 1)} · catalog ${card.catalogVersion}`;
}

/** `12 met · 3 not met · 5 no data` */
export function countsLine(card: Scorecard): string {
  const { met, notMet, noData } = card.counts;
  return `${met} met · ${notMet} not met · ${noData} no data`;
}

export const PROVISIONAL = "Provisional: made before the period ended; every figure may still change.";
export const NO_DEVIATIONS = "No minimum requirement was missed.";
export const NOTHING_ON_AGENDA = "Nothing for the meetings from this report.";

/** The notification text: `SLA scorecard 2026-03 (month): 12 met · 3 not met · 5 no data · 2 contract deviations` */
export function scorecardSummary(card: Scorecard): string {
  const n = card.deviations.length;
  const deviations = n === 0 ? "no contract deviations" : `${n} contract deviation${n === 1 ? "" : "s"}`;
  return `${scorecardTitle(card)}: ${countsLine(card)} · ${deviations}`;
}
