/**
 * O3.4 / M9 / decision 7: resolved at the first handling, without a handover. Population:
 * tickets other than changes (M16) resolved in the period (final resolution). A fix is
 * first-time when the resolver `group` never changed after its first non-null value (up to the
 * resolution) and the ticket was never reopened. An `assigned` with group null (for instance an
 * assignment to a person only) carries no group and is no transfer; a reopen counts only when it
 * undid a resolution.
 */

import type { Instant } from "../../../model/instant.js";
import type { KnownHistory } from "../../timeline/known-history.js";
import { figuresOnly, verdictOnly } from "../population.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { localTime, measureOf } from "./common.js";
import { shareScore, targetOf } from "./score.js";
import { countedTickets, resolvedParts, resolvedServiceTickets } from "./select.js";

interface GroupChange {
  from: string;
  to: string;
  at: Instant;
}

function firstGroupChange(history: KnownHistory, resolvedAt: Instant): GroupChange | null {
  let first: string | null = null;
  for (const event of history.events) {
    if (event.at > resolvedAt) break;
    if (event.type !== "assigned" || event.group === null) continue;
    if (first === null) first = event.group;
    else if (event.group !== first) return { from: first, to: event.group, at: event.at };
  }
  return null;
}

export const scoreFirstTimeFix: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "first-time-fix");
  const { calendar } = context;
  const { name, momentOf } = resolvedServiceTickets;
  const { analyses, positions } = countedTickets(input, context, name, momentOf);
  const figures = figuresOnly(context);
  const cases: CaseResult[] = [];
  for (let i = 0; i < positions.length; i++) {
    const index = positions[i] as number;
    const { ticket, history, lifecycle, resolvedAt } = resolvedParts(analyses.at(index));
    const change = firstGroupChange(history, resolvedAt);
    const reopenedAt = lifecycle.reopenedAt[0] ?? null;
    if (figures) {
      cases.push(verdictOnly(change === null && reopenedAt === null ? "within" : "breached"));
      continue;
    }
    const reasons: string[] = [];
    if (change !== null)
      reasons.push(`group ${change.from} → ${change.to} at ${localTime(change.at, calendar)}`);
    if (reopenedAt !== null) reasons.push(`reopened ${localTime(reopenedAt, calendar)}`);
    const result: CaseResult = {
      id: ticket.id,
      source: ticket.source,
      value: null,
      deadline: null,
      stoppedAt: resolvedAt,
      verdict: reasons.length === 0 ? "within" : "breached",
    };
    if (reasons.length > 0) result.note = reasons.join("; ");
    cases.push(result);
  }
  return shareScore(cases, targetOf(kpi, context.rules.targetShareWithoutPercentage), {
    notes: [
      "first-time fix: the resolver group never changed after its first value and the ticket was never reopened (M9)",
      "population: tickets other than changes, counted in the period of resolution (M16)",
    ],
  });
};
