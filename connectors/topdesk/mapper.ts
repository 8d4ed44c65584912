/**
 * TOPdesk incident + progress trail + reconstructed history → a canonical ticket. Pure: no HTTP,
 * no store, no clock. Values the config does not map are returned as `unknowns` for the
 * connector to report, never guessed.
 */

import { parseInstant } from "../../src/model/instant.js";
import type { CanonicalRecordInput, PauseReason, Priority, TicketType } from "../../src/model/schema.js";
import {
  advanceHistory,
  type HistoryEvent,
  type HistoryState,
  historyEvents,
  type Observation,
} from "./history.js";
import type { TopdeskIncident, TrailEntry } from "./schema.js";

export interface MapperOptions {
  /** the connector instance name: the records' `source` */
  source: string;
  priorities: Readonly<Record<string, Priority>>;
  pauseStatuses: Readonly<Record<string, PauseReason>>;
  ticketTypes: {
    categories: Readonly<Record<string, TicketType>>;
    callTypes: Readonly<Record<string, TicketType>>;
    default: TicketType | null;
  };
  /** operator ids or names whose entries are automated */
  automationAccounts: readonly string[];
  /** the top of TOPdesk's feedbackRating scale */
  csatScale: number;
}

/** A source value the config does not map, e.g. `{ field: "priority", value: "Urgent" }`. */
export interface UnknownValue {
  field: "priority" | "ticketType" | "feedbackRating";
  value: string;
}

type TicketInput = Extract<CanonicalRecordInput, { kind: "ticket" }>;
type CommentEvent = { at: string; type: "comment"; visibleToCaller: boolean; automated: boolean };

export type MapResult =
  | { kind: "ticket"; ticket: TicketInput; state: HistoryState; unknowns: UnknownValue[] }
  /** not a ticket of its own (a partial incident belongs to its main incident) */
  | { kind: "skipped"; unknowns: UnknownValue[] }
  | { kind: "rejected"; reason: string; unknowns: UnknownValue[] };

const PARTIAL = new Set(["partial", "partialArchived"]);
const GROUP_IN_OPERATOR = new Set(["operatorGroup", "operatorGroupArchived"]);

/**
 * @example mapIncident(incident, trail, null, options)
 * // → { kind: "ticket", ticket: { kind: "ticket", id: "I 2401 0457", priority: "P2", events: [...] }, state, unknowns: [] }
 */
export function mapIncident(
  incident: TopdeskIncident,
  trail: readonly TrailEntry[],
  previous: HistoryState | null,
  options: MapperOptions,
): MapResult {
  const unknowns: UnknownValue[] = [];
  if (PARTIAL.has(incident.status ?? "")) return { kind: "skipped", unknowns };
  const type = ticketTypeOf(incident, options);
  if (type === null) {
    const value = `category "${incident.category?.name ?? ""}", call type "${incident.callType?.name ?? ""}"`;
    unknowns.push({ field: "ticketType", value });
    return { kind: "rejected", reason: `${value}: not mapped to a ticket type (ticketTypes)`, unknowns };
  }
  const observation = observe(incident, options, unknowns);
  const state = advanceHistory(previous, observation);
  const events: Array<HistoryEvent | CommentEvent> = [...historyEvents(state), ...comments(trail, options)];
  // Stable sort by time: ties keep history before comments, as the canonical model asks.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const ticket: TicketInput = {
    kind: "ticket",
    id: incident.number,
    source: options.source,
    type,
    priority: state.firstPriority,
    createdAt: observation.createdAt,
    location: incident.callerBranch?.name ?? null,
    catalogItem: null,
    csat: csatOf(incident.feedbackRating, options.csatScale, unknowns),
    leadTimeDays: null,
    title: incident.briefDescription ?? null,
    events,
  };
  return { kind: "ticket", ticket, state, unknowns };
}

