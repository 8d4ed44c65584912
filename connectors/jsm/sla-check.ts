/**
 * JSM's own SLA beside the contract's clocks: where they disagree, and why that usually is. Pure.
 *
 * JSM measures "Time to first response" and "Time to resolution" on the calendar and with the
 * pause and stop conditions an admin configured (shared/apis/jsm.md §3.2); the contract measures
 * with its service window, Dutch holidays, decision 3 (first public comment by a person) and M3
 * (only waiting-for-customer pauses resolution). A JSM calendar that is not the contract's service
 * window is a common misconfiguration: agents then watch a timer that says something else than
 * the contract. The checks, per JSM metric mapped to a contract clock:
 * - `missing`: the contract's clock has a norm, JSM has no such SLA or no cycle of it;
 * - `goal`: JSM's goal is not the contract's allowed time for the priority that counts;
 * - `stop`: JSM stopped at another moment than the contract (or one of them did not stop);
 * - `breach`: one says breached, the other not;
 * - `calendar`: JSM's working hours disagree with the service window at the moment JSM was read,
 *   or JSM counted wall-clock time where the contract counts business time;
 * - `deadline`: same goal, different breach time (calendar, holidays or pause conditions differ);
 * - `elapsed`: same stop, different time counted (calendar or pause conditions differ);
 * - `cycles`: JSM restarted the SLA (a new cycle per reopen); the contract keeps one clock.
 */
import type { BusinessCalendar } from "../../src/engine/calendar/index.js";
import {
  type ClockName,
  type ClockOutcome,
  type ClockPolicy,
  computeClocks,
} from "../../src/engine/timeline/index.js";
import type { Ticket } from "../../src/model/schema.js";
import type { JsmSlaSnapshot, SlaCycleSnapshot } from "./sla.js";

/** JSM's default SLA names (§3.3) → the contract's clocks. */
export const DEFAULT_SLA_METRICS: Readonly<Record<string, ClockName>> = {
  "Time to first response": "response",
  "Time to resolution": "resolution",
};

export type SlaDisagreementKind =
  | "missing"
  | "goal"
  | "stop"
  | "breach"
  | "calendar"
  | "deadline"
  | "elapsed"
  | "cycles";

export interface SlaDisagreement {
  clock: ClockName;
  /** the JSM SLA's name */
  metric: string;
  kind: SlaDisagreementKind;
  /** one sentence for people, with both values */
  message: string;
}

export interface SlaCheckOptions {
  /** JSM SLA name (case-insensitive) → contract clock; default DEFAULT_SLA_METRICS */
  metrics?: Readonly<Record<string, ClockName>>;
  /** differences up to this are agreement; default 60 s (JSM rounds, the contract counts seconds) */
  toleranceMs?: number;
  /** the contract's calendar, for the working-hours check; without it that check is skipped */
  calendar?: BusinessCalendar;
}

/**
 * Compares a snapshot with the contract's clocks computed at the snapshot's `fetchedAt`.
 * @example compareJsmSla(snapshot, computeClocks(ticket, { calendar, policy, now: snapshot.fetchedAt }), { calendar })
 * // → [{ clock: "resolution", metric: "Time to resolution", kind: "calendar", message: "…" }]
 */
export function compareJsmSla(
  snapshot: JsmSlaSnapshot,
  clocks: readonly ClockOutcome[],
  options: SlaCheckOptions = {},
): SlaDisagreement[] {
  const tolerance = options.toleranceMs ?? 60_000;
  const out: SlaDisagreement[] = [];
  for (const [name, clockName] of Object.entries(options.metrics ?? DEFAULT_SLA_METRICS)) {
    const clock = clocks.find((c) => c.name === clockName);
    if (clock === undefined) continue; // the contract has no such clock for this ticket type
    const metric = snapshot.metrics.find((m) => m.name.toLowerCase() === name.toLowerCase());
    const say = (kind: SlaDisagreementKind, message: string) =>
      out.push({ clock: clockName, metric: metric?.name ?? name, kind, message });
    if (metric === undefined || metric.cycles.length === 0) {
      if (clock.allowedMs !== null) {
        say(
          "missing",
          metric === undefined
            ? `JSM has no "${name}" SLA on this request; the contract's ${clockName} clock allows ${duration(clock.allowedMs)}`
            : `JSM's "${name}" has not started on this request; the contract's ${clockName} clock runs since ${instant(clock.startAt)}`,
        );
      }
      continue;
    }
    const cycle = (clockName === "response" ? metric.cycles[0] : metric.cycles.at(-1)) as SlaCycleSnapshot;
    const restarted = metric.cycles.length > 1;
    if (restarted && clockName !== "response") {
      say(
        "cycles",
        `JSM restarted "${metric.name}" ${metric.cycles.length - 1} time(s) (a new cycle per reopen); the contract keeps one ${clockName} clock from registration`,
      );
    }
    const goalAgrees =
      cycle.goalMs === null ||
      clock.allowedMs === null ||
      Math.abs(cycle.goalMs - clock.allowedMs) <= tolerance;
    if (!goalAgrees) {
      say(
        "goal",
        `JSM's goal for "${metric.name}" is ${duration(cycle.goalMs as number)}; the contract allows ${duration(clock.allowedMs as number)} (${clock.priority ?? "no priority"}, ${kindText(clock)})`,
      );
    }
    const stopAgrees = sameInstant(cycle.stopAt, clock.stopAt, tolerance);
    if (!stopAgrees) {
      say(
        "stop",
        `JSM ${cycle.stopAt === null ? "has not stopped" : `stopped at ${instant(cycle.stopAt)}`}; the contract's ${clockName} clock ${clock.stopAt === null ? "has not stopped" : `stopped at ${instant(clock.stopAt)}`}`,
      );
    }
    if (clock.status !== "no-norm" && cycle.breached !== (clock.status === "breached")) {
      say(
        "breach",
        `JSM says "${metric.name}" is ${cycle.breached ? "breached" : "not breached"}; the contract's ${clockName} clock is ${clock.status}`,
      );
    }
    const calendar = calendarProblem(cycle, clock, snapshot.fetchedAt, tolerance, options.calendar);
    if (calendar !== null) {
      say("calendar", calendar);
    } else if (goalAgrees && !restarted) {
      const paused = cycle.paused === true || clock.status === "paused";
      if (
        !paused &&
        cycle.breachAt !== null &&
        clock.deadline !== null &&
        !sameInstant(cycle.breachAt, clock.deadline, tolerance)
      ) {
        say(
          "deadline",
          `with the same goal, JSM's breach time ${instant(cycle.breachAt)} is not the contract's deadline ${instant(clock.deadline)}: JSM's SLA calendar (working hours, holidays) or pause conditions differ from the contract`,
        );
      } else if (
        stopAgrees &&
        cycle.elapsedMs !== null &&
        Math.abs(cycle.elapsedMs - clock.elapsedMs) > tolerance
      ) {
        say(
          "elapsed",
          `JSM counted ${duration(cycle.elapsedMs)} for "${metric.name}", the contract ${duration(clock.elapsedMs)} (${kindText(clock)}): JSM's SLA calendar or pause conditions differ from the contract`,
        );
      }
    }
  }
  return out;
}

