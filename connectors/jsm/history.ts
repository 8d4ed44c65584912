/**
 * An issue's changelog → canonical history events (shared/apis/jsm.md §4): assignee (owner), the
 * team or group field (resolver group), priority, the major-incident field, status transitions
 * mapped to pause reasons and closing, and resolution set/cleared (resolved/reopened). Pure.
 *
 * The value at registration is the first change's "from" side, or the current value when the
 * field never changed. Items are matched on `fieldId`, or on the field's name where Jira leaves
 * `fieldId` out (custom fields often, §4.3 of the platform reference).
 */
import type { PauseReason, Priority } from "../../src/model/schema.js";
import type { ResolvedField } from "./fields.js";
import type { ChangeHistory, ChangeItem } from "./schema.js";
import { isMajorValue } from "./values.js";

export interface HistoryOptions {
  priorities: Readonly<Record<string, Priority>>;
  pauseStatuses: Readonly<Record<string, PauseReason>>;
  /** status names that mean "administratively closed", compared case-insensitively */
  closedStatuses: readonly string[];
  team: ResolvedField | null;
  major: ResolvedField | null;
}

/** The issue as it is now, for fields that never changed and to check the changelog's end. */
export interface CurrentValues {
  createdAt: number;
  updatedAt: number;
  owner: string | null;
  group: string | null;
  priority: string | null;
  status: string | null;
  major: boolean;
  /** resolutiondate when the issue has a resolution now, else null */
  resolvedAt: number | null;
}

export type HistoryEvent =
  | { at: string; type: "assigned"; owner: string | null; group: string | null; party: null }
  | { at: string; type: "priority"; priority: Priority }
  | { at: string; type: "major"; value: boolean }
  | { at: string; type: "paused"; reason: PauseReason }
  | { at: string; type: "resumed" | "resolved" | "reopened" | "closed" };

export interface UnknownValue {
  field: "priority" | "ticketType" | "satisfaction";
  value: string;
}

export interface HistoryResult {
  events: HistoryEvent[];
  /** the priority at registration, mapped; null when none or unmapped */
  firstPriority: Priority | null;
  unknowns: UnknownValue[];
}

type Kind = "owner" | "group" | "priority" | "status" | "resolution" | "major";
const SYSTEM: Record<string, Kind> = {
  assignee: "owner",
  priority: "priority",
  status: "status",
  resolution: "resolution",
};

function kindOf(item: ChangeItem, options: HistoryOptions): Kind | null {
  const key = (item.fieldId ?? item.field ?? "").toLowerCase();
  if (Object.hasOwn(SYSTEM, key)) return SYSTEM[key] as Kind;
  const matches = (field: ResolvedField | null) =>
    field !== null &&
    (item.fieldId != null
      ? item.fieldId === field.id
      : field.name !== null && item.field?.toLowerCase() === field.name.toLowerCase());
  if (matches(options.team)) return "group";
  if (matches(options.major)) return "major";
  return null;
}

/** One side of an item as the state keeps it: ids for people, names for the rest. */
function side(kind: Kind, item: ChangeItem, which: "from" | "to"): string | null {
  const raw = which === "from" ? item.from : item.to;
  const shown = which === "from" ? item.fromString : item.toString;
  const value = kind === "owner" ? raw : kind === "resolution" || kind === "major" ? (raw ?? shown) : shown;
  return value == null || value === "" ? null : value;
}

/** Histories oldest first; Jira does not promise an order (ties broken by numeric id). */
export function sortHistories(histories: readonly ChangeHistory[]): ChangeHistory[] {
  const numeric = (id: string) => (/^\d+$/.test(id) ? Number(id) : Number.MAX_SAFE_INTEGER);
  return [...histories].sort((a, b) => a.created - b.created || numeric(a.id) - numeric(b.id));
}

/**
 * @example historyEvents([], {createdAt, updatedAt, owner: "5f1a", group: null, priority: "High", status: "Open", major: false, resolvedAt: null}, options)
 * // → { events: [{at: <created>, type: "assigned", owner: "5f1a", group: null, party: null}], firstPriority: "P2", unknowns: [] }
 */
