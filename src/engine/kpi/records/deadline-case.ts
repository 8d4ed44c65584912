/**
 * M5 for a case with one stop and one deadline (patches, end-of-life items, vulnerabilities,
 * change lead times): its verdict as known at `now` and whether it counts in the period.
 *
 * Two instants per deadline, as in the ticket clocks: `deadline` is the earliest instant at which
 * the allowed time is used up; `lastInTime` the last instant at which it is not yet exceeded. They
 * differ only when the deadline falls at the end of a service window (15 working days used up at
 * 18:00 stay used up, not exceeded, until 08:00 the next working day): norms are inclusive (M1).
 */
import type { Instant } from "../../../model/instant.js";
import type { BusinessCalendar, ClockKind } from "../../calendar/types.js";
import { countingMoment, inPeriod } from "../population.js";
import type { CaseResult, ScoringContext } from "../types.js";
import { localTime } from "./common.js";

export interface DeadlineCaseSpec {
  id: string;
  source?: string | undefined;
  part?: string;
  /** The stop in whole seconds as known at now (see `knownAt`), null while open. */
  stopAt: Instant | null;
  deadline: Instant;
  /** The last instant still in time; the deadline itself when omitted. */
  lastInTime?: Instant;
  /** Minutes on the KPI's clock (elapsed so far while open), or null for a yes/no case. */
  value: number | null;
  /** What the case is ("patch KB5034441 on LT-0042"); the verdict's own words are added. */
  note?: string;
}

/**
 * The case as counted in `context.period`, or null when it counts elsewhere or not yet: in time
 * when stopped no later than `lastInTime`; breached when stopped later, or still open after it.
 * A breached case counts at its deadline (even while still open), one in time where it stopped.
 */
export function deadlineCase(spec: DeadlineCaseSpec, context: ScoringContext): CaseResult | null {
  const { breached, moment } = deadlineVerdict(spec, context.now);
  if (moment === null || !inPeriod(moment, context.period)) return null;
  return deadlineCaseResult(spec, breached, context.calendar);
}

/**
 * The verdict of `deadlineCase` as known at `now`, and the moment the case counts at (null: in
 * no period yet). Apart from the case's text, so a scorer that scores many periods can find a
 * case's period once and write only the cases of the period asked for.
 */
export function deadlineVerdict(
  spec: DeadlineCaseSpec,
  now: Instant,
): { breached: boolean; moment: Instant | null } {
  const { stopAt, deadline } = spec;
  const lastInTime = spec.lastInTime ?? deadline;
  const within = stopAt !== null && stopAt <= lastInTime;
  const breached = !within && (stopAt !== null || now > lastInTime);
  return { breached, moment: countingMoment(stopAt, deadline, breached) };
}

/** The case of `deadlineCase` with its verdict decided, its note completed by the breach's text. */
export function deadlineCaseResult(
  spec: DeadlineCaseSpec,
  breached: boolean,
  calendar: BusinessCalendar,
): CaseResult {
  const { stopAt, deadline } = spec;
  const why = breached ? breachText(stopAt, deadline, calendar) : "";
  const note =
    spec.note === undefined || spec.note === "" ? why : why === "" ? spec.note : `${spec.note}; ${why}`;
  const result: CaseResult = {
    id: spec.id,
    value: spec.value,
    deadline,
    stoppedAt: stopAt,
    verdict: breached ? "breached" : "within",
  };
  if (spec.source !== undefined) result.source = spec.source;
  if (spec.part !== undefined) result.part = spec.part;
  if (note !== "") result.note = note;
  return result;
}

function breachText(stopAt: Instant | null, deadline: Instant, calendar: BusinessCalendar): string {
  const due = localTime(deadline, calendar);
  if (stopAt === null) return `still open at report time, deadline ${due} passed`;
  return `done ${localTime(stopAt, calendar)}, after the deadline ${due}`;
}

const SECOND_MS = 1000;

/**
 * The deadline of an allowed time from `start` on a clock, and the last instant still in time
 * (instants are whole seconds, so that is one second before one second more is used up).
 * @example deadlineAfter(Fri 17:00, 1 service day, "business") // deadline Mon 17:00 = lastInTime
 */
export function deadlineAfter(
  calendar: BusinessCalendar,
  start: Instant,
  allowedMs: number,
  clock: ClockKind,
): { deadline: Instant; lastInTime: Instant } {
  if (clock === "clock") return { deadline: start + allowedMs, lastInTime: start + allowedMs };
  return {
    deadline: calendar.addMs(start, allowedMs, clock),
    lastInTime: calendar.addMs(start, allowedMs + SECOND_MS, clock) - SECOND_MS,
  };
}
