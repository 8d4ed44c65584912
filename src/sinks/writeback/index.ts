/** Ticket write-back: live SLA timers into the source tickets' own fields. */
export { type SlaStatus, type TimerContext, type TimerValues, timerValues } from "./timer-values.js";
export type { FieldValue, WritebackField, WritebackTarget } from "./types.js";
export {
  runWriteback,
  type TicketWrite,
  type WritebackOptions,
  type WritebackSummary,
  writebackKey,
} from "./writeback.js";
