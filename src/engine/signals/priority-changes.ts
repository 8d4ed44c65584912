/**
 * Priority changes around a deadline (decision 13, M4). The priority that counts is the one in
 * force at the stop, so lowering it just before (or after) the deadline of the priority it
 * replaced turns a breach into a case within the looser norm. Raising it only once the stricter
 * norm is used up shows a ticket registered too low: the clock ran on the looser norm until the
 * caller escalated.
 *
 * Population: the response and resolution clocks of incidents and security incidents counted in
 * the period (the O1.2–O1.9 cases). Only changes while the clock ran count; a clock is a case at
 * most once per signal, for its first qualifying change.
 */
import { MINUTE_MS } from "../../model/instant.js";
import type { Priority } from "../../model/schema.js";
import type { TicketAnalysis } from "../kpi/tickets/analysis.js";
import { localTime } from "../kpi/tickets/common.js";
import type { ClockName } from "../timeline/index.js";
import { deadlineAcross } from "../timeline/intervals.js";
import { prioritySegments } from "../timeline/priority-segments.js";
import {
  type CountedClock,
  durationWords,
  type SignalContext,
  spansOf,
  type TicketObserver,
} from "./context.js";
import { Meter } from "./meter.js";
import type { SignalCase } from "./types.js";

const CLOCKS = ["response", "resolution"] as const satisfies readonly ClockName[];
const RANK: Readonly<Record<Priority, number>> = { P1: 1, P2: 2, P3: 3, P4: 4 };

interface Finding {
  from: Priority;
  to: Priority;
  changedAt: number;
  /** the deadline of the norm the finding is about: the replaced priority's, or the raised one's */
  deadline: number;
  /** time left to that deadline on the norm's clock when the priority changed (negative after it) */
  leadMs: number;
}

export interface PriorityChangeMeters {
  downgrade: Meter;
  upgrade: Meter;
}

export function priorityChangeObserver(context: SignalContext): TicketObserver & PriorityChangeMeters {
  const downgrade = new Meter(context.slots);
  const upgrade = new Meter(context.slots);
  return {
    downgrade,
    upgrade,
    observe(analysis, _index, clocks) {
      for (const name of CLOCKS) {
        const counted = clocks[name];
        if (counted === null) continue;
        // Most tickets never change priority: their clocks are members, never cases.
        const findings = analysis.holds("priority") ? findChanges(analysis, name, counted, context) : NONE;
        const { slot } = counted;
        const { downgrade: lowered, upgrade: raised } = findings;
        downgrade.share(
          slot,
          lowered === null ? null : () => downgradeCase(analysis, name, lowered, context),
        );
        upgrade.share(slot, raised === null ? null : () => upgradeCase(analysis, name, raised, context));
      }
    },
  };
}

const NONE = { downgrade: null, upgrade: null } as const;

/** The first qualifying downgrade and upgrade of one clock, before its stop. */
function findChanges(
  analysis: TicketAnalysis,
  name: ClockName,
  counted: CountedClock,
  context: SignalContext,
) {
  const { calendar, policy } = context;
  const history = analysis.history as NonNullable<TicketAnalysis["history"]>;
  const segments = prioritySegments(analysis.ticket.priority, history);
  const stopAt = counted.outcome.stopAt ?? Number.POSITIVE_INFINITY;
  const windowMs = context.settings.downgradeNearDeadline.windowMinutes * MINUTE_MS;
  let spans: ReturnType<typeof spansOf> | undefined;
  const deadlineFor = (priority: Priority) => {
    const norm = policy.clocks[name][priority];
    if (norm === null) return null;
    spans ??= spansOf(analysis, name, context);
    // When the norm would have been used up, the clock's own pauses and reopens respected.
    const at = deadlineAcross(calendar, spans.counting, spans.horizon, norm.ms, norm.clock);
    return { at, clock: norm.clock };
  };
  let downgrade: Finding | null = null;
  let upgrade: Finding | null = null;
  for (let i = 1; i < segments.length; i++) {
    const before = segments[i - 1]?.priority ?? null;
    const segment = segments[i];
    if (segment === undefined || before === null || segment.priority === null) continue;
    const changedAt = segment.from;
    if (changedAt >= stopAt) break;
    const after = segment.priority;
    if (downgrade === null && RANK[after] > RANK[before]) {
      const deadline = deadlineFor(before);
      // Lead on the norm's clock; negative after the deadline, where lowering it hides a breach.
      const leadMs = deadline === null ? null : calendar.elapsedMs(changedAt, deadline.at, deadline.clock);
      if (deadline !== null && leadMs !== null && leadMs <= windowMs) {
        downgrade = { from: before, to: after, changedAt, deadline: deadline.at, leadMs };
      }
    } else if (upgrade === null && RANK[after] < RANK[before]) {
      const deadline = deadlineFor(after);
      if (deadline !== null && changedAt > deadline.at) {
        upgrade = { from: before, to: after, changedAt, deadline: deadline.at, leadMs: 0 };
      }
    }
  }
  return { downgrade, upgrade };
}

function downgradeCase(
  analysis: TicketAnalysis,
  name: ClockName,
  finding: Finding,
  context: SignalContext,
): SignalCase {
  const { calendar } = context;
  const { from, to, changedAt, deadline, leadMs } = finding;
  const when =
    changedAt < deadline
      ? `${durationWords(leadMs)} before the ${from} ${name} deadline (${localTime(deadline, calendar)})`
      : `after the ${from} ${name} deadline (${localTime(deadline, calendar)}) had passed`;
  return {
    id: analysis.ticket.id,
    source: analysis.ticket.source,
    note: `${from} → ${to} at ${localTime(changedAt, calendar)}, ${when}`,
    instants: ordered({ what: "lowered", at: changedAt }, { what: `${from} deadline`, at: deadline }),
  };
}

function upgradeCase(
  analysis: TicketAnalysis,
  name: ClockName,
  finding: Finding,
  context: SignalContext,
): SignalCase {
  const { calendar } = context;
  const { from, to, changedAt, deadline } = finding;
  return {
    id: analysis.ticket.id,
    source: analysis.ticket.source,
    note: `${from} → ${to} at ${localTime(changedAt, calendar)}, after the ${to} ${name} deadline (${localTime(deadline, calendar)})`,
    instants: [
      { what: `${to} deadline`, at: deadline },
      { what: "raised", at: changedAt },
    ],
  };
}

function ordered(a: { what: string; at: number }, b: { what: string; at: number }) {
  return a.at <= b.at ? [a, b] : [b, a];
}
