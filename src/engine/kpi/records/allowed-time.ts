/**
 * The allowed time of a KPI with a deadline: from its duration norm when it has one, else the
 * time the measurement rule names (T3.2: 14 calendar days on the clock; T2.2: 15 working days).
 * Working days are full service days on the business clock (N × the calendar's service day).
 */
import { HOUR_MS, MINUTE_MS } from "../../../model/instant.js";
import type { BusinessCalendar, ClockKind } from "../../calendar/types.js";
import type { KpiDefinition } from "../types.js";
import { durationText } from "./common.js";

export interface AllowedTime {
  ms: number;
  clock: ClockKind;
  /** "15 working days (business clock, norm)" for the notes. */
  text: string;
}

export function allowedTime(
  kpi: KpiDefinition,
  calendar: BusinessCalendar,
  ruleDefault: AllowedTime,
): AllowedTime {
  const norm = kpi.norm;
  if (norm === null || norm.kind !== "duration") return ruleDefault;
  if (norm.unit === "workingDays") {
    const ms = norm.amount * calendar.serviceDayMs;
    return { ms, clock: "business", text: `${norm.amount} working days (business clock, norm)` };
  }
  const ms = norm.amount * (norm.unit === "hours" ? HOUR_MS : MINUTE_MS);
  const clock = kpi.clock ?? ruleDefault.clock;
  const dayMs = clock === "business" ? calendar.serviceDayMs : 24 * HOUR_MS;
  return {
    ms,
    clock,
    text: `${durationText(ms, dayMs, clock === "business" ? "working day" : "day")} (${clock} clock, norm)`,
  };
}

/** N working days on the business clock. */
export function workingDays(days: number, calendar: BusinessCalendar, source: string): AllowedTime {
  return {
    ms: days * calendar.serviceDayMs,
    clock: "business",
    text: `${days} working days (business clock, ${source})`,
  };
}
