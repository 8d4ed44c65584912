/**
 * `contract`: which KPI catalog and supplier norms apply, the service window and holidays (the
 * calendar's own schemas, engine/calendar/options.ts), and `rules`: one setting for each
 * decision the KPI catalog takes where the appendix is ambiguous
 * (shared/contract/kpi-catalog.md, "Decisions…" and M1–M20), with the catalog's defaults.
 */
import { z } from "zod";
import { holidaysSchema, serviceWindowSchema } from "../../engine/calendar/options.js";
import { PAUSE_REASONS } from "../../model/schema.js";
import { signalsSchema } from "./signals.js";
import { names, section, settingsGroup, text, wholeNumber } from "./values.js";

export const BUILTIN_CATALOGS = ["sib"] as const;

/** `builtin:sib`, or a path to a catalog YAML (resolved against the config file's folder). */
const catalogRef = text.refine(
  (value) => !value.startsWith("builtin:") || BUILTIN_CATALOGS.some((name) => value === `builtin:${name}`),
  {
    message: `unknown built-in catalog (built in: ${BUILTIN_CATALOGS.map((n) => `builtin:${n}`).join(", ")})`,
  },
);

const pauseReasons = z
  .array(z.enum(PAUSE_REASONS))
  .refine((items) => new Set(items).size === items.length, { message: "lists a reason twice" });

const minutes = wholeNumber({ min: 0 });
const positiveMinutes = wholeNumber({ min: 1 });
const csatScore = z.number().min(0, { message: "must be 0–10" }).max(10, { message: "must be 0–10" });
const positiveNumber = z.number().gt(0, { message: "must be greater than 0" });

export const contractRulesSchema = settingsGroup({
  /** M3: which pause reasons stop which clock; response clocks never pause. */
  pauseReasons: settingsGroup({
    resolution: pauseReasons.default(["customer"]),
    containment: pauseReasons.default(["third-party"]),
  }),
  /** Decision 6 / M8: O3.2 single ownership. */
  ownership: settingsGroup({
    mode: z.enum(["continuous", "strict"]).default("continuous"),
    graceMinutes: minutes.default(0),
  }),
  /** Decision 8 / M10: O3.3 maps a 1–5 rating onto 0–10. */
  csat: settingsGroup({
    fromFivePoint: settingsGroup({
      "1": csatScore.default(2),
      "2": csatScore.default(4),
      "3": csatScore.default(6),
      "4": csatScore.default(8),
      "5": csatScore.default(10),
    }),
  }),
  /** M13: O5.2 leaves out devices not synced for this many days; null keeps every device. */
  devices: settingsGroup({
    staleAfterDays: wholeNumber({ min: 1 }).nullable().default(null),
  }),
  /** Decision 5 / M17: O3.1 grace after an expected time passes. */
  proactiveFeedback: settingsGroup({ graceMinutes: minutes.default(0) }),
  /** Decision 4 / M7: O1.11 major-incident updates (clock minutes). */
  majorUpdates: settingsGroup({
    firstMinutes: positiveMinutes.default(30),
    intervalMinutes: positiveMinutes.default(60),
  }),
  /** Decision 11 / M12: O4.3 counts these service-health classifications for these services. */
  o43: settingsGroup({
    classifications: z
      .array(z.enum(["incident", "advisory"]))
      .min(1, { message: "must list at least one classification" })
      .default(["incident"]),
    /** Microsoft 365 service names (as Microsoft names them, e.g. "Exchange Online"); unset: all seen. */
    inScope: names.min(1, { message: "must list at least one service, or be left out" }).optional(),
  }),
  /** Decision 1: target share of norms written without a percentage (O1.6, T2.2, T2.5, T1.3). */
  targetShareWithoutPercentage: z
    .number()
    .gt(0, { message: "must be a share between 0 (exclusive) and 1, e.g. 0.95" })
    .max(1, { message: "must be a share between 0 (exclusive) and 1, e.g. 0.95" })
    .default(1),
  /** M18: T2.4 longest silence inside a party span, in service days. */
  coordination: settingsGroup({ maxGapServiceDays: positiveNumber.default(1) }),
  /** M11: T2.6 a ticket is old after this many full service days. */
  backlog: settingsGroup({ oldAfterServiceDays: positiveNumber.default(10) }),
  /** M19: O2.1 lead time per standard-change catalog item, in working days (a ticket's own wins). */
  standardChangeLeadTimes: section(z.record(z.string().min(1), positiveNumber).default({})),
  /** Beyond the letter: the "green on paper, red in reality" signals' windows and thresholds. */
  signals: signalsSchema,
});

export const contractSchema = settingsGroup({
  catalog: catalogRef.default("builtin:sib"),
  supplierNorms: text.optional(),
  serviceWindow: section(serviceWindowSchema.prefault({})),
  holidays: section(holidaysSchema.prefault({})),
  rules: contractRulesSchema,
  /** §3: the channels through which calls can be made (minimum: portal, e-mail, phone); checked by validate */
  channels: names.optional(),
});

export type ContractConfig = z.output<typeof contractSchema>;
export type ContractRules = z.output<typeof contractRulesSchema>;
