/**
 * Settings shared by the ticket connectors (TOPdesk, JSM); see interfaces.md "Connector settings
 * every user needs".
 */
import { z } from "zod";
import { PAUSE_REASONS, PRIORITIES, TICKET_TYPES } from "../../model/schema.js";
import { names, section, wholeNumber, yesNo } from "./values.js";

/** Connector names become record sources and metric labels, so they stay short and plain. */
export const connectorName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, {
  message: "must be 1–63 letters, digits, '-' or '_', starting with a letter or digit",
});

/** Operator ids, names or login names (Jira: account ids) whose entries never count as a response. */
export const automationAccounts = names.default([]);

const DEFAULT_PRIORITIES = { P1: "P1", P2: "P2", P3: "P3", P4: "P4" } as const;

/**
 * The source's priority names → P1…P4. A configured map replaces the default (which knows only
 * the names P1…P4); a priority the map does not know is reported by the connector, never guessed.
 */
export const priorities = section(
  z
    .record(z.string().min(1), z.enum(PRIORITIES))
    .refine((map) => Object.keys(map).length > 0, { message: "must map at least one priority" })
    .default({ ...DEFAULT_PRIORITIES }),
);

/** Status names in which the ticket waits, with the reason (which clocks pause is a contract rule). */
export const pauseStatuses = section(z.record(z.string().min(1), z.enum(PAUSE_REASONS)).default({}));

export const ticketType = z.enum(TICKET_TYPES);
export const typeMap = section(z.record(z.string().min(1), ticketType).default({}));

/** How far back the first sync reads: 13 months covers a year report plus the running month. */
export const backfillMonths = wholeNumber({ min: 0, max: 120 }).default(13);

export const WRITEBACK_FIELDS = [
  "slaStatus",
  "responseDue",
  "resolutionDue",
  "remainingMinutes",
  "nextUpdateDue",
] as const;
export type WritebackField = (typeof WRITEBACK_FIELDS)[number];

/**
 * `writeback`: which source field receives which live timer value. `fieldId` validates one
 * source's field reference for one value (e.g. a TOPdesk date slot for a deadline).
 */
export function writeback(fieldId: (field: WritebackField) => z.ZodType<string>) {
  const shape = Object.fromEntries(WRITEBACK_FIELDS.map((field) => [field, fieldId(field).optional()])) as {
    [K in WritebackField]: z.ZodOptional<z.ZodType<string>>;
  };
  return section(
    z
      .strictObject({
        enabled: yesNo.default(true),
        fields: section(z.strictObject(shape).prefault({})),
      })
      .prefault({})
      .superRefine((settings, ctx) => {
        // Two timer values in one field would overwrite each other on every cycle.
        const seen = new Map<string, WritebackField>();
        for (const field of WRITEBACK_FIELDS) {
          const target = settings.fields[field];
          if (target === undefined) continue;
          const first = seen.get(target);
          if (first !== undefined) {
            ctx.addIssue({
              code: "custom",
              path: ["fields", field],
              message: `same field as fields.${first}`,
            });
          } else {
            seen.set(target, field);
          }
        }
      }),
  );
}
