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
  /**
   * Positions in `input.tickets` whose moment lies in the period, ascending. Scorers walk them
   * with an index rather than `for…of`: a scorer runs only a few times per report, mostly before
   * it is optimised, and unoptimised `for…of` allocates a result object per step (tens of MB for
   * a 200,000-ticket report).
   */
  positions: readonly number[];
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
  const key = `moments:${population}`;
  const moments = analyses.derived(key, () => {
    const values = new Float64Array(input.tickets.length);
    for (let index = 0; index < values.length; index++) {
      values[index] = momentOf(analyses.at(index)) ?? Number.NaN;
    }
    return values;
  });
  return { analyses, positions: positionsInPeriod(analyses, key, moments, context.period) };
}

/**
 * The positions whose moment lies in the period, ascending, found once per period for the moments
 * kept under `key`: several KPIs read the same moments (O3.2–O3.4 the resolution of service
 * tickets, the clock KPIs of every priority the same clock).
 */
export function positionsInPeriod(
  analyses: TicketAnalyses,
  key: string,
  moments: Float64Array,
  period: Period,
): readonly number[] {
  return analyses.derived(`${key}:in:${period.start}:${period.end}`, () => positionsIn(moments, period));
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
