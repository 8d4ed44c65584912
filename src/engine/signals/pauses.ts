/**
 * Pauses on the resolution clock (M3): a pause that starts when little of the norm is left
 * stops the clock just in time; pauses that recur on one ticket, and paused time as a share of
 * handling time, show how much of the contract's figure rests on time not counted.
 *
 * Population: the resolution clocks of incidents and security incidents counted in the period
 * (the O1.6–O1.9 cases). Only pauses that stop that clock count (reasons per
 * `contract.rules.pauseReasons.resolution`), and only their parts while the clock ran.
 */
import { MINUTE_MS } from "../../model/instant.js";
import type { TicketAnalysis } from "../kpi/tickets/analysis.js";
import { localTime } from "../kpi/tickets/common.js";
import type { ClockOutcome } from "../timeline/index.js";
import type { Interval } from "../timeline/intervals.js";
import { countedBefore, durationWords, type SignalContext, spansOf, type TicketObserver } from "./context.js";
import { Meter } from "./meter.js";
import type { SignalCase } from "./types.js";

export interface PauseMeters {
  nearDeadline: Meter;
  recurring: Meter;
  pausedShare: Meter;
}

export function pauseObserver(context: SignalContext): TicketObserver & PauseMeters {
  const { slots, settings, calendar } = context;
  const nearDeadline = new Meter(slots);
  const recurring = new Meter(slots);
  const pausedShare = new Meter(slots);
  const windowMs = settings.pauseNearDeadline.windowMinutes * MINUTE_MS;
  return {
    nearDeadline,
    recurring,
    pausedShare,
    observe(analysis, _index, clocks) {
      const counted = clocks.resolution;
      if (counted === null) return;
      const { outcome, slot } = counted;
      const handledMs = outcome.elapsedMs + outcome.pausedMs;
      const share = handledMs > 0 ? outcome.pausedMs / handledMs : 0;
      pausedShare.count(slot, outcome.pausedMs, handledMs);
      if (share > settings.pausedShare.ticketShare) {
        pausedShare.hit(slot, () => pausedShareCase(analysis, outcome, share));
      }
      // Most clocks never pause: no spans to look into.
      const spans = outcome.pausedMs > 0 ? spansOf(analysis, "resolution", context) : null;
      const pauses = spans?.paused ?? NO_PAUSES;
      const often = pauses.length >= settings.recurringPauses.minPauses;
      recurring.share(slot, often ? () => recurringCase(analysis, pauses, context) : null);
      if (outcome.allowedMs === null) return;
      let late: PauseFinding | null = null;
      if (spans !== null) {
        for (const pause of pauses) {
          const leftMs =
            outcome.allowedMs - countedBefore(calendar, spans.counting, pause[0], outcome.clockKind);
          // A pause after the deadline changes nothing: the case is breached already.
          if (leftMs > 0 && leftMs <= windowMs) {
            late = { at: pause[0], leftMs };
            break;
          }
        }
      }
      const found = late;
      nearDeadline.share(
        slot,
        found === null ? null : () => nearDeadlineCase(analysis, outcome, found, context),
      );
    },
  };
}

const NO_PAUSES: readonly Interval[] = Object.freeze([]);

interface PauseFinding {
  at: number;
  leftMs: number;
}

function nearDeadlineCase(
  analysis: TicketAnalysis,
  outcome: ClockOutcome,
  finding: PauseFinding,
  context: SignalContext,
): SignalCase {
  const { calendar } = context;
  const instants = [{ what: "paused", at: finding.at }];
  if (outcome.stopAt !== null) instants.push({ what: "resolved", at: outcome.stopAt });
  return {
    id: analysis.ticket.id,
    source: analysis.ticket.source,
    note: `paused at ${localTime(finding.at, calendar)} with ${durationWords(finding.leftMs)} of the ${outcome.priority ?? ""} resolution norm left`,
    instants,
  };
}

function recurringCase(
  analysis: TicketAnalysis,
  pauses: readonly Interval[],
  context: SignalContext,
): SignalCase {
  const { calendar } = context;
  const first = pauses[0] as Interval;
  const last = pauses[pauses.length - 1] as Interval;
  return {
    id: analysis.ticket.id,
    source: analysis.ticket.source,
    note: `paused ${pauses.length} times, first at ${localTime(first[0], calendar)}, last at ${localTime(last[0], calendar)}`,
    instants: pauses.map((pause, i) => ({ what: `pause ${i + 1}`, at: pause[0] })),
  };
}

function pausedShareCase(analysis: TicketAnalysis, outcome: ClockOutcome, share: number): SignalCase {
  const instants = [{ what: "registered", at: outcome.startAt }];
  if (outcome.stopAt !== null) instants.push({ what: "resolved", at: outcome.stopAt });
  return {
    id: analysis.ticket.id,
    source: analysis.ticket.source,
    note: `paused ${durationWords(outcome.pausedMs)} of ${durationWords(outcome.elapsedMs + outcome.pausedMs)} (${Math.round(share * 100)} %) on the ${outcome.clockKind} clock`,
    instants,
  };
}
