/**
 * T2.4 / M18: multi-party tickets coordinated in time. Population: tickets other than changes
 * with at least one `assigned` naming an external `party`, counted in the period of their final
 * resolution. A party span runs from such an assignment to the next `assigned` (or the
 * resolution). The ticket is coordinated when during every party span it has an owner and no
 * silence is longer than the allowed gap (default one service day, on the business clock) between
 * the span's start, each non-automated comment (caller-visible or internal) and the span's end.
 * Time between a `resolved` and its `reopened` is no silence.
 *
 * M18 counts a ticket only once it is resolved; an open ticket whose coordination already broke
 * inside the period is listed as `excluded` ("counts when resolved") so it cannot hide.
 */
import type { Instant } from "../../../model/instant.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import type { KnownHistory } from "../../timeline/known-history.js";
import { toSecond } from "../../timeline/known-history.js";
import type { CaseResult, KpiScorer } from "../types.js";
import type { TicketAnalysis } from "./analysis.js";
import { isServiceTicket, localTime, measureOf, openLengthMs, toMinutes } from "./common.js";
import type { TicketLifecycle } from "./lifecycle.js";
import { shareScore, targetOf } from "./score.js";
import { countedTickets } from "./select.js";

interface PartySpan {
  party: string;
  owner: string | null;
  from: Instant;
  to: Instant;
}

function partySpans(history: KnownHistory, end: Instant): PartySpan[] {
  const spans: PartySpan[] = [];
  let current: Omit<PartySpan, "to"> | null = null;
  for (const event of history.events) {
    if (event.at > end) break;
    if (event.type !== "assigned") continue;
    if (current !== null && event.at > current.from) spans.push({ ...current, to: event.at });
    current = event.party === null ? null : { party: event.party, owner: event.owner, from: event.at };
  }
  if (current !== null && end > current.from) spans.push({ ...current, to: end });
  return spans;
}

interface Coordination {
  /** The longest silence inside a party span, business ms. */
  longestGapMs: number;
  /** Why it broke and from when; null when coordinated. */
  broken: { reason: string; at: Instant } | null;
}

function coordinationOf(
  history: KnownHistory,
  lifecycle: TicketLifecycle,
  end: Instant,
  calendar: BusinessCalendar,
  maxGapMs: number,
): Coordination {
  const actions = history.events.filter((e) => e.type === "comment" && !e.automated).map((e) => e.at);
  let longestGapMs = 0;
  let broken: Coordination["broken"] = null;
  for (const span of partySpans(history, end)) {
    if (span.owner === null) {
      broken ??= {
        reason: `no owner while with ${span.party} from ${localTime(span.from, calendar)}`,
        at: span.from,
      };
    }
    const marks = [span.from, ...actions.filter((at) => at > span.from && at < span.to), span.to];
    for (let i = 1; i < marks.length; i++) {
      const from = marks[i - 1] as Instant;
      const to = marks[i] as Instant;
      const gap = openLengthMs(calendar, from, to, lifecycle.openSpans, "business");
      longestGapMs = Math.max(longestGapMs, gap);
      if (gap > maxGapMs && broken === null) {
        broken = {
          reason: `no action ${localTime(from, calendar)} → ${localTime(to, calendar)} while with ${span.party}`,
          at: calendar.addMs(from, maxGapMs, "business"),
        };
      }
    }
  }
  return { longestGapMs, broken };
}

/** Parties named only after the report's now are unknown: such a ticket is not in the population yet. */
function withParty(analysis: TicketAnalysis): { history: KnownHistory; lifecycle: TicketLifecycle } | null {
  const { ticket, history, lifecycle } = analysis;
  if (!isServiceTicket(ticket) || history === null || lifecycle === null) return null;
  return analysis.holds("party") ? { history, lifecycle } : null;
}

export const scoreCoordination: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "coordination");
  const { calendar } = context;
  const now = toSecond(context.now);
  const maxDays = context.rules.coordination.maxGapServiceDays;
  const maxGapMs = maxDays * calendar.serviceDayMs;
  const judge = (analysis: TicketAnalysis) => {
    const parts = withParty(analysis);
    if (parts === null) return null;
    const end = parts.lifecycle.resolvedAt ?? now;
    return { ...parts, result: coordinationOf(parts.history, parts.lifecycle, end, calendar, maxGapMs) };
  };
  // Resolved: counted at the resolution. Open and already broken: listed where it broke.
  const { analyses, positions } = countedTickets(input, context, `coordination:${maxGapMs}`, (analysis) => {
    const resolvedAt = analysis.lifecycle?.resolvedAt ?? null;
    if (resolvedAt !== null) return withParty(analysis) === null ? null : resolvedAt;
    return judge(analysis)?.result.broken?.at ?? null;
  });
  const cases: CaseResult[] = [];
  for (let i = 0; i < positions.length; i++) {
    const index = positions[i] as number;
    const analysis = analyses.at(index);
    const { ticket } = analysis;
    const { lifecycle, result } = judge(analysis) as NonNullable<ReturnType<typeof judge>>;
    const base = {
      id: ticket.id,
      source: ticket.source,
      value: toMinutes(result.longestGapMs),
      deadline: null,
    };
    if (lifecycle.resolvedAt === null) {
      cases.push({
        ...base,
        stoppedAt: null,
        verdict: "excluded",
        note: `still open; ${result.broken?.reason}; counts in the period of resolution`,
      });
      continue;
    }
    cases.push({
      ...base,
      stoppedAt: lifecycle.resolvedAt,
      verdict: result.broken === null ? "within" : "breached",
      ...(result.broken === null ? {} : { note: result.broken.reason }),
    });
  }
  return shareScore(cases, targetOf(kpi, context.rules.targetShareWithoutPercentage), {
    notes: [
      `longest allowed silence in a party span: ${maxDays} service day(s) on the business clock`,
      "value: the longest silence inside a party span, in business minutes",
      "population: tickets other than changes with an external party, counted in the period of resolution (M18)",
    ],
  });
};
