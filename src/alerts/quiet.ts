/**
 * Quiet time (notify.quietOutsideWindow): an alert about a clock that runs on business hours
 * (P2–P4) is held outside the service window and delivered when the window next opens; an alert
 * about a 24/7 clock (P1, the major-incident update cadence) is never held.
 */
import type { BusinessCalendar } from "../engine/calendar/types.js";
import type { Instant } from "../model/instant.js";
import type { Alert } from "./types.js";

const LOOK_AHEAD_MS = 21 * 86_400_000;

/**
 * When the alert may be sent: `now`, or the next opening of the service window.
 * @example a P2 alert at Monday 22:00 (window Mon–Fri 08:00–18:00) → Tuesday 08:00
 */
export function releaseAt(
  alert: Pick<Alert, "clockKind">,
  now: Instant,
  calendar: BusinessCalendar,
  quiet: boolean,
): Instant {
  if (!quiet || alert.clockKind === "clock") return now;
  // Intervals are clipped to [now, …): inside a window the first one starts at now itself.
  const [first] = calendar.windowIntervals(now, now + LOOK_AHEAD_MS);
  // No window for three weeks (a misconfigured calendar): better sent at night than never.
  return first === undefined ? now : first[0];
}
