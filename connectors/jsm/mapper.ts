/**
 * A JSM issue with its changelog, comments and CSAT → a canonical ticket. Pure: no HTTP, no
 * store, no clock. Values the config does not map are returned as `unknowns` for the connector to
 * report, never guessed.
 */
import type { CanonicalRecordInput, PauseReason, Priority, TicketType } from "../../src/model/schema.js";
import { type CommentEntry, type CommentEvent, commentEvents } from "./comments.js";
import type { ResolvedFields } from "./fields.js";
import { type HistoryEvent, historyEvents, type UnknownValue } from "./history.js";
import type { ChangeHistory, JsmIssue } from "./schema.js";
import {
  displayValue,
  isMajorValue,
  requestTypeName,
  satisfactionRating,
  userId,
  userIds,
  userListIds,
} from "./values.js";

export type { UnknownValue };

export interface MapperOptions {
  /** the connector instance name: the records' `source` */
  source: string;
  priorities: Readonly<Record<string, Priority>>;
  pauseStatuses: Readonly<Record<string, PauseReason>>;
  /** status names that mean "administratively closed" */
  closedStatuses: readonly string[];
  ticketTypes: {
    requestTypes: Readonly<Record<string, TicketType>>;
    /** by issue type name or id */
    issueTypes: Readonly<Record<string, TicketType>>;
    default: TicketType | null;
  };
  /** account ids, names or login names whose comments are automated */
  automationAccounts: readonly string[];
  /** the ids of the account the connector runs as (its own comments are automated) */
  self: readonly string[];
  fields: ResolvedFields;
  /** the top of JSM's CSAT scale (1–5) */
  csatScale: number;
}

export interface IssueBundle {
  issue: JsmIssue;
  histories: readonly ChangeHistory[];
  comments: readonly CommentEntry[];
  /** accountId → accountType for comment authors the comments do not type */
  accountTypes: ReadonlyMap<string, string>;
  /** the rating from the feedback endpoint, when the site serves it and the request has one */
  feedbackRating: number | null;
}

type TicketInput = Extract<CanonicalRecordInput, { kind: "ticket" }>;

export type MapResult =
  | { kind: "ticket"; ticket: TicketInput; unknowns: UnknownValue[] }
  | { kind: "rejected"; reason: string; unknowns: UnknownValue[] };

/**
 * @example mapIssue({ issue, histories, comments, accountTypes: new Map(), feedbackRating: null }, options)
 * // → { kind: "ticket", ticket: { kind: "ticket", id: "SUP-1842", type: "incident", priority: "P2", events: [...] }, unknowns: [] }
 */
export function mapIssue(bundle: IssueBundle, options: MapperOptions): MapResult {
  const { issue } = bundle;
  const f = issue.fields;
  const custom = (role: keyof ResolvedFields): unknown => {
    const field = options.fields[role];
    return field === null ? undefined : f[field.id];
  };
  const unknowns: UnknownValue[] = [];
  const requestType = requestTypeName(custom("requestType"));
  const type = ticketTypeOf(requestType, f.issuetype ?? null, options);
  if (type === null) {
    const value = `request type "${requestType ?? ""}", issue type "${f.issuetype?.name ?? ""}"`;
    unknowns.push({ field: "ticketType", value });
    return { kind: "rejected", reason: `${value}: not mapped to a ticket type (ticketTypes)`, unknowns };
  }
  const history = historyEvents(
    bundle.histories,
    {
      createdAt: f.created,
      updatedAt: f.updated,
      owner: userId(f.assignee),
      group: displayValue(custom("team")),
      priority: f.priority?.name ?? null,
      status: f.status?.name ?? null,
      major: isMajorValue(custom("major")),
      resolvedAt: f.resolution != null ? (f.resolutiondate ?? f.updated) : null,
    },
    {
      priorities: options.priorities,
      pauseStatuses: options.pauseStatuses,
      closedStatuses: options.closedStatuses,
      team: options.fields.team,
      major: options.fields.major,
    },
  );
  unknowns.push(...history.unknowns);
  const comments = commentEvents(bundle.comments, {
    callers: new Set([...userIds(f.reporter), ...userListIds(custom("participants"))]),
    automation: new Set(options.automationAccounts.map((a) => a.toLowerCase())),
    self: new Set(options.self),
    accountTypes: bundle.accountTypes,
  });
  const events: Array<HistoryEvent | CommentEvent> = [...history.events, ...comments];
  // Stable sort by time: ties keep history before comments, as the canonical model asks.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const ticket: TicketInput = {
    kind: "ticket",
    id: issue.key,
    source: options.source,
    type,
    priority: history.firstPriority,
    createdAt: new Date(f.created).toISOString(),
    location: displayValue(custom("location")),
    catalogItem: null,
    csat: csatOf(
      satisfactionRating(custom("satisfaction")) ?? bundle.feedbackRating,
      options.csatScale,
      unknowns,
    ),
    leadTimeDays: null,
    title: f.summary ?? null,
    events,
  };
  return { kind: "ticket", ticket, unknowns };
}

/** Request type first, then issue type by name, then by id, then the default. */
function ticketTypeOf(
  requestType: string | null,
  issueType: { id?: string | null; name?: string | null } | null,
  options: MapperOptions,
): TicketType | null {
  const { requestTypes, issueTypes } = options.ticketTypes;
  if (requestType !== null && Object.hasOwn(requestTypes, requestType))
    return requestTypes[requestType] ?? null;
  for (const key of [issueType?.name, issueType?.id]) {
    if (key != null && Object.hasOwn(issueTypes, key)) return issueTypes[key] ?? null;
  }
  return options.ticketTypes.default;
}

/** JSM rates 1–5 (§6); the contract maps that onto 0–10 (`rules.csat.fromFivePoint`). */
function csatOf(rating: number | null, scale: number, unknowns: UnknownValue[]) {
  if (rating === null) return null;
  if (!Number.isInteger(rating) || rating < 1 || rating > scale) {
    unknowns.push({ field: "satisfaction", value: String(rating) });
    return null;
  }
  return { score: rating, scale };
}
