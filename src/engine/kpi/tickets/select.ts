/**
 * Which tickets count in a period (M5), fast enough to score one KPI for many periods (a report
 * and its trend): a ticket's counting moment does not depend on the period, so it is computed
 * once per report and KPI population, kept by position, and each period only scans the moments
 * and evaluates the tickets that count in it.
 */
import type { Instant } from "../../../model/instant.js";
import type { KnownHistory } from "../../timeline/known-history.js";
import type { KpiInput, Period } from "../types.js";
import {
  type TicketAnalyses,
  type TicketAnalysis,
  type TicketScoringContext,
  ticketAnalysesFor,
} from "./analysis.js";
import { isServiceTicket } from "./common.js";
import type { TicketLifecycle } from "./lifecycle.js";

/** A ticket's counting moment for a KPI population, or null when it does not count (yet). */
export type MomentOf = (analysis: TicketAnalysis) => Instant | null;

export interface CountedTickets {
  analyses: TicketAnalyses;
  /** Positions in `input.tickets` whose moment lies in the period, ascending. */
  positions: number[];
}

/**
 * @param population names everything `momentOf` depends on besides the tickets, calendar, policy
 *   and now (e.g. "response:P2", "coordination:600000"): populations with the same name share moments.
 */
export function countedTickets(
  input: KpiInput,
  context: TicketScoringContext,
  population: string,
  momentOf: MomentOf,
): CountedTickets {
  const analyses = ticketAnalysesFor(input.tickets, context);
  const moments = analyses.derived(`moments:${population}`, () => {
    const values = new Float64Array(input.tickets.length);
    for (let index = 0; index < values.length; index++) {
      values[index] = momentOf(analyses.at(index)) ?? Number.NaN;
    }
    return values;
  });
  return { analyses, positions: positionsIn(moments, context.period) };
}

function positionsIn(moments: Float64Array, period: Period): number[] {
  const positions: number[] = [];
  const { start, end } = period;
  for (let index = 0; index < moments.length; index++) {
    const moment = moments[index] as number;
    // NaN (not counted) fails both comparisons.
    if (moment >= start && moment < end) positions.push(index);
  }
  return positions;
}

/** O3.2–O3.4 (M16): tickets other than changes, counted in the period of their final resolution. */
export const resolvedServiceTickets = {
  name: "resolved-service-tickets",
  momentOf: (analysis: TicketAnalysis): Instant | null =>
    isServiceTicket(analysis.ticket) ? (analysis.lifecycle?.resolvedAt ?? null) : null,
} as const;

/** The history, lifecycle and resolution of a ticket selected by a resolution moment. */
export function resolvedParts(analysis: TicketAnalysis) {
  const history = analysis.history as KnownHistory;
  const lifecycle = analysis.lifecycle as TicketLifecycle;
  return { ticket: analysis.ticket, history, lifecycle, resolvedAt: lifecycle.resolvedAt as Instant };
}
