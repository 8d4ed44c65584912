/**
 * The "green on paper, red in reality" story (docs/signals.md): in the running month the
 * supplier starts to manage the clocks. Priorities are lowered just before the P2/P3 deadline,
 * customer pauses start when minutes of the norm are left, tickets are resolved and registered
 * again for the same subject, callers come back while their ticket is open, one ticket is paused
 * again and again, and P3 resolutions pile up just under their norm. Every KPI stays about as
 * green as before; the month report's signals section flags these against the months before.
 *
 * The tickets are created on working days of the running month that leave time to resolve them
 * before `now` (five working days); early in a month, when there are too few, on the working days
 * before that (and the previous month's report shows them). Their CSAT is drawn from a stream of
 * their own, so the rest of the data set is rated exactly as without them.
 */
import { localParts, localToMs, MINUTE } from "./calendar.js";
import { LOCATIONS } from "./organisation.js";
import type { Rng } from "./rng.js";
import {
  plainChangeTraits,
  plainSupportTraits,
  RESOLUTION_NORM,
  type SupportTraits,
  type TicketSpec,
} from "./ticket-spec.js";
import { withRoom } from "./title-details.js";
import { INCIDENT_TITLES } from "./titles.js";
import { atTime, type DemoDay, type DemoWindow } from "./window.js";

/** Working days to leave between a pattern ticket's creation and `now`, so its story can end. */
const SETTLE_DAYS = 5;

export function signalPatternSpecs(w: DemoWindow, rng: Rng): TicketSpec[] {
  const days = patternDays(w);
  if (days.length === 0) return [];
  const specs: TicketSpec[] = [];
  const incident = (
    priority: "P2" | "P3",
    createdAt: number,
    support: Partial<SupportTraits>,
  ): TicketSpec => {
    const location = rng.pick(LOCATIONS);
    const base: TicketSpec = {
      type: "incident",
      priority,
      createdAt,
      location,
      subject: rng.pick(INCIDENT_TITLES),
      catalogItem: null,
      support: { ...plainSupportTraits(), ...support },
      change: plainChangeTraits(),
      signalPattern: true,
    };
    return withRoom(base, rng);
  };
  const morning = (): number => {
    const day = rng.pick(days);
    return atTime(day, rng.int(8, 11), rng.int(0, 59)) + rng.int(0, 59) * 1000;
  };
  const sameSubject = (first: TicketSpec, createdAt: number): TicketSpec => ({
    ...first,
    createdAt,
    support: plainSupportTraits(),
  });

  // Lowered just before the P2 (or P3) resolution deadline; resolved late, but within the lower norm.
  for (const priority of ["P2", "P2", "P2", "P2", "P3", "P3"] as const) {
    specs.push(incident(priority, morning(), { late: true, priorityChange: "downgrade-late" }));
  }
  // Paused with minutes of the P3 norm left, resolved just in time after the caller answered.
  for (let i = 0; i < 5; i++) {
    const resolveAfter = RESOLUTION_NORM.P3 - rng.float(1, 8);
    specs.push(incident("P3", morning(), { pauseNearDeadline: true, resolveAfter }));
  }
  // P3 resolutions piling up in the last tenth of their norm.
  for (let i = 0; i < 10; i++) {
    specs.push(incident("P3", morning(), { resolveAfter: RESOLUTION_NORM.P3 * rng.float(0.91, 0.995) }));
  }
  // Resolved, and the same subject registered again within a couple of business hours.
  for (let i = 0; i < 6; i++) {
    const resolveAfter = rng.float(300, 600);
    const first = incident("P3", morning(), { resolveAfter });
    specs.push(
      first,
      sameSubject(first, w.cal.add(first.createdAt, resolveAfter + rng.float(20, 240), "business")),
    );
  }
  // Reopened, and the caller registered the same subject again while it was open.
  for (let i = 0; i < 4; i++) {
    const first = incident("P3", morning(), { reopen: true, resolveAfter: rng.float(400, 700) });
    specs.push(first, sameSubject(first, w.cal.add(first.createdAt, rng.float(60, 240), "business")));
  }
  // Paused again and again.
  for (let i = 0; i < 5; i++) specs.push(incident("P3", morning(), { recurringPauses: true }));
  // Whatever would begin too close to now has not happened yet.
  return specs
    .filter((spec) => spec.createdAt < w.now - 60 * MINUTE)
    .map((spec) => ({ ...spec, createdAt: Math.floor(spec.createdAt / 1000) * 1000 }));
}

/** Working days of the running month that leave SETTLE_DAYS before now; else the ones before that. */
function patternDays(w: DemoWindow): DemoDay[] {
  const now = localParts(w.now);
  const monthStart = localToMs(now.year, now.month, 1);
  const settled = w.workingDays.slice(0, Math.max(0, w.workingDays.length - SETTLE_DAYS));
  const thisMonth = settled.filter((d) => d.start >= monthStart);
  return thisMonth.length >= 3 ? thisMonth : settled.slice(-10);
}