/**
 * The clearest calendar evidence, needing the contract's calendar: at `fetchedAt` JSM said whether
 * it was inside its calendar's working hours; or, for a completed cycle, JSM counted exactly the
 * wall-clock time where the service window holds less (a 24/7 calendar on a business-hours clock),
 * or exactly the service window's time where the contract counts clock hours (P1).
 */
function calendarProblem(
  cycle: SlaCycleSnapshot,
  clock: ClockOutcome,
  fetchedAt: number,
  tolerance: number,
  calendar: BusinessCalendar | undefined,
): string | null {
  if (calendar === undefined) return null;
  if (cycle.withinCalendarHours !== null && cycle.stopAt === null) {
    const open =
      clock.clockKind === "clock" || calendar.windowIntervals(fetchedAt, fetchedAt + 1000).length > 0;
    if (open !== cycle.withinCalendarHours) {
      return (
        `at ${instant(fetchedAt)} JSM's calendar for this SLA was ${cycle.withinCalendarHours ? "inside" : "outside"} working hours, ` +
        `while the contract's ${kindText(clock)} clock was ${open ? "counting" : "not counting"}: JSM's SLA calendar does not match the contract's service window`
      );
    }
  }
  if (cycle.stopAt === null || cycle.elapsedMs === null) return null;
  const wall = cycle.stopAt - cycle.startAt;
  const business = calendar.elapsedMs(cycle.startAt, cycle.stopAt, "business");
  if (Math.abs(business - wall) <= tolerance) return null; // the cycle lay inside the window: no evidence
  const span = `from ${instant(cycle.startAt)} to ${instant(cycle.stopAt)}`;
  if (clock.clockKind === "business" && Math.abs(cycle.elapsedMs - wall) <= tolerance) {
    return (
      `JSM counted ${duration(cycle.elapsedMs)} ${span}, all of the wall-clock time, where the contract's service window ` +
      `holds ${duration(business)}: JSM's SLA uses a 24/7 calendar, the contract business hours`
    );
  }
  if (clock.clockKind === "clock" && Math.abs(cycle.elapsedMs - business) <= tolerance) {
    return (
      `JSM counted ${duration(cycle.elapsedMs)} ${span}, only working hours, where the contract counts all ` +
      `${duration(wall)} (${clock.priority ?? "this priority"} runs on clock hours): JSM's SLA calendar should be 24/7 for it`
    );
  }
  return null;
}

export interface SlaCrossCheck {
  /** the moment compared: when JSM was read */
  at: number;
  clocks: ClockOutcome[];
  disagreements: SlaDisagreement[];
}

/**
 * The contract's clocks at the moment JSM was read, and where JSM's SLA disagrees with them.
 * For the `timers` command: `crossCheckJsmSla(await readJsmSlaSnapshot(store, "jira", id), ticket, runtime)`.
 */
export function crossCheckJsmSla(
  snapshot: JsmSlaSnapshot,
  ticket: Ticket,
  context: { calendar: BusinessCalendar; policy: ClockPolicy },
  options: Omit<SlaCheckOptions, "calendar"> = {},
): SlaCrossCheck {
  const clocks = computeClocks(ticket, { ...context, now: snapshot.fetchedAt });
  return {
    at: snapshot.fetchedAt,
    clocks,
    disagreements: compareJsmSla(snapshot, clocks, { ...options, calendar: context.calendar }),
  };
}

function sameInstant(a: number | null, b: number | null, tolerance: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tolerance;
}

function kindText(clock: ClockOutcome): string {
  return clock.clockKind === "business" ? "business hours" : "clock hours";
}

function instant(ms: number): string {
  return new Date(ms).toISOString();
}

/** `8 h`, `1 h 30 min`, `45 min`, `-15 min`; whole minutes. */
export function duration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${sign}${m} min`;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${m} min`;
}
