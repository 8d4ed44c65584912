/**
 * The canonical model (shared/contract/canonical-model.md) as zod schemas. Every connector maps
 * onto these records and the engine reads nothing else. Inputs carry ISO timestamps with offset;
 * the parsed records carry epoch milliseconds (`Instant`). Unknown fields, `extra` included, are
 * dropped on parse: the store keeps only what the engine needs (no caller identities, no texts).
 */
import { z } from "zod";
import { explainBadInstant, parseInstant } from "./instant.js";

export const instant = z.string().transform((text, ctx) => {
  const parsed = parseInstant(text);
  if (parsed === null) {
    ctx.addIssue({ code: "custom", message: explainBadInstant(text) });
    return z.NEVER;
  }
  return parsed;
});

const id = z.string().min(1).max(200);
const nullableText = z.string().max(200).nullable().default(null);

export const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export const priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof priority>;

export const TICKET_TYPES = [
  "incident",
  "security-incident",
  "service-request",
  "workplace-request",
  "standard-change",
  "change",
] as const;
export const ticketType = z.enum(TICKET_TYPES);
export type TicketType = z.infer<typeof ticketType>;

export const PAUSE_REASONS = ["customer", "third-party", "other"] as const;
export const pauseReason = z.enum(PAUSE_REASONS);
export type PauseReason = z.infer<typeof pauseReason>;

const at = { at: instant };
export const ticketEvent = z.discriminatedUnion("type", [
  z.object({ ...at, type: z.literal("comment"), visibleToCaller: z.boolean(), automated: z.boolean() }),
  z.object({
    ...at,
    type: z.literal("assigned"),
    owner: nullableText,
    group: nullableText,
    party: nullableText,
  }),
  z.object({ ...at, type: z.literal("priority"), priority }),
  z.object({ ...at, type: z.literal("major"), value: z.boolean() }),
  z.object({ ...at, type: z.literal("target"), due: instant }),
  z.object({ ...at, type: z.literal("paused"), reason: pauseReason }),
  z.object({ ...at, type: z.literal("resumed") }),
  z.object({ ...at, type: z.literal("stabilized") }),
  z.object({ ...at, type: z.literal("contained") }),
  z.object({ ...at, type: z.literal("resolved") }),
  z.object({ ...at, type: z.literal("reopened") }),
  z.object({ ...at, type: z.literal("closed") }),
  z.object({ ...at, type: z.literal("go-no-go"), decision: z.enum(["go", "no-go"]) }),
  z.object({ ...at, type: z.literal("executed") }),
  z.object({ ...at, type: z.literal("rolled-back") }),
  z.object({ ...at, type: z.literal("caused-incident"), ticket: nullableText }),
  z.object({ ...at, type: z.literal("rework") }),
  z.object({ ...at, type: z.literal("ready") }),
  z.object({ ...at, type: z.literal("rca-shared") }),
  z.object({ ...at, type: z.literal("docs-updated") }),
]);
export type TicketEvent = z.output<typeof ticketEvent>;
export type TicketEventType = TicketEvent["type"];

/** Title kept short: it exists only so an alert can say which ticket it is about. */
export const TITLE_MAX = 80;

export const ticketRecord = z
  .object({
    kind: z.literal("ticket"),
    id,
    source: id,
    type: ticketType,
    priority: priority.nullable().default(null),
    createdAt: instant,
    location: nullableText,
    catalogItem: nullableText,
    csat: z
      .object({ score: z.number().min(0), scale: z.number().positive() })
      .refine((c) => c.score <= c.scale, { message: "csat score is above its scale" })
      .nullable()
      .default(null),
    leadTimeDays: z.number().nonnegative().nullable().default(null),
    title: z
      .string()
      .nullable()
      .default(null)
      .transform((t) => (t === null ? null : t.slice(0, TITLE_MAX))),
    events: z.array(ticketEvent).default([]),
  })
  .transform((t) => ({ ...t, events: sortEvents(t.events) }));
export type Ticket = z.output<typeof ticketRecord>;

/** Events sorted by time; ties keep their original order (Array.prototype.sort is stable). */
function sortEvents(events: TicketEvent[]): TicketEvent[] {
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as TicketEvent).at < (events[i - 1] as TicketEvent).at) {
      return [...events].sort((a, b) => a.at - b.at);
    }
  }
  return events;
}

const optionalSource = { source: id.optional() };

export const deviceRecord = z.object({
  kind: z.literal("device"),
  id,
  ...optionalSource,
  at: instant,
  compliant: z.boolean(),
  state: nullableText,
  lastSyncAt: instant.nullable().default(null),
  os: nullableText,
});

export const patchRecord = z.object({
  kind: z.literal("patch"),
  id: id.optional(),
  ...optionalSource,
  asset: id,
  patch: id,
  availableAt: instant,
  dueAt: instant,
  installedAt: instant.nullable().default(null),
});

