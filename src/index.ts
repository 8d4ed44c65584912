/** The package's library entry: the business calendar and the canonical model, for embedding and benchmarks. */

export type { BusinessCalendar, CalendarOptionsInput, ClockKind, Holiday } from "./engine/calendar/index.js";
export { businessCalendar } from "./engine/calendar/index.js";
export {
  computeClocks,
  DEFAULT_CLOCK_POLICY,
  majorUpdateSchedule,
  ticketStateAt,
} from "./engine/timeline/index.js";
export type { CanonicalRecord, CanonicalRecordInput, Ticket, TicketEvent } from "./model/schema.js";
export { canonicalRecord, schemaByKind, ticketRecord } from "./model/schema.js";
