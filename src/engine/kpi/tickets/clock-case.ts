/**
 * One SLA clock of one ticket as a KPI case (M4, M5): its value in minutes on the clock, its
 * verdict, and the moment it counts at — the stop for a case in time, the deadline for a breached
 * one (even while still open), none for a case that has neither stopped nor breached.
 */
import type { Instant } from "../../../model/instant.js";
import type { Ticket } from "../../../model/schema.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import type { ClockOutcome } from "../../timeline/index.js";
import { countingMoment } from "../population.js";
import type { CaseResult, Verdict } from "../types.js";
import { localTime, minutesText, toMinutes } from "./common.js";

/** Where the clock's case counts (M5): null while it has neither stopped nor breached. */
export function clockMoment(clock: ClockOutcome): Instant | null {
  if (clock.status === "running" || clock.status === "paused") return null;
  return countingMoment(clock.stopAt, clock.deadline, clock.status === "breached");
}

/** The case of a counted clock; a clock without a norm is listed as `excluded`. */
export function clockCase(
  ticket: Ticket,
  clock: ClockOutcome,
  calendar: BusinessCalendar,
  part?: string,
): CaseResult {
  const breached = clock.status === "breached";
  const verdict = clockVerdict(clock);
  const notes: string[] = [];
  if (clock.priority !== ticket.priority) {
    notes.push(`counted as ${clock.priority ?? "no priority"} (registered as ${ticket.priority ?? "none"})`);
  }
  if (clock.status === "no-norm") notes.push(`no ${clock.priority ?? ""} norm for the ${clock.name} clock`);
  if (breached) notes.push(breachText(clock, calendar));
  const result: CaseResult = {
    id: ticket.id,
    source: ticket.source,
    value: toMinutes(clock.elapsedMs),
    deadline: clock.deadline,
    stoppedAt: clock.stopAt,
    verdict,
  };
  if (part !== undefined) result.part = part;
  if (notes.length > 0) result.note = notes.join("; ");
  return result;
}

/** A clock's verdict: met is within, breached is breached, a clock without a norm is excluded. */
export function clockVerdict(clock: ClockOutcome): Verdict {
  if (clock.status === "met") return "within";
  return clock.status === "breached" ? "breached" : "excluded";
}

function breachText(clock: ClockOutcome, calendar: BusinessCalendar): string {
  const deadline = clock.deadline === null ? "" : `deadline ${localTime(clock.deadline, calendar)}`;
  const over = clock.allowedMs === null ? "" : `, ${minutesText(clock.elapsedMs - clock.allowedMs)} over`;
  const stop =
    clock.stopAt === null
      ? "; not stopped at report time"
      : `; stopped ${localTime(clock.stopAt, calendar)}${over}`;
  // An upgrade after the stricter norm's deadline had passed: breached from the upgrade on.
  const late =
    clock.breachedAt !== null && clock.deadline !== null && clock.breachedAt > clock.deadline + 1000
      ? `; breached from ${localTime(clock.breachedAt, calendar)}`
      : "";
  return `${deadline}${stop}${late}`;
}
