/**
 * The change KPIs measured against an allowed time (T1.3, T2.2, T2.5, M19): the norm's duration,
 * else the measurement rule's working days on the business clock; one case per ticket from a
 * start to a stop, counted per M5; target share per decision 1. Each KPI says only which tickets
 * it reads, where a ticket's clock starts and stops, and what its first note says.
 */
import type { ContractRules } from "../../../config/schema/contract.js";
import type { Instant } from "../../../model/instant.js";
import type { Ticket } from "../../../model/schema.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import { type AllowedTime, allowedTime, workingDays } from "../records/allowed-time.js";
import { measureOf, toMinutes, toSecond } from "../records/common.js";
import { type DeadlineCaseSpec, deadlineAfter } from "../records/deadline-case.js";
import { shareScore, targetNote } from "../records/score.js";
import { type TicketAnalyses, ticketAnalysesFor } from "../tickets/analysis.js";
import type { KpiDefinition, KpiScorer, MeasureRule } from "../types.js";
import { type CountedCase, countedDeadlineCase, countedInPeriod, type KnownTicket } from "./common.js";

/** Calendar and report time (whole seconds) a case is found with. */
export interface CaseTime {
  calendar: BusinessCalendar;
  now: Instant;
}

export interface AllowedTimeKpi {
  measure: MeasureRule;
  /** The measurement rule's allowed time in working days, when the norm gives no duration. */
  days: number;
  tickets(analyses: TicketAnalyses): readonly KnownTicket[];
  /** The ticket's case (usually an `allowedTimeCase`); null when it has none (yet). */
  caseOf(known: KnownTicket, allowed: AllowedTime, time: CaseTime): CountedCase | null;
  /** The first note: the population and what is in time. */
  note(allowed: AllowedTime): string;
}

export function allowedTimeScorer(spec: AllowedTimeKpi): KpiScorer {
  return (input, kpi, context) => {
    measureOf(kpi, spec.measure);
    const { calendar } = context;
    const now = toSecond(context.now);
    const allowed = allowedTime(kpi, calendar, workingDays(spec.days, calendar, "M19"));
    const analyses = ticketAnalysesFor(input.tickets, context);
    const counted = countedInPeriod(analyses, context.period, {
      key: `${spec.measure}:${allowed.ms}:${allowed.clock}`,
      tickets: spec.tickets(analyses),
      caseOf: (known) => spec.caseOf(known, allowed, { calendar, now }),
    });
    const cases = counted.map((c) => c.write(calendar));
    const { target, source } = decisionOneTarget(kpi, context.rules);
    return shareScore(cases, target, { notes: [spec.note(allowed), targetNote(target, source)] });
  };
}

/**
 * A case from `start` to `stop` against an allowed time, per M5 (see `deadlineCase`), as known at
 * `time.now` (whole seconds). The value is the elapsed time on the allowed time's clock to the stop,
 * or so far while open; a stop before the start (e.g. an analysis shared before the ticket was
 * closed) is in time with value 0.
 */
export function allowedTimeCase(
  ticket: Ticket,
  span: { start: Instant; stop: Instant | null },
  allowed: AllowedTime,
  time: CaseTime,
  note?: string,
): CountedCase | null {
  const { start, stop } = span;
  const { deadline, lastInTime } = deadlineAfter(time.calendar, start, allowed.ms, allowed.clock);
  const elapsed = Math.max(0, time.calendar.elapsedMs(start, stop ?? time.now, allowed.clock));
  const spec: DeadlineCaseSpec = {
    id: ticket.id,
    source: ticket.source,
    stopAt: stop,
    deadline,
    lastInTime,
    value: toMinutes(elapsed),
  };
  if (note !== undefined) spec.note = note;
  return countedDeadlineCase(spec, time.now);
}

/**
 * Decision 1: a norm written without a percentage (T2.2, T2.5, T1.3) asks for the configured share
 * (`rules.targetShareWithoutPercentage`, default 100 %). A parsed duration norm always carries a
 * share, and share 1 is what "no percentage" parses to, so only a share other than 1 (or a `min`
 * norm) is taken as a written percentage.
 */
function decisionOneTarget(kpi: KpiDefinition, rules: ContractRules): { target: number; source: string } {
  const norm = kpi.norm;
  if (norm?.kind === "duration" && norm.share !== 1) return { target: norm.share, source: "norm" };
  if (norm?.kind === "min") return { target: norm.value, source: "norm" };
  return {
    target: rules.targetShareWithoutPercentage,
    source: "decision 1: rules.targetShareWithoutPercentage",
  };
}
