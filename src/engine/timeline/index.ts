/** SLA clocks and the major-incident update cadence of one ticket, as known at a given moment. */
export {
  type ClockContext,
  type ClockOutcome,
  type ClockStatus,
  clockOfHistory,
  computeClocks,
} from "./clocks.js";
export {
  type CadenceRun,
  type ExpectedUpdate,
  type MajorUpdateSchedule,
  majorUpdateSchedule,
} from "./major-updates.js";
export {
  CLOCK_NAMES,
  type ClockName,
  type ClockPolicy,
  type ClockPolicyOverride,
  DEFAULT_CLOCK_POLICY,
  type MajorUpdatePolicy,
  type Norm,
  type NormsByPriority,
  overrideClockPolicy,
} from "./policy.js";
export { type PrioritySegment, prioritySegments } from "./priority-segments.js";
export { type TicketState, ticketStateAt } from "./ticket-state.js";
