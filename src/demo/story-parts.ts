/**
 * Pieces of a support ticket's story that are written after, or inside, the main line: an
 * outside party's span (T2.4), major-incident updates (O1.11) and expected-time promises with
 * their proactive updates (O3.1).
 */
import { type DemoCalendar, MINUTE } from "./calendar.js";
import { type Group, PARTIES, pickOperator } from "./organisation.js";
import type { Rng } from "./rng.js";
import type { Timeline } from "./timeline.js";

/** Longest quiet stretch inside a coordinated party span, in business minutes (under a service day). */
const COORDINATION_STEP_MAX = 540;

/**
 * An outside party works on the ticket for `minutes` of active time. The owner writes notes at
 * most COORDINATION_STEP_MAX apart, unless `gap`: then one stretch of more than a service day.
 * With `pause` the ticket also waits for the party (reason third-party).
 */
export function partySpan(tl: Timeline, rng: Rng, minutes: number, gap: boolean, pause: boolean): void {
  const group = (tl.group ?? "servicedesk") as Group;
  const owner = tl.owner ?? pickOperator(rng, group);
  tl.assign(owner, group, rng.pick(PARTIES[group]));
  tl.comment(false);
  if (pause) tl.push({ type: "paused", reason: "third-party" });
  const end = tl.active + minutes;
  let gapDone = !gap;
  while (tl.active + COORDINATION_STEP_MAX < end) {
    const step = gapDone ? rng.float(120, COORDINATION_STEP_MAX) : rng.float(700, 1200);
    gapDone = true;
    if (tl.active + step >= end) break;
    tl.advance(step);
    tl.comment(rng.chance(0.4));
  }
  tl.advanceTo(end);
  if (pause) tl.push({ type: "resumed" });
  tl.comment(false);
  tl.assign(tl.owner, tl.group, null);
}

/**
 * Caller-visible updates of a major incident from the moment it became major until
 * stabilisation: the first within 30 minutes, then every 45–58 minutes. A `sloppy` incident's
 * second update comes 61–75 minutes after the first, which makes it non-compliant (M7) when it
 * was still unstable by then.
 */
export function majorUpdates(
  tl: Timeline,
  rng: Rng,
  majorAt: number,
  responseAt: number,
  stabilisedAt: number,
  sloppy: boolean,
): void {
  let last: number;
  if (responseAt >= majorAt && responseAt <= majorAt + 30 * MINUTE) {
    last = responseAt;
  } else {
    last = majorAt + Math.round(rng.float(8, 28) * MINUTE);
    tl.comment(true, false, last);
  }
  for (let i = 1; ; i++) {
    const interval = sloppy && i === 1 ? rng.float(61, 75) : rng.float(45, 58);
    const next = last + Math.round(interval * MINUTE);
    if (next >= stabilisedAt) return;
    tl.comment(true, false, next);
    last = next;
  }
}

/**
 * The expected completion time named at `setAt` (a `target`), and what happens when it proves
 * optimistic: usually a caller-visible update with a new target shortly before the due moment;
 * with `miss`, one due moment passes first and the update comes late.
 */
export function expectedTimes(
  tl: Timeline,
  cal: DemoCalendar,
  rng: Rng,
  setAt: number,
  resolvedAt: number,
  miss: boolean,
): void {
  let from = setAt + 5_000;
  let previousDue = from;
  let missed = !miss;
  for (let round = 0; round < 4 && from < resolvedAt; round++) {
    const remaining = cal.businessMinutes(from, resolvedAt);
    const honest = round === 3 || remaining < 30 || rng.chance(0.5);
    // A revised expectation never comes before the one it replaces.
    const floor = cal.businessMinutes(from, previousDue) + 30;
    const estimate = Math.max(
      floor,
      honest ? remaining + rng.float(30, 600) : remaining * rng.float(0.3, 0.85),
    );
    const due = cal.add(from, estimate, "business");
    previousDue = due;
    tl.push({ type: "target", due }, from);
    if (due >= resolvedAt) return;
    if (!missed) {
      missed = true;
      const lateUpdate = cal.add(due, rng.float(30, 240), "business");
      if (lateUpdate >= resolvedAt) return;
      tl.comment(true, false, lateUpdate);
      from = lateUpdate + 5_000;
      continue;
    }
    const lead = Math.min(estimate * 0.5, rng.float(5, 90));
    const updateAt = cal.add(from, estimate - lead, "business");
    tl.comment(true, false, updateAt);
    from = updateAt + 5_000;
  }
}
