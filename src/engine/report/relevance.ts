/**
 * How far back a report must read tickets. A ticket's case counts at its stop or at a deadline
 * it missed (M5). A finished ticket's stops lie within its known events, and the deadlines that
 * can still pass after its last event (a response deadline after a resolution without reply,
 * T2.5's ten working days after closing, a standard change's lead time) lie well within
 * `TICKET_LOOKBACK_MS` of it; an open ticket can count at any time. So a report whose first
 * period starts at S needs the open tickets and the finished ones whose last event is at or
 * after S − TICKET_LOOKBACK_MS (the store's `activeSince`); older ones count in no period of it.
 */
const DAY_MS = 86_400_000;

/** Half a year: far beyond the longest working-day norm of any KPI (20 working days for T1.3). */
export const TICKET_LOOKBACK_MS = 183 * DAY_MS;