export function historyEvents(
  histories: readonly ChangeHistory[],
  current: CurrentValues,
  options: HistoryOptions,
): HistoryResult {
  const sorted = sortHistories(histories);
  const unknowns: UnknownValue[] = [];
  const mapPriority = (name: string | null): Priority | null => {
    if (name === null) return null;
    const mapped = options.priorities[name];
    if (mapped === undefined) unknowns.push({ field: "priority", value: name });
    return mapped ?? null;
  };
  const closed = new Set(options.closedStatuses.map((s) => s.toLowerCase()));
  const isClosed = (status: string | null) => status !== null && closed.has(status.toLowerCase());
  const pauseOf = (status: string | null) =>
    status !== null && Object.hasOwn(options.pauseStatuses, status)
      ? (options.pauseStatuses[status] as PauseReason)
      : null;

  const first = firstValues(sorted, options);
  const pick = <T>(kind: Kind, fromLog: T, now: T): T => (first.has(kind) ? fromLog : now);
  const state = {
    owner: pick("owner", first.get("owner") ?? null, current.owner),
    group: pick("group", first.get("group") ?? null, current.group),
    priority: mapPriority(pick("priority", first.get("priority") ?? null, current.priority)),
    status: pick("status", first.get("status") ?? null, current.status),
    // A resolution is set by a transition, which the changelog records; without such an entry
    // the changelog is cut short and `reconcile` dates the resolution at resolutiondate instead.
    resolved: first.get("resolution") != null,
    major: pick("major", isMajorValue(first.get("major") ?? null), current.major),
    pause: null as PauseReason | null,
  };
  const firstPriority = state.priority;
  const events: HistoryEvent[] = [];
  const created = iso(current.createdAt);
  if (state.owner !== null || state.group !== null) {
    events.push({ at: created, type: "assigned", owner: state.owner, group: state.group, party: null });
  }
  if (state.major) events.push({ at: created, type: "major", value: true });
  state.pause = state.resolved ? null : pauseOf(state.status);
  if (state.pause !== null) events.push({ at: created, type: "paused", reason: state.pause });
  if (state.resolved) events.push({ at: created, type: "resolved" });
  if (isClosed(state.status)) events.push({ at: created, type: "closed" });

  for (const history of sorted) {
    const at = iso(history.created);
    const to = new Map<Kind, string | null>();
    for (const item of history.items) {
      const kind = kindOf(item, options);
      if (kind !== null) to.set(kind, side(kind, item, "to"));
    }
    if (to.size === 0) continue;
    const owner = to.has("owner") ? (to.get("owner") ?? null) : state.owner;
    const group = to.has("group") ? (to.get("group") ?? null) : state.group;
    if (owner !== state.owner || group !== state.group) {
      events.push({ at, type: "assigned", owner, group, party: null });
      state.owner = owner;
      state.group = group;
    }
    if (to.has("priority")) {
      const priority = mapPriority(to.get("priority") ?? null);
      if (priority !== null && priority !== state.priority) {
        events.push({ at, type: "priority", priority });
        state.priority = priority;
      }
    }
    if (to.has("major")) {
      const major = isMajorValue(to.get("major") ?? null);
      if (major !== state.major) events.push({ at, type: "major", value: major });
      state.major = major;
    }
    const resolution = to.has("resolution") ? (to.get("resolution") ?? null) : undefined;
    const status = to.has("status") ? (to.get("status") ?? null) : state.status;
    if (resolution === null && state.resolved) {
      events.push({ at, type: "reopened" });
      state.resolved = false;
      // A request reopened into a waiting status is paused from the reopen on.
      state.pause = pauseOf(status);
      if (state.pause !== null) events.push({ at, type: "paused", reason: state.pause });
    }
    if (to.has("status")) {
      const pause = state.resolved ? null : pauseOf(status);
      if (pause !== state.pause) {
        if (state.pause !== null) events.push({ at, type: "resumed" });
        if (pause !== null) events.push({ at, type: "paused", reason: pause });
        state.pause = pause;
      }
    }
    if (resolution != null && !state.resolved) {
      events.push({ at, type: "resolved" });
      state.resolved = true;
      state.pause = null;
    }
    if (to.has("status") && isClosed(status) && !isClosed(state.status)) events.push({ at, type: "closed" });
    state.status = status;
  }
  reconcile(events, state.resolved, current);
  return { events, firstPriority, unknowns };
}

/** The "from" side of the first change of each kind: the value at registration. */
function firstValues(sorted: readonly ChangeHistory[], options: HistoryOptions): Map<Kind, string | null> {
  const first = new Map<Kind, string | null>();
  for (const history of sorted) {
    for (const item of history.items) {
      const kind = kindOf(item, options);
      if (kind !== null && !first.has(kind)) first.set(kind, side(kind, item, "from"));
    }
  }
  return first;
}

/**
 * Where the changelog and the issue disagree on being resolved (a changelog cut short, a change
 * without an entry), the current state wins, dated at its resolutiondate or last update.
 */
function reconcile(events: HistoryEvent[], resolved: boolean, current: CurrentValues): void {
  const lastAt = Math.max(current.createdAt, ...events.map((e) => Date.parse(e.at)));
  if (current.resolvedAt !== null && !resolved) {
    events.push({ at: iso(Math.max(current.resolvedAt, lastAt)), type: "resolved" });
  } else if (current.resolvedAt === null && resolved) {
    events.push({ at: iso(current.updatedAt), type: "reopened" });
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
