/**
 * O3.1 / M17 / decision 5: was the caller told in time when handling ran past the expected time?
 *
 * The expected times are the `target` events' dues; a ticket without any has one implicit target,
 * set at creation, due at its resolution deadline. A target passes when its due comes before the
 * resolution (before now while open). It is honoured by a caller-visible comment written by a
 * person, or a new `target`, after the target was set and no later than its due plus the grace
 * (clock minutes). A ticket is compliant when every passed target was honoured and counts once,
 * in the period of its first passed due; tickets that never pass a target are not in the
 * population. While a counted ticket is open, later targets may still pass: the figure is then
 * provisional.
 */

import type { Instant } from "../../../model/instant.js";
import { MINUTE_MS } from "../../../model/instant.js";
import { isSubstantiveComment, type KnownHistory, toSecond } from "../../timeline/known-history.js";
import type { CaseResult, KpiScorer } from "../types.js";
import type { TicketAnalysis } from "./analysis.js";
import { isIncident, localTime, measureOf } from "./common.js";
import type { TicketLifecycle } from "./lifecycle.js";
import { shareScore, targetOf } from "./score.js";
import { countedTickets } from "./select.js";

interface ExpectedTime {
  setAt: Instant;
  due: Instant;
  implicit: boolean;
}

function expectedTimes(analysis: TicketAnalysis): ExpectedTime[] {
  const targets: ExpectedTime[] = [];
  const events = analysis.holds("target") ? (analysis.history?.events ?? []) : [];
  for (const event of events) {
    if (event.type === "target") targets.push({ setAt: event.at, due: toSecond(event.due), implicit: false });
  }
  if (targets.length > 0 || analysis.lifecycle === null) return targets;
  const deadline = analysis.clock("resolution")?.deadline ?? null;
  return deadline === null ? [] : [{ setAt: analysis.lifecycle.createdAt, due: deadline, implicit: true }];
}

/** The expected times that passed before the resolution (before now while open). */
function passedTargets(analysis: TicketAnalysis, now: Instant): ExpectedTime[] {
  if (!isIncident(analysis.ticket) || analysis.lifecycle === null) return [];
  const horizon = analysis.lifecycle.resolvedAt ?? now;
  return expectedTimes(analysis).filter((t) => t.due < horizon);
}

function firstDue(passed: readonly ExpectedTime[]): Instant | null {
  let first: Instant | null = null;
  for (const target of passed) if (first === null || target.due < first) first = target.due;
  return first;
}

/**
 * `firstDue(passedTargets(analysis, now))` without building either list: the counting moment is
 * found for every incident of the report, and only the few that count need their targets.
 */
function firstPassedDue(analysis: TicketAnalysis, now: Instant): Instant | null {
  if (!isIncident(analysis.ticket) || analysis.history === null || analysis.lifecycle === null) return null;
  const horizon = analysis.lifecycle.resolvedAt ?? now;
  if (analysis.holds("target")) {
    let first: Instant | null = null;
    for (const event of analysis.history.events) {
      if (event.type !== "target") continue;
      const due = toSecond(event.due);
      if (due < horizon && (first === null || due < first)) first = due;
    }
    return first;
  }
  // No target: the implicit one, due at the resolution deadline.
  const deadline = analysis.clock("resolution")?.deadline ?? null;
  return deadline !== null && deadline < horizon ? deadline : null;
}

export const scoreProactiveFeedback: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "proactive-feedback");
  const { calendar } = context;
  const now = toSecond(context.now);
  const graceMs = context.rules.proactiveFeedback.graceMinutes * MINUTE_MS;
  const { analyses, positions } = countedTickets(input, context, "proactive-feedback", (analysis) =>
    firstPassedDue(analysis, now),
  );
  const cases: CaseResult[] = [];
  let openCounted = 0;
  let pendingCounted = 0;
  for (let i = 0; i < positions.length; i++) {
    const index = positions[i] as number;
    const analysis = analyses.at(index);
    const { ticket } = analysis;
    const history = analysis.history as KnownHistory;
    const lifecycle = analysis.lifecycle as TicketLifecycle;
    const passed = passedTargets(analysis, now);
    const updates = history.events
      .filter((e) => isSubstantiveComment(e) || e.type === "target")
      .map((e) => e.at);
    let missed: ExpectedTime | null = null;
    let pending = false;
    for (const target of passed) {
      const limit = target.due + graceMs;
      if (updates.some((at) => at > target.setAt && at <= limit)) continue;
      if (limit >= now) pending = true;
      else missed ??= target;
    }
    if (lifecycle.resolvedAt === null) openCounted++;
    if (pending) pendingCounted++;
    const what = (t: ExpectedTime) =>
      t.implicit
        ? `implicit target (resolution deadline ${localTime(t.due, calendar)})`
        : `target due ${localTime(t.due, calendar)} (set ${localTime(t.setAt, calendar)})`;
    cases.push({
      id: ticket.id,
      source: ticket.source,
      value: null,
      deadline: firstDue(passed),
      stoppedAt: lifecycle.resolvedAt,
      verdict: missed === null ? "within" : "breached",
      note:
        missed === null
          ? `${passed.length} expected time${passed.length === 1 ? "" : "s"} passed, caller updated each time${pending ? " (grace still running)" : ""}`
          : `${what(missed)} passed without an update`,
    });
  }
  const notes = [
    `grace ${context.rules.proactiveFeedback.graceMinutes} min after an expected time`,
    "expected times: `target` dues; without any, the resolution deadline (M17)",
    "population: incidents and security incidents whose expected time passed before resolution, counted in the period of the first passed due",
  ];
  if (openCounted > 0)
    notes.push(`${openCounted} counted ticket(s) still open: their verdict may still change`);
  if (pendingCounted > 0) notes.push(`${pendingCounted} ticket(s) with a grace still running`);
  return shareScore(cases, targetOf(kpi, context.rules.targetShareWithoutPercentage), {
    notes,
    provisional: openCounted > 0 || pendingCounted > 0,
  });
};