/** The history-relevant fields of one version, in ISO UTC. */
export function observe(
  incident: TopdeskIncident,
  options: MapperOptions,
  unknowns: UnknownValue[],
): Observation {
  const priorityName = incident.priority?.name ?? null;
  const priority = priorityName === null ? null : (options.priorities[priorityName] ?? null);
  const priorityUnmapped = priorityName !== null && priority === null;
  if (priorityUnmapped) unknowns.push({ field: "priority", value: priorityName });
  const status = incident.processingStatus?.name ?? null;
  const pause = status === null ? null : (options.pauseStatuses[status] ?? null);
  // An `operator` slot holding a group means no individual owner (§3.1, pitfall 5).
  const operator = incident.operator ?? null;
  const owner = operator === null || GROUP_IN_OPERATOR.has(operator.status ?? "") ? null : operator.id;
  const group =
    incident.operatorGroup?.name ?? (operator !== null && owner === null ? (operator.name ?? null) : null);
  const completed = incident.completed === true ? iso(incident.completedDate) : null;
  const closed = incident.closed === true ? iso(incident.closedDate) : null;
  return {
    at: iso(incident.modificationDate) as string,
    createdAt: iso(incident.callDate ?? incident.creationDate) ?? (iso(incident.modificationDate) as string),
    owner,
    group,
    party: incident.supplier?.name ?? null,
    priority,
    priorityUnmapped,
    pause,
    pauseSince: incident.onHold === true ? iso(incident.onHoldDate) : null,
    major: incident.majorCall === true,
    resolvedAt: completed,
    closedAt: closed,
  };
}

/** Category first, then call type, then the default (null: not a ticket we can type). */
function ticketTypeOf(incident: TopdeskIncident, options: MapperOptions): TicketType | null {
  const { categories, callTypes } = options.ticketTypes;
  const category = incident.category?.name;
  if (category != null && Object.hasOwn(categories, category)) return categories[category] ?? null;
  const callType = incident.callType?.name;
  if (callType != null && Object.hasOwn(callTypes, callType)) return callTypes[callType] ?? null;
  return options.ticketTypes.default;
}

function csatOf(rating: number | null | undefined, scale: number, unknowns: UnknownValue[]) {
  // TOPdesk leaves an unrated incident at null (or 0, the unset value of number fields).
  if (rating == null || rating === 0) return null;
  if (rating < 0 || rating > scale) {
    unknowns.push({ field: "feedbackRating", value: String(rating) });
    return null;
  }
  return { score: rating, scale };
}

/**
 * Progress-trail entries → comment events. Only what operators or the system wrote counts:
 * a caller's own request or e-mail is not a response. Attachments are not comments.
 * - text entries (`memoText`) by an operator: visible unless `invisibleForCaller`;
 * - e-mails (`title`/`sender`) sent by an operator, or by TOPdesk itself without an operator
 *   (auto-acknowledgements and other notification mails, which are therefore automated);
 * - automated: the operator's id or name is in `automationAccounts`.
 */
export function comments(trail: readonly TrailEntry[], options: MapperOptions): CommentEvent[] {
  const automation = new Set(options.automationAccounts.map((a) => a.toLowerCase()));
  const isAutomation = (who: { id?: string | null; name?: string | null }) =>
    [who.id, who.name].some((value) => value != null && automation.has(value.toLowerCase()));
  const out: CommentEvent[] = [];
  for (const entry of trail) {
    const at = iso(entry.entryDate ?? entry.creationDate);
    if (at === null || entry.fileName != null) continue;
    const operator = entry.operator ?? null;
    const isMail = entry.title != null || entry.sender != null;
    if (isMail) {
      if (operator === null && entry.person != null) continue; // a mail from the caller
      out.push({
        at,
        type: "comment",
        visibleToCaller: entry.invisibleForCaller !== true,
        automated: operator === null || isAutomation(operator),
      });
    } else if (entry.memoText != null && operator !== null) {
      out.push({
        at,
        type: "comment",
        visibleToCaller: entry.invisibleForCaller !== true,
        automated: isAutomation(operator),
      });
    }
  }
  return out;
}

/** TOPdesk time → ISO UTC with milliseconds; null stays null. */
function iso(text: string | null | undefined): string | null {
  if (text == null) return null;
  const instant = parseInstant(text);
  return instant === null ? null : new Date(instant).toISOString();
}
