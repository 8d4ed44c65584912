/**
 * The story of an incident, security incident, service request or workplace request: intake
 * (auto-acknowledgement, routing, owner, first substantive response), work (notes, handovers,
 * pauses, outside parties, priority changes, stabilisation/containment/ready), resolution,
 * perhaps a reopen, closure a few days later, and for major incidents the updates and the RCA.
 *
 * Durations are "active" minutes on the ticket's clock (P1 clock hours, else business hours,
 * customer pauses excluded), drawn around the contract's norms so most tickets are in time.
 */
import type { Priority } from "../model/schema.js";
import { type ClockKind, MINUTE } from "./calendar.js";
import { GROUPS, type Group, pickOperator } from "./organisation.js";
import { expectedTimes, majorUpdates, partySpan } from "./story-parts.js";
import { planMilestones, responseDelay } from "./support-plan.js";
import { type DraftTicket, RESOLUTION_NORM, type StoryContext, type TicketSpec } from "./ticket-spec.js";
import { Timeline } from "./timeline.js";

const ORDER: readonly Priority[] = ["P1", "P2", "P3", "P4"];
const shift = (p: Priority, by: number): Priority => ORDER[ORDER.indexOf(p) + by] ?? p;

function firstGroup(spec: TicketSpec, p1: boolean): Group {
  if (spec.type === "security-incident") return "security";
  if (spec.type === "workplace-request") return "werkplek";
  return p1 ? spec.subject.group : "servicedesk";
}

interface Step {
  pos: number;
  run: () => void;
}

