/**
 * T2.6 / M11 / decision 9: the backlog's age at one moment: the end of the service window of the
 * period's last working day, or `now` when that moment has not come yet (the figure is then
 * provisional and says so). Open = created before that moment and neither resolved nor closed
 * at it (a reopened ticket is open again); changes and standard changes are left out. Old =
 * business age greater than N full service days (default 10). Parts: `share` of old tickets
 * among open ones (≤ 0.05) and `count` of old tickets (≤ 20); both must hold.
 * With no open ticket both parts have no data (M6: never green on nothing measured).
 */
import type { Instant } from "../../../model/instant.js";
import type { Ticket } from "../../../model/schema.js";
import { toSecond } from "../../timeline/known-history.js";
import { ticketStateAt } from "../../timeline/ticket-state.js";
import { combineParts, meetsNorm } from "../population.js";
import type { CaseResult, KpiScorer, Norm, PartResult, Period, ScoringContext } from "../types.js";
import { type TicketAnalyses, ticketAnalysesFor } from "./analysis.js";
import { isServiceTicket, localTime, measureOf, toMinutes } from "./common.js";
import type { TicketLifecycle } from "./lifecycle.js";

const DEFAULT_NORMS = {
  share: { kind: "max", value: 0.05 },
  count: { kind: "maxCount", value: 20 },
} as const satisfies Record<string, Norm>;

export interface BacklogMoment {
  at: Instant;
  /** `window-end`: as M11 says; `now`: that moment is still to come; `period-end`: no working day in the period. */
  reason: "window-end" | "now" | "period-end";
}

/** Where T2.6 is measured for a period as known at `now`; null when the period has not begun. */
export function backlogMoment(
  period: Period,
  context: Pick<ScoringContext, "calendar" | "now">,
): BacklogMoment | null {
  const now = toSecond(context.now);
  if (now < period.start) return null;
  const windows = context.calendar.windowIntervals(period.start, period.end);
  const last = windows[windows.length - 1];
  const planned: BacklogMoment =
    last === undefined ? { at: period.end, reason: "period-end" } : { at: last[1], reason: "window-end" };
  return now < planned.at ? { at: now, reason: "now" } : planned;
}

/** Not resolved at `at` (≤ now): inside an open span, or after the start of the span still open at now. */
function unresolvedAt(lifecycle: TicketLifecycle, at: Instant): boolean {
  const last = lifecycle.openSpans[lifecycle.openSpans.length - 1];
  if (lifecycle.resolvedAt === null && last !== undefined && at >= last[0]) return true;
  return lifecycle.openSpans.some(([from, to]) => from <= at && at < to);
}

interface OpenSpells {
  /** Per ticket: its creation in whole seconds; NaN for changes and tickets created after now. */
  createdAt: Float64Array;
  /** Per ticket: the end of its last open span, +∞ while still open (where `unresolvedAt` can hold). */
  openUntil: Float64Array;
}

/**
 * Where each ticket can be in the backlog, found once per report: each period's moment then only
 * compares two numbers per ticket, and reads the lifecycle of the few that can be open at it.
 */
function openSpells(analyses: TicketAnalyses): OpenSpells {
  return analyses.derived("backlog-open-spells", () => {
    const { length } = analyses.tickets;
    const createdAt = new Float64Array(length).fill(Number.NaN);
    const openUntil = new Float64Array(length).fill(Number.NaN);
    for (let index = 0; index < length; index++) {
      if (!isServiceTicket(analyses.tickets[index] as Ticket)) continue;
      const { lifecycle } = analyses.at(index);
      if (lifecycle === null) continue;
      const last = lifecycle.openSpans[lifecycle.openSpans.length - 1];
      createdAt[index] = lifecycle.createdAt;
      openUntil[index] =
        lifecycle.resolvedAt === null ? Number.POSITIVE_INFINITY : (last?.[1] ?? Number.NEGATIVE_INFINITY);
    }
    return { createdAt, openUntil };
  });
}

function part(name: string, score: number | null, norm: Norm, n: number): PartResult {
  const target = norm.kind === "duration" ? norm.share : norm.value;
  return { name, score, target, met: score === null ? null : meetsNorm(score, norm), n };
}

export const scoreBacklogAge: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "backlog-age");
  const { calendar } = context;
  const days = context.rules.backlog.oldAfterServiceDays;
  const oldAfterMs = days * calendar.serviceDayMs;
  const moment = backlogMoment(context.period, context);
  const cases: CaseResult[] = [];
  let old = 0;
  if (moment !== null) {
    const analyses = ticketAnalysesFor(input.tickets, context);
    const { createdAt: created, openUntil } = openSpells(analyses);
    for (let index = 0; index < input.tickets.length; index++) {
      // NaN (a change, created after now) fails both comparisons.
      if (!((created[index] as number) < moment.at && moment.at < (openUntil[index] as number))) continue;
      const ticket = input.tickets[index] as Ticket;
      const lifecycle = analyses.at(index).lifecycle as TicketLifecycle;
      // Resolved at the moment: not open. Otherwise replay the state there, as a `closed` also ends it.
      if (!unresolvedAt(lifecycle, moment.at)) continue;
      if (!ticketStateAt(ticket, moment.at).open) continue;
      const createdAt = toSecond(ticket.createdAt);
      const ageMs = calendar.elapsedMs(createdAt, moment.at, "business");
      const isOld = ageMs > oldAfterMs;
      if (isOld) old++;
      const oldFrom = calendar.addMs(createdAt, oldAfterMs, "business");
      const result: CaseResult = {
        id: ticket.id,
        source: ticket.source,
        value: toMinutes(ageMs),
        deadline: oldFrom,
        stoppedAt: moment.at,
        verdict: isOld ? "breached" : "within",
      };
      if (isOld) result.note = `open for ${(ageMs / calendar.serviceDayMs).toFixed(1)} service days`;
      cases.push(result);
    }
  }
  const open = cases.length;
  const shareNorm = kpi.partNorms.share ?? DEFAULT_NORMS.share;
  const countNorm = kpi.partNorms.count ?? DEFAULT_NORMS.count;
  const parts = [
    part("share", open === 0 ? null : old / open, shareNorm, open),
    part("count", open === 0 ? null : old, countNorm, open),
  ];
  const notes = [
    `old: business age over ${days} service days (${days} × ${calendar.serviceDayMs / 3_600_000} h)`,
    "population: open tickets other than changes and standard changes (M11)",
  ];
  if (moment === null) notes.push("the period has not begun at report time: nothing measured");
  else if (moment.reason === "now") {
    notes.push(
      `measured at report time ${localTime(moment.at, calendar)}: the end of the period's last service window is still to come`,
    );
  } else if (moment.reason === "period-end") {
    notes.push(`no working day in the period: measured at its end ${localTime(moment.at, calendar)}`);
  } else
    notes.push(
      `measured at ${localTime(moment.at, calendar)}, the end of the service window of the period's last working day`,
    );
  if (moment !== null && open === 0) notes.push("no open tickets at the measured moment: no data");
  const share = parts[0] as PartResult;
  return {
    score: share.score,
    target: share.target,
    met: combineParts(parts),
    n: open,
    parts,
    cases,
    notes,
    ...(moment?.reason === "now" ? { provisional: true } : {}),
  };
};
