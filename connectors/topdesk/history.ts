/**
 * TOPdesk's REST API has no change history for incidents (shared/apis/topdesk.md §4.4), so
 * assignment, priority, pause, major-call and reopen events are reconstructed by comparing each
 * polled version of an incident with the previous one. Pure: the previous state comes in, the
 * next state goes out; the connector stores it between polls.
 *
 * Limits (README "History"): several changes between two polls collapse into one, stamped with
 * the version's modificationDate; the first poll of an incident knows only its current state, so
 * its current assignment and major flag are dated at registration.
 */
import type { PauseReason, Priority } from "../../src/model/schema.js";

/** The fields of one polled version that history is made of. Times are ISO UTC text. */
export interface Observation {
  /** the version's modificationDate */
  at: string;
  createdAt: string;
  owner: string | null;
  group: string | null;
  party: string | null;
  /** null: none; unmapped priorities are `priorityUnmapped` and change nothing */
  priority: Priority | null;
  priorityUnmapped: boolean;
  pause: PauseReason | null;
  /** TOPdesk's onHoldDate: when the current hold began, if on hold */
  pauseSince: string | null;
  major: boolean;
  resolvedAt: string | null;
  closedAt: string | null;
}

export type HistoryEvent =
  | { at: string; type: "assigned"; owner: string | null; group: string | null; party: string | null }
  | { at: string; type: "priority"; priority: Priority }
  | { at: string; type: "major"; value: boolean }
  | { at: string; type: "paused"; reason: PauseReason }
  | { at: string; type: "resumed" | "resolved" | "closed" | "reopened" };

type Tracked = Pick<
  Observation,
  "owner" | "group" | "party" | "priority" | "pause" | "major" | "resolvedAt" | "closedAt"
>;

/**
 * What is kept per incident between polls: ids, priority and status facts and times only; no
 * names, texts or caller data.
 */
export interface HistoryState {
  v: 1;
  /** modificationDate of the last version compared */
  seenAt: string;
  /** the priority of the first version seen: the ticket's `priority` */
  firstPriority: Priority | null;
  last: Tracked;
  /** every reconstructed change so far, including resolutions undone by a reopen */
  events: HistoryEvent[];
}

/**
 * The state after seeing `observation`. A version not newer than the last one seen (a page
 * fetched again after a failed cycle) changes nothing, so reprocessing is harmless.
 */
export function advanceHistory(previous: HistoryState | null, observation: Observation): HistoryState {
  if (previous === null) return firstState(observation);
  if (observation.at <= previous.seenAt) return previous;
  const at = observation.at;
  const last = previous.last;
  const events = [...previous.events];
  if (
    last.owner !== observation.owner ||
    last.group !== observation.group ||
    last.party !== observation.party
  ) {
    events.push({
      at,
      type: "assigned",
      owner: observation.owner,
      group: observation.group,
      party: observation.party,
    });
  }
  const priority = observation.priorityUnmapped ? last.priority : observation.priority;
  if (priority !== null && priority !== last.priority) events.push({ at, type: "priority", priority });
  if (observation.major !== last.major) events.push({ at, type: "major", value: observation.major });
  if (observation.pause !== last.pause) {
    if (last.pause !== null) events.push({ at, type: "resumed" });
    if (observation.pause !== null) {
      // onHoldDate is exact when it falls after the previous version; otherwise the hold began
      // somewhere between the two polls and this version's time is the best we know.
      const since = observation.pauseSince;
      const start =
        last.pause === null && since !== null && since > previous.seenAt && since <= at ? since : at;
      events.push({ at: start, type: "paused", reason: observation.pause });
    }
  }
  events.push(...reopening(previous, observation));
  return {
    v: 1,
    seenAt: at,
    firstPriority: previous.firstPriority,
    last: { ...tracked(observation), priority },
    events,
  };
}

/**
 * The resolution (and closing) that a reopen undid, plus the reopen. Closing a resolved incident
 * is not a reopen; a resolution date that moved means it was reopened and resolved again between
 * two polls: the reopen is then placed at the earliest moment it can have happened, the version
 * seen before (errs on counting more time, not less).
 */
function reopening(previous: HistoryState, observation: Observation): HistoryEvent[] {
  const last = previous.last;
  if (last.resolvedAt === null && last.closedAt === null) return [];
  const sameResolution = last.resolvedAt === observation.resolvedAt;
  const closedLater = last.closedAt === null || last.closedAt === observation.closedAt;
  if (sameResolution && closedLater) return [];
  const finished = observation.resolvedAt !== null || observation.closedAt !== null;
  const undone: HistoryEvent[] = [];
  if (last.resolvedAt !== null) undone.push({ at: last.resolvedAt, type: "resolved" });
  if (last.closedAt !== null) undone.push({ at: last.closedAt, type: "closed" });
  undone.push({ at: finished ? previous.seenAt : observation.at, type: "reopened" });
  return undone;
}

function firstState(observation: Observation): HistoryState {
  const { createdAt, at } = observation;
  const events: HistoryEvent[] = [];
  const { owner, group, party } = observation;
  // The first version seen says nothing about when its values were set: registration is the
  // only time we know, and the one under which a never-reassigned ticket is counted right.
  if (owner !== null || group !== null || party !== null) {
    events.push({ at: createdAt, type: "assigned", owner, group, party });
  }
  if (observation.major) events.push({ at: createdAt, type: "major", value: true });
  if (observation.pause !== null) {
    const since = observation.pauseSince;
    // The hold cannot begin before registration, nor after the version that shows it.
    const start = since === null || since > at ? at : later(since, createdAt);
    events.push({ at: start, type: "paused", reason: observation.pause });
  }
  const priority = observation.priorityUnmapped ? null : observation.priority;
  return { v: 1, seenAt: at, firstPriority: priority, last: { ...tracked(observation), priority }, events };
}

/** The later of two ISO UTC times (same format, so they compare as text). */
function later(a: string, b: string): string {
  return a > b ? a : b;
}

function tracked(observation: Observation): Tracked {
  const { owner, group, party, priority, pause, major, resolvedAt, closedAt } = observation;
  return { owner, group, party, priority, pause, major, resolvedAt, closedAt };
}

/**
 * The state's events plus the current resolution and closing, in time order. A closing without
 * a completion date counts as resolved at the closing (TOPdesk completes what it closes); a
 * current resolution dated before the latest reopen is moved to it, so the ticket ends finished.
 */
export function historyEvents(state: HistoryState): HistoryEvent[] {
  const events = [...state.events];
  const lastReopen = events.reduce((max, e) => (e.type === "reopened" && e.at > max ? e.at : max), "");
  const notBefore = (at: string) => (at < lastReopen ? lastReopen : at);
  const { resolvedAt, closedAt } = state.last;
  const resolved = resolvedAt ?? closedAt;
  if (resolved !== null) events.push({ at: notBefore(resolved), type: "resolved" });
  if (closedAt !== null) events.push({ at: notBefore(closedAt), type: "closed" });
  return events;
}
