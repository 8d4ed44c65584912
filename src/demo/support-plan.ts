/**
 * When a support ticket's milestones fall, in active minutes on its clock (P1 clock hours, else
 * business hours, customer pauses excluded): the first response, stabilisation (P1), containment
 * (security incidents, after any wait for an outside party), ready (workplace requests) and the
 * resolution. Drawn around the contract's norms: mostly in time, late when the traits say so.
 */
import type { Priority } from "../model/schema.js";
import type { Rng } from "./rng.js";
import { CONTAINMENT_NORM, RESPONSE_NORM, type TicketSpec } from "./ticket-spec.js";

const UPGRADED_NORM: Record<Priority, number> = { P1: 2400, P2: 400, P3: 400, P4: 1200 };

export function responseDelay(rng: Rng, priority: Priority, late: boolean): number {
  const norm = RESPONSE_NORM[priority];
  if (late) return rng.float(norm * 1.05 + 1, norm * 2.5);
  return rng.skewed(Math.max(2, norm * 0.03), norm * 0.92, 1.4);
}

export interface Milestones {
  stabilisation: number | null;
  containment: number | null;
  /** minutes waiting for an outside party before containment (excluded from its clock) */
  partyBefore: number;
  ready: number | null;
  /** the first resolution */
  total: number;
}

export interface PlanInput {
  p1: boolean;
  /** the first response */
  r: number;
  /** resolution norm */
  norm: number;
  /** minutes from creation to becoming major, when that happened later */
  majorOffset: number | null;
  /** priority after intake (a ticket that became major is P1 by now) */
  priority: Priority;
}

export function planMilestones(
  rng: Rng,
  spec: TicketSpec,
  { p1, r, norm, majorOffset, priority }: PlanInput,
): Milestones {
  const tr = spec.support;
  let stabilisation: number | null = null;
  let containment: number | null = null;
  let ready: number | null = null;
  let total: number;
  if (p1) {
    stabilisation =
      tr.stabilisation ?? (tr.lateStabilisation ? rng.float(250, 420) : rng.skewed(25, 225, 1.3));
    // A ticket that becomes major later is stabilised well after that moment.
    stabilisation = Math.max(stabilisation, majorOffset === null ? r + 5 : majorOffset + rng.float(40, 120));
    total = tr.late ? rng.float(2900, 4300) : rng.skewed(stabilisation + 45, 2800, 2.2);
  } else if (tr.longRunner) {
    total = rng.float(6600, 16000);
  } else if (tr.late) {
    total = rng.float(norm + 20, norm * 1.8);
  } else {
    total = rng.skewed(Math.max(r + 15, norm * 0.04), norm * 0.97, 1.6);
  }
  // Upgraded early (P4 → P3, P3 → P2): resolved within the higher priority's norm.
  if (tr.priorityChange === "upgrade") total = r + rng.skewed(15, UPGRADED_NORM[priority] - r, 1.5);
  // A fix that does not hold was a quick one: the reopened work still fits the norm.
  if (tr.reopen && !tr.late && !p1) total = Math.max(r + 15, Math.min(total, norm * 0.75));
  if (tr.resolveAfter !== undefined) total = Math.max(tr.resolveAfter, r + 15);

  let partyBefore = 0;
  if (spec.type === "security-incident") {
    const cn = CONTAINMENT_NORM[priority];
    // Mostly contained within a few hours, so the resolution norm can still be met.
    const quick = Math.min(cn * 0.6, p1 ? 150 : 360);
    if (tr.lateContainment) containment = rng.float(cn * 1.05 + 10, cn * 1.7);
    else if (tr.late || rng.chance(0.95)) containment = rng.skewed(r + 10, quick, 1.6);
    else containment = rng.float(quick, cn * 0.9);
    if (tr.partySpan && containment - r > 30) partyBefore = p1 ? rng.float(20, 60) : rng.float(30, 180);
    // A P1 is stabilised once contained: in time unless containment itself is late.
    if (p1 && !tr.lateContainment) containment = Math.min(containment, 210 - partyBefore);
    total = Math.max(total, containment + partyBefore + rng.float(20, 120));
    // Resolved soon after containment, within the norm when possible (unless late is the point).
    if (!tr.late && !p1) total = Math.max(Math.min(total, norm * 0.97), containment + partyBefore + 10);
    if (p1) stabilisation = containment + partyBefore + rng.float(0, 20);
  }
  if (spec.type === "workplace-request") {
    ready = tr.late ? rng.float(3100, 5400) : rng.skewed(480, 2900, 1.3);
    total = ready + rng.float(0, 240);
  }
  return { stabilisation, containment, partyBefore, ready, total };
}
