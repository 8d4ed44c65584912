/**
 * zod schemas for the TOPdesk responses this connector reads, with only the fields it uses
 * (shared/apis/topdesk.md §3.1, §4.2). Everything else in a payload is dropped on parse.
 */
import { z } from "zod";
import { explainBadInstant, parseInstant } from "../../src/model/instant.js";

/** A TOPdesk timestamp (`2024-01-15T07:02:11.000+0000`); the offset is required (§3.2). */
export const topdeskTime = z.string().refine((text) => parseInstant(text) !== null, {
  error: (issue) => explainBadInstant(String(issue.input)),
});

const ref = z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullish();

/**
 * The `fields=` list sent with every incident list request: exactly what the mapper reads, so the
 * payload stays small (§2.1: "all fields is slower"). A name TOPdesk does not know gives a 400.
 */
export const INCIDENT_FIELDS = [
  "id",
  "number",
  "status",
  "briefDescription",
  "callDate",
  "creationDate",
  "modificationDate",
  "callType",
  "category",
  "priority",
  "callerBranch",
  "operator",
  "operatorGroup",
  "supplier",
  "processingStatus",
  "onHold",
  "onHoldDate",
  "completed",
  "completedDate",
  "closed",
  "closedDate",
  "majorCall",
  "feedbackRating",
] as const;

export const incidentSchema = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  /** firstLine | secondLine | partial | …Archived (§3.1) */
  status: z.string().nullish(),
  briefDescription: z.string().nullish(),
  callDate: topdeskTime.nullish(),
  creationDate: topdeskTime.nullish(),
  modificationDate: topdeskTime,
  callType: ref,
  category: ref,
  priority: ref,
  callerBranch: ref,
  /** may hold a group: `status` is then operatorGroup or operatorGroupArchived (§3.1, pitfall 5) */
  operator: z.object({ id: z.string(), status: z.string().nullish(), name: z.string().nullish() }).nullish(),
  operatorGroup: ref,
  supplier: ref,
  processingStatus: ref,
  onHold: z.boolean().nullish(),
  onHoldDate: topdeskTime.nullish(),
  completed: z.boolean().nullish(),
  completedDate: topdeskTime.nullish(),
  closed: z.boolean().nullish(),
  closedDate: topdeskTime.nullish(),
  majorCall: z.boolean().nullish(),
  feedbackRating: z.number().nullish(),
});
export type TopdeskIncident = z.output<typeof incidentSchema>;

/** `GET /incidents` answers a bare array (§2.2). */
export const incidentListSchema = z.array(incidentSchema);

const person = z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullish();

/**
 * A progress-trail entry. There is no `type` field (§4.2): text entries carry `memoText`, e-mails
 * `title`/`sender`, attachments `fileName`; who wrote it is in `operator` or `person`.
 */
export const trailEntrySchema = z
  .object({
    id: z.string().nullish(),
    entryDate: topdeskTime.nullish(),
    creationDate: topdeskTime.nullish(),
    operator: person,
    person: person,
    memoText: z.string().nullish(),
    invisibleForCaller: z.boolean().nullish(),
    title: z.string().nullish(),
    sender: z.string().nullish(),
    fileName: z.string().nullish(),
  })
  .refine((entry) => entry.entryDate != null || entry.creationDate != null, {
    message: "has neither entryDate nor creationDate",
    path: ["entryDate"],
  });
export type TrailEntry = z.output<typeof trailEntrySchema>;

export const trailPageSchema = z.array(trailEntrySchema);

/** `GET /version` (§1.4). */
export const versionSchema = z.object({ version: z.string().min(1) });

/**
 * TOPdesk's error bodies: `[{"message": …}]` (incident API) or `{"errors": [{"errorMessage": …}]}`
 * (§5.5). Returns the first message, for error details.
 */
export function describeTopdeskError(body: unknown): string | null {
  const first = Array.isArray(body) ? body[0] : (body as { errors?: unknown[] } | null)?.errors?.[0];
  if (typeof first !== "object" || first === null) return null;
  const { message, errorMessage } = first as { message?: unknown; errorMessage?: unknown };
  if (typeof message === "string") return message;
  return typeof errorMessage === "string" ? errorMessage : null;
}
