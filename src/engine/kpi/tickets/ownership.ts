/**
 * O3.2 / M8 / decision 6: one responsible owner. Population: tickets other than changes (M16),
 * counted in the period of their (final) resolution.
 *
 * Mode `continuous`: from the first `assigned` with an owner until the resolution the ticket
 * always has an owner. A handover (owner A → owner B) is fine; a span without an owner (owner set
 * to null) longer than the grace breaks it, and so does a ticket resolved without ever having an
 * owner. Gaps are measured on the clock (real time, an owner is needed at night too), and only
 * while the ticket is open: the span between a `resolved` and its `reopened` is not a gap.
 * Mode `strict`: the same, and exactly one distinct owner up to the resolution ("a single owner
 * for the ticket's whole life" cannot be met by a ticket that was left without one).
 */

import type { Instant } from "../../../model/instant.js";
import { MINUTE_MS } from "../../../model/instant.js";
import type { Interval } from "../../timeline/intervals.js";
import type { KnownHistory } from "../../timeline/known-history.js";
import { figuresOnly, verdictOnly } from "../population.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { localTime, measureOf, openLengthMs, toMinutes } from "./common.js";
import { shareScore, targetOf } from "./score.js";
import { countedTickets, resolvedParts, resolvedServiceTickets } from "./select.js";

interface OwnerHistory {
  owners: string[];
  /** Spans without an owner after the first owner, up to the resolution. */
  gaps: Interval[];
}

function ownerHistory(history: KnownHistory, resolvedAt: Instant): OwnerHistory {
  let owners: string[] = [];
  const gaps: Interval[] = [];
  let owner: string | null = null;
  let gapFrom: Instant | null = null;
  for (const event of history.events) {
    if (event.at > resolvedAt) break;
    if (event.type !== "assigned") continue;
    if (event.owner === null) {
      if (owner !== null) gapFrom = event.at;
    } else {
      if (gapFrom !== null) gaps.push([gapFrom, event.at]);
      gapFrom = null;
      // Most tickets have one owner: a list of exactly one, as a `push` onto `[]` reserves sixteen.
      if (owners.length === 0) owners = [event.owner];
      else if (!owners.includes(event.owner)) owners.push(event.owner);
    }
    owner = event.owner;
  }
  if (gapFrom !== null) gaps.push([gapFrom, resolvedAt]);
  return { owners, gaps };
}

// The note of most cases is one of a few texts: written once, not once per case.
const withinNotes: string[] = [];

function withinNote(owners: number): string {
  withinNotes[owners] ??= `${owners} owner${owners === 1 ? "" : "s"}, no gap over the grace`;
  return withinNotes[owners] as string;
}

export const scoreOwnership: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "ownership");
  const { calendar } = context;
  const { mode, graceMinutes } = context.rules.ownership;
  const graceMs = graceMinutes * MINUTE_MS;
  const { name, momentOf } = resolvedServiceTickets;
  const { analyses, positions } = countedTickets(input, context, name, momentOf);
  const figures = figuresOnly(context);
  const cases: CaseResult[] = [];
  for (let i = 0; i < positions.length; i++) {
    const index = positions[i] as number;
    const { ticket, history, lifecycle, resolvedAt } = resolvedParts(analyses.at(index));
    const { owners, gaps } = ownerHistory(history, resolvedAt);
    let longest = 0;
    let broken: string | null = null;
    for (const [from, to] of gaps) {
      const length = openLengthMs(calendar, from, to, lifecycle.openSpans, "clock");
      longest = Math.max(longest, length);
      if (length > graceMs && broken === null) {
        broken = `no owner ${localTime(from, calendar)}–${localTime(to, calendar)}`;
      }
    }
    if (owners.length === 0) broken = "resolved without ever having an owner";
    else if (mode === "strict" && owners.length > 1)
      broken ??= `${owners.length} owners: ${owners.join(", ")}`;
    if (figures) {
      cases.push(verdictOnly(broken === null ? "within" : "breached"));
      continue;
    }
    cases.push({
      id: ticket.id,
      source: ticket.source,
      value: owners.length === 0 ? null : toMinutes(longest),
      deadline: null,
      stoppedAt: resolvedAt,
      verdict: broken === null ? "within" : "breached",
      note: broken ?? withinNote(owners.length),
    });
  }
  return shareScore(cases, targetOf(kpi, context.rules.targetShareWithoutPercentage), {
    notes: [
      `ownership mode ${mode}, grace ${graceMinutes} min`,
      "value: the longest span without an owner while open, in clock minutes",
      "population: tickets other than changes, counted in the period of resolution (M8, M16)",
    ],
  });
};