export const vulnerabilityRecord = z.object({
  kind: z.literal("vulnerability"),
  id,
  ...optionalSource,
  cve: z.string().min(1).max(60),
  cvss: z.number().min(0).max(10),
  asset: id,
  detectedAt: instant,
  mitigatedAt: instant.nullable().default(null),
  exception: z
    .object({ approvedAt: instant, until: instant.nullable().default(null) })
    .nullable()
    .default(null),
});

export const outageRecord = z
  .object({
    kind: z.literal("outage"),
    id: id.optional(),
    ...optionalSource,
    service: z.string().regex(/^(servicedesk|network|m365:.+)$/, {
      message: 'service must be "servicedesk", "network" or "m365:<service name>"',
    }),
    location: nullableText,
    start: instant,
    end: instant.nullable().default(null),
    classification: z.string().min(1).max(60).default("incident"),
  })
  .refine((o) => o.end === null || o.end >= o.start, {
    message: "outage ends before it starts",
    path: ["end"],
  });

export const backupRunRecord = z.object({
  kind: z.literal("backup-run"),
  id: id.optional(),
  ...optionalSource,
  job: id,
  scheduledAt: instant,
  success: z.boolean(),
});

export const restoreTestRecord = z.object({
  kind: z.literal("restore-test"),
  id: id.optional(),
  ...optionalSource,
  at: instant,
  success: z.boolean(),
});

export const eolItemRecord = z.object({
  kind: z.literal("eol-item"),
  id: id.optional(),
  ...optionalSource,
  asset: id,
  eosDate: instant,
  signalledAt: instant.nullable().default(null),
});

export const securityExceptionRecord = z.object({
  kind: z.literal("security-exception"),
  id,
  ...optionalSource,
  reason: z.string().max(200).nullable().default(null),
  compensatingControl: z.string().max(200).nullable().default(null),
  reviewBy: instant.nullable().default(null),
  reviewedAt: instant.nullable().default(null),
  expiresAt: instant.nullable().default(null),
});

export const improvementRecord = z.object({
  kind: z.literal("improvement"),
  id,
  ...optionalSource,
  title: z
    .string()
    .max(TITLE_MAX * 2)
    .nullable()
    .default(null),
  owner: nullableText,
  status: nullableText,
  decisionAt: instant.nullable().default(null),
  updatedAt: instant,
});

export const evidenceRecord = z.object({
  kind: z.literal("evidence"),
  id: id.optional(),
  ...optionalSource,
  kpi: z.string().regex(/^[STO]\d+(\.\d+)?$/, { message: "kpi must be a KPI id such as T1.1" }),
  at: instant,
  what: z.string().min(1).max(200),
  link: z.string().max(500).nullable().default(null),
});

export const canonicalRecord = z.union([
  ticketRecord,
  deviceRecord,
  patchRecord,
  vulnerabilityRecord,
  outageRecord,
  backupRunRecord,
  restoreTestRecord,
  eolItemRecord,
  securityExceptionRecord,
  improvementRecord,
  evidenceRecord,
]);

export const RECORD_KINDS = [
  "ticket",
  "device",
  "patch",
  "vulnerability",
  "outage",
  "backup-run",
  "restore-test",
  "eol-item",
  "security-exception",
  "improvement",
  "evidence",
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One schema per kind, so a record is checked against its own kind and errors name its fields. */
export const schemaByKind = {
  ticket: ticketRecord,
  device: deviceRecord,
  patch: patchRecord,
  vulnerability: vulnerabilityRecord,
  outage: outageRecord,
  "backup-run": backupRunRecord,
  "restore-test": restoreTestRecord,
  "eol-item": eolItemRecord,
  "security-exception": securityExceptionRecord,
  improvement: improvementRecord,
  evidence: evidenceRecord,
} as const satisfies Record<RecordKind, z.ZodType>;

export type Device = z.output<typeof deviceRecord>;
export type Patch = z.output<typeof patchRecord>;
export type Vulnerability = z.output<typeof vulnerabilityRecord>;
export type Outage = z.output<typeof outageRecord>;
export type BackupRun = z.output<typeof backupRunRecord>;
export type RestoreTest = z.output<typeof restoreTestRecord>;
export type EolItem = z.output<typeof eolItemRecord>;
export type SecurityException = z.output<typeof securityExceptionRecord>;
export type Improvement = z.output<typeof improvementRecord>;
export type Evidence = z.output<typeof evidenceRecord>;
export type CanonicalRecord = z.output<typeof canonicalRecord>;
/** What a connector or a file line provides, before parsing (ISO text timestamps). */
export type CanonicalRecordInput = z.input<typeof canonicalRecord>;
