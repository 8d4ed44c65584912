/**
 * Long silence towards the caller. A caller-visible update is a comment visible to the caller
 * and written by a person (decision 3) or a new expected time (`target`, communicated to the
 * caller by definition). Silence is counted on the business clock, for every priority, over the
 * time the ticket is open and not paused for a reason that stops its resolution clock (while it
 * waits for the caller, the caller knows why); resolved spans do not count.
 *
 * Population: tickets other than changes (M16). Like a breached case (M5), a ticket counts
 * where its first silence ran too long, even while it is still open; otherwise where it was
 * finally resolved; an open ticket not (yet) silent too long is not counted yet.
 */
import { HOUR_MS, type Instant } from "../../model/instant.js";
import type { PauseReason, TicketEvent } from "../../model/schema.js";
import type { BusinessCalendar } from "../calendar/types.js";
import type { TicketAnalysis } from "../kpi/tickets/analysis.js";
import { isServiceTicket, localTime } from "../kpi/tickets/common.js";
import { deadlineAcross, type Interval, measureIntervals, subtractIntervals } from "../timeline/intervals.js";
import { isSubstantiveComment, type KnownHistory, toSecond } from "../timeline/known-history.js";
import type { SignalContext, TicketObserver } from "./context.js";
import { Meter } from "./meter.js";
import type { SignalCase } from "./types.js";

export interface SilentStretch {
  /** the last caller-visible update (or the registration) before it */
  from: Instant;
  /** when the silence passed the maximum */
  exceededAt: Instant;
  /** where the counted silence ended: the next update, the resolution, or now while it lasts */
  until: Instant;
  /** business time of the stretch that counts */
  silentMs: number;
}

export function silenceObserver(context: SignalContext): TicketObserver & { silent: Meter } {
  const { slots, settings, calendar, policy } = context;
  const silent = new Meter(slots);
  const maxMs = settings.silentStretches.maxServiceDays * calendar.serviceDayMs;
  const reasons = policy.pauseReasons.resolution;
  const now = toSecond(context.now);
  return {
    silent,
    observe(analysis) {
      const { history, lifecycle } = analysis;
      if (history === null || lifecycle === null || !isServiceTicket(analysis.ticket)) return;
      // Resolved before the first period: its silences, if any, count in no period of the report.
      if (lifecycle.resolvedAt !== null && lifecycle.resolvedAt < slots.start) return;
      // A ticket whose whole life fits in the maximum cannot have been silent longer (most
      // tickets): settled without reading its events.
      const end = lifecycle.resolvedAt ?? now;
      const short =
        fitsIn(end - lifecycle.createdAt, maxMs, calendar) ||
        calendar.elapsedMs(lifecycle.createdAt, end, "business") <= maxMs;
      const stretch = short ? null : firstLongSilence(history, { calendar, reasons, maxMs, now });
      const moment = stretch?.exceededAt ?? lifecycle.resolvedAt;
      if (moment === null) return;
      const slot = slots.slotOf(moment);
      if (slot < 0) return;
      silent.share(slot, stretch === null ? null : () => silenceCase(analysis, stretch, context));
    },
  };
}

interface SilenceRules {
  calendar: BusinessCalendar;
  reasons: readonly PauseReason[];
  maxMs: number;
  now: Instant;
}

const DAY_MS = 24 * HOUR_MS;

const isUpdate = (event: TicketEvent): boolean => isSubstantiveComment(event) || event.type === "target";

/** The first stretch without a caller-visible update longer than `maxMs` of counted time, or null. */
export function firstLongSilence(history: KnownHistory, rules: SilenceRules): SilentStretch | null {
  let quietFrom = history.createdAt;
  // Spans inside the current stretch that do not count: resolved, or paused for the caller.
  const excluded: Interval[] = [];
  let resolvedSince: Instant | null = null;
  let pausedSince: Instant | null = null;
  const exclude = (from: Instant, to: Instant): void => {
    const start = Math.max(from, quietFrom);
    if (to > start) excluded.push([start, to]);
  };
  for (const event of history.events) {
    const at = event.at;
    if (isUpdate(event)) {
      const stretch = tooLong(quietFrom, at, excluded, rules);
      if (stretch !== null) return stretch;
      quietFrom = at;
      excluded.length = 0;
      continue;
    }
    switch (event.type) {
      case "resolved":
        if (resolvedSince !== null) break;
        if (pausedSince !== null) exclude(pausedSince, at);
        pausedSince = null;
        resolvedSince = at;
        break;
      case "reopened":
        if (resolvedSince === null) break;
        exclude(resolvedSince, at);
        resolvedSince = null;
        break;
      case "paused":
        if (pausedSince === null && resolvedSince === null && rules.reasons.includes(event.reason))
          pausedSince = at;
        break;
      case "resumed":
        if (pausedSince === null) break;
        exclude(pausedSince, at);
        pausedSince = null;
        break;
      default:
        break;
    }
  }
  const end = Math.max(rules.now, quietFrom);
  if (resolvedSince !== null) exclude(resolvedSince, end);
  if (pausedSince !== null) exclude(pausedSince, end);
  return tooLong(quietFrom, end, excluded, rules);
}

/**
 * Whether any span of `wallMs` holds at most `maxMs` of business time, settled without the
 * calendar: business time never exceeds wall time, nor one service day per day touched (an
 * hour of slack for the short day of a DST change).
 */
function fitsIn(wallMs: number, maxMs: number, calendar: BusinessCalendar): boolean {
  if (wallMs <= maxMs) return true;
  return (Math.floor((wallMs + HOUR_MS) / DAY_MS) + 1) * calendar.serviceDayMs <= maxMs;
}

function tooLong(
  from: Instant,
  until: Instant,
  excluded: Interval[],
  rules: SilenceRules,
): SilentStretch | null {
  if (fitsIn(until - from, rules.maxMs, rules.calendar)) return null;
  // The whole stretch on the business clock, exclusions not yet taken off: mostly short enough.
  if (rules.calendar.elapsedMs(from, until, "business") <= rules.maxMs) return null;
  const counting =
    excluded.length === 0 ? [[from, until] as const] : subtractIntervals([[from, until]], excluded);
  const silentMs = measureIntervals(rules.calendar, counting, "business");
  if (silentMs <= rules.maxMs) return null;
  const exceededAt = deadlineAcross(rules.calendar, counting, until, rules.maxMs, "business");
  // Where the counted silence ended: the update, the resolution, or now.
  const last = counting[counting.length - 1] as Interval;
  return { from, exceededAt, until: last[1], silentMs };
}

function silenceCase(analysis: TicketAnalysis, stretch: SilentStretch, context: SignalContext): SignalCase {
  const { calendar } = context;
  const days = Math.round((stretch.silentMs / calendar.serviceDayMs) * 10) / 10;
  const ongoing = stretch.until >= toSecond(context.now);
  const registered = stretch.from === analysis.lifecycle?.createdAt;
  return {
    id: analysis.ticket.id,
    source: analysis.ticket.source,
    note: `${days} service days without a caller-visible update since ${localTime(stretch.from, calendar)}${ongoing ? ", still silent" : ""}`,
    instants: [
      { what: registered ? "registered" : "last update", at: stretch.from },
      { what: "silent too long", at: stretch.exceededAt },
      { what: ongoing ? "still silent at" : "silence ended", at: stretch.until },
    ],
  };
}
