/**
 * O1.11 / M7 / decision 4: a major incident's caller updates. The first is due `firstMs` after the
 * ticket becomes major, each next one `intervalMs` after the previous update (not after the
 * previous due: a late update moves the cadence), on the policy's clock, until stabilisation.
 *
 * The cadence runs while the ticket is major and not stabilised:
 * - it starts when `major` turns true (at createdAt when that event is at creation);
 * - it ends at the first `stabilized` or `resolved`, or when `major` turns false;
 * - it starts again, with a fresh first-update due, when `major` turns true again, or when a
 *   major ticket is `reopened` (the impact is back). A ticket flagged major only after it was
 *   stabilised owes no updates until it is reopened.
 * An update is a caller-visible, non-automated comment. The first update of a run may fall at the
 * run's start itself; each next one must come strictly after the previous one.
 */
import type { Instant } from "../../model/instant.js";
import type { Ticket, TicketEvent } from "../../model/schema.js";
import type { ClockContext } from "./clocks.js";
import { isSubstantiveComment, knownHistory, toSecond } from "./known-history.js";

export interface ExpectedUpdate {
  /** Start of the cadence run this update belongs to. */
  runFrom: Instant;
  due: Instant;
  /** The update that answered this due (possibly late), or null when none came yet. */
  actual: Instant | null;
  /** Came after its due, or none came and now is past the due. Inclusive: at the due is in time. */
  late: boolean;
}

export interface CadenceRun {
  from: Instant;
  /** null while the run is still going at now. */
  until: Instant | null;
  endedBy: "stabilised" | "no-longer-major" | null;
}

export interface MajorUpdateSchedule {
  /** When the ticket first became major. */
  majorFrom: Instant;
  /** The latest stabilisation (first `stabilized`/`resolved` since the last reopen), if stabilised at now. */
  stabilisedAt: Instant | null;
  runs: CadenceRun[];
  /** Every update the cadence asked for up to now, including the pending one. */
  updates: ExpectedUpdate[];
  /** Due of the update expected next, overdue or not; null when no run is going at now. */
  nextDue: Instant | null;
  /** No update was late (so far, for a running cadence). */
  compliant: boolean;
}

function cadenceRuns(events: readonly TicketEvent[]) {
  const runs: CadenceRun[] = [];
  let major = false;
  let stabilisedAt: Instant | null = null;
  let majorFrom: Instant | null = null;
  let runFrom: Instant | null = null;
  for (const event of events) {
    if (event.type === "major") {
      major = event.value;
      if (major && majorFrom === null) majorFrom = event.at;
    } else if (event.type === "stabilized" || event.type === "resolved") {
      stabilisedAt ??= event.at;
    } else if (event.type === "reopened") {
      stabilisedAt = null;
    } else {
      continue;
    }
    const active = major && stabilisedAt === null;
    if (active && runFrom === null) runFrom = event.at;
    if (!active && runFrom !== null) {
      // A run that ends at the instant it began owes nothing and is not kept.
      if (event.at > runFrom) {
        runs.push({ from: runFrom, until: event.at, endedBy: major ? "stabilised" : "no-longer-major" });
      }
      runFrom = null;
    }
  }
  if (runFrom !== null) runs.push({ from: runFrom, until: null, endedBy: null });
  return { runs, majorFrom, stabilisedAt };
}

/**
 * The update schedule of a ticket as known at `now`, or null when it never became major.
 * @example a ticket major from 10:00 with updates at 10:25 and 11:40 and stabilised at 12:00:
 * dues 10:30 (10:25, in time) and 11:25 (11:40, late); 12:40 is not owed; compliant false.
 */
export function majorUpdateSchedule(ticket: Ticket, context: ClockContext): MajorUpdateSchedule | null {
  const now = toSecond(context.now);
  const history = knownHistory(ticket, now);
  if (history === null) return null;
  const { runs, majorFrom, stabilisedAt } = cadenceRuns(history.events);
  if (majorFrom === null) return null;
  const { calendar } = context;
  const { firstMs, intervalMs, clock } = context.policy.majorUpdates;
  const comments = history.events.filter(isSubstantiveComment).map((e) => e.at);

  const updates: ExpectedUpdate[] = [];
  let nextDue: Instant | null = null;
  for (const run of runs) {
    const end = run.until ?? Number.POSITIVE_INFINITY;
    let anchor = run.from;
    let allowed = firstMs;
    let actual = comments.find((at) => at >= run.from) ?? null;
    for (;;) {
      const due = calendar.addMs(anchor, allowed, clock);
      // Strictly before the end: a run stabilised at (or before) a due does not owe that update.
      if (due >= end) break;
      // Late means more than the allowed time on the clock (inclusive, as for every norm), which
      // on a business clock is not the same as "after the due" in the closed hours after it.
      const late = calendar.elapsedMs(anchor, actual ?? now, clock) > allowed;
      updates.push({ runFrom: run.from, due, actual, late });
      if (actual === null) {
        if (run.until === null) nextDue = due;
        break;
      }
      const previous = actual;
      anchor = previous;
      allowed = intervalMs;
      actual = comments.find((at) => at > previous) ?? null;
    }
  }
  return {
    majorFrom,
    stabilisedAt,
    runs,
    updates,
    nextDue,
    compliant: updates.every((u) => !u.late),
  };
}