export function supportStory({ cal, rng }: StoryContext, spec: TicketSpec): DraftTicket {
  const tr = spec.support;
  const priority = spec.priority ?? "P3";
  const p1 = priority === "P1" || tr.major === "later";
  const security = spec.type === "security-incident";
  const clock: ClockKind = p1 ? "clock" : "business";
  const norm = RESOLUTION_NORM[p1 ? "P1" : priority];
  const warnBefore = rng.float(10, 90);
  const tl = new Timeline(cal, clock, spec.createdAt, [norm - warnBefore]);
  const c = spec.createdAt;
  let current: Priority = priority;

  // Intake: automatic acknowledgement, routing to a group, an owner, the first substantive response.
  let majorAt: number | null = null;
  if (tr.major === "from-start") {
    majorAt = c;
    tl.push({ type: "major", value: true }, c);
  }
  const ackAt = c + rng.int(3, 40) * 1000;
  tl.comment(true, true, ackAt);
  const r = responseDelay(rng, p1 ? "P1" : priority, tr.lateResponse);
  tl.advanceTo(r);
  const responseAt = tl.t;
  const group = firstGroup(spec, p1);
  const routedAt = Math.min(ackAt + rng.int(10, 120) * 1000, ackAt + Math.floor((responseAt - ackAt) / 3));
  if (tr.directAssign) {
    tl.assign(pickOperator(rng, group), group, null, routedAt);
  } else {
    tl.assign(null, group, null, routedAt);
    const ownerAt = Math.max(routedAt + 1000, responseAt - rng.int(30, 400) * 1000);
    tl.assign(pickOperator(rng, group), group, null, ownerAt);
  }
  if (tr.major === "later") {
    const upAt = c + Math.round(rng.float(15, 40) * MINUTE);
    tl.push({ type: "priority", priority: "P1" }, upAt);
    current = "P1";
    majorAt = upAt + Math.round(rng.float(2, 8) * MINUTE);
    tl.push({ type: "major", value: true }, majorAt);
  }
  tl.comment(true, false, responseAt);

  const majorOffset = majorAt === null || majorAt === c ? null : (majorAt - c) / MINUTE;
  const plan = planMilestones(rng, spec, { p1, r, norm, majorOffset, priority: current });
  const { stabilisation, containment, partyBefore, ready, total } = plan;

  // Work: steps at active positions, run in order (a step that lasts pushes the later ones on).
  const steps: Step[] = [];
  const freeFrom = containment !== null ? containment + partyBefore : (stabilisation ?? r);
  const at = (from: number, to: number): number => rng.float(from, Math.max(from, to));
  const span = Math.max(1, total - freeFrom);
  let stabilisedAt = Number.POSITIVE_INFINITY;
  const add = (pos: number, run: () => void): void => {
    steps.push({ pos, run });
  };
  if (stabilisation !== null) {
    add(stabilisation, () => {
      stabilisedAt = tl.t;
      tl.push({ type: "stabilized" });
      tl.comment(true);
    });
  }
  if (containment !== null) {
    if (partyBefore > 0) add(at(r, containment - 5), () => partySpan(tl, rng, partyBefore, false, true));
    add(containment + partyBefore, () => tl.push({ type: "contained" }));
  }
  if (ready !== null) add(ready, () => tl.push({ type: "ready" }));
  const notes = rng.int(0, 2) + (span > 1200 ? 1 : 0);
  for (let i = 0; i < notes; i++) add(at(freeFrom, total), () => tl.comment(false));
  if (span > 900) for (let i = rng.int(0, 2); i > 0; i--) add(at(freeFrom, total), () => tl.comment(true));
  let gapDone = !tr.ownerGap;
  const ownerGap = (to: Group): void => {
    tl.assign(null, to, tl.party);
    tl.advance(Math.min(rng.float(20, 240), span * 0.2));
    tl.assign(pickOperator(rng, to), to, tl.party);
    gapDone = true;
  };
  if (tr.groupHandover) {
    add(at(freeFrom, freeFrom + span * 0.6), () => {
      const from = tl.group as Group;
      const others = GROUPS.filter((g) => g !== from && g !== "security" && g !== "servicedesk");
      const to = spec.subject.group !== from ? spec.subject.group : rng.pick(others);
      if (!gapDone && rng.chance(0.5)) ownerGap(to);
      else tl.assign(pickOperator(rng, to), to, null);
    });
  }
  if (tr.ownerHandover) {
    add(at(freeFrom, total), () => {
      const g = tl.group as Group;
      tl.assign(pickOperator(rng, g, tl.owner), g, tl.party);
    });
  }
  if (tr.ownerGap) add(at(freeFrom, freeFrom + span * 0.7), () => gapDone || ownerGap(tl.group as Group));
  if (tr.customerPause !== "none") {
    add(at(freeFrom, freeFrom + span * 0.7), () => {
      tl.push({ type: "paused", reason: "customer" });
      tl.comment(true);
      tl.wait(tr.customerPause === "long" ? rng.float(1200, 4800) : rng.float(60, 720), "business");
      tl.push({ type: "resumed" });
    });
  }
  // Signal patterns: the clock stopped just before its deadline, or again and again.
  const customerPause = (minutes: number) => () => {
    tl.push({ type: "paused", reason: "customer" });
    tl.comment(true);
    tl.wait(minutes, "business");
    tl.push({ type: "resumed" });
  };
  if (tr.pauseNearDeadline) add(norm - rng.float(10, 40), customerPause(rng.float(120, 900)));
  if (tr.recurringPauses) {
    for (const share of [0.2, 0.45, 0.7]) add(freeFrom + span * share, customerPause(rng.float(60, 240)));
  }
  if (tr.partySpan && !security) {
    const minutes = Math.max(tr.coordinationGap ? 1300 : 0, Math.min(span * 0.4, rng.skewed(60, 2400, 1.5)));
    add(at(freeFrom, freeFrom + span * 0.5), () =>
      partySpan(tl, rng, minutes, tr.coordinationGap, spec.type === "incident" && rng.chance(0.5)),
    );
  }
  const changePriority = (to: Priority): void => {
    if (to === current) return;
    current = to;
    tl.push({ type: "priority", priority: to });
  };
  if (tr.priorityChange === "upgrade" && priority !== "P2") {
    add(at(r, r + (total - r) * 0.3), () => changePriority(shift(current, -1)));
  }
  if (tr.priorityChange === "downgrade-early")
    add(r + rng.float(1, 20), () => changePriority(shift(current, 1)));
  if (tr.priorityChange === "downgrade-late")
    add(norm - rng.float(5, 45), () => changePriority(shift(current, 1)));

  steps.sort((a, b) => a.pos - b.pos);
  for (const step of steps) {
    tl.advanceTo(step.pos);
    step.run();
  }

  // A late ticket without a named target: usually a proactive update before its deadline.
  const deadlineWarning = tl.crossing(norm - warnBefore);
  tl.advanceTo(total);
  const resolvedAt = tl.t + rng.int(5, 60) * 1000;
  if (!p1 && !tr.explicitTarget && tr.priorityChange !== "downgrade-late" && deadlineWarning !== undefined) {
    if (rng.chance(0.8)) {
      tl.comment(true, false, deadlineWarning);
      tl.push(
        { type: "target", due: cal.add(resolvedAt, rng.float(60, 600), "business") },
        deadlineWarning + 5000,
      );
    }
  }
  tl.comment(true);
  tl.push({ type: "resolved" }, resolvedAt);
  tl.t = resolvedAt;
  if (!p1 && tr.explicitTarget) expectedTimes(tl, cal, rng, responseAt, resolvedAt, tr.missTarget);
  if (majorAt !== null)
    majorUpdates(tl, rng, majorAt, responseAt, Math.min(stabilisedAt, resolvedAt), tr.sloppyUpdates);

  if (tr.reopen) {
    tl.wait(rng.float(60, 1500), "business");
    tl.push({ type: "reopened" });
    tl.comment(true);
    tl.advance(p1 ? rng.float(60, 480) : rng.float(0.05, 0.2) * norm);
    tl.comment(true);
    tl.nudge(rng.int(5, 60));
    tl.push({ type: "resolved" });
  }
  tl.wait(rng.float(1800, 3000), "business");
  tl.push({ type: "closed" });
  if (majorAt !== null) {
    const rca = rng.weighted([
      ["in-time", 94],
      ["late", 4],
      ["never", 2],
    ] as const);
    if (rca !== "never") {
      tl.wait(rca === "late" ? rng.float(6300, 9000) : rng.float(600, 5400), "business");
      tl.push({ type: "rca-shared" });
    }
  }
  return {
    spec,
    leadTimeDays: null,
    events: tl.events,
    unhappy: tr.lateResponse || tr.late || tr.reopen || tr.longRunner || (tr.explicitTarget && tr.missTarget),
  };
}
