/**
 * The catalog file (config/catalog/sib.yaml, or a user's own in the same shape), strict: an
 * unknown key is a problem, so a typo cannot silently drop a norm. Shape checks only; what
 * depends on several fields (norm fits the measure, changes apply) is in catalog-checks.ts and
 * versions.ts. See docs/catalog.md.
 */
import { IANAZone } from "luxon";
import { z } from "zod";
import type {
  AgendaType,
  Cadence,
  Goal,
  MeasureRule,
  MeasureSpec,
  MeetingLevel,
  NormStatus,
} from "../engine/kpi/types.js";
import { parseInstant } from "../model/instant.js";
import { PRIORITIES } from "../model/schema.js";
import { normSchema } from "./norm.js";

export const GOALS = ["S1", "S2", "T1", "T2", "T3", "O1", "O2", "O3", "O4", "O5"] as const satisfies Goal[];
export const NORM_STATUSES = [
  "client",
  "supplier",
  "minimum+supplier",
  "contract-requirement",
] as const satisfies NormStatus[];
export const MEETING_LEVELS = ["strategic", "tactical", "operational"] as const satisfies MeetingLevel[];
export const AGENDA_TYPES = ["always", "on-deviation"] as const satisfies AgendaType[];
export const CADENCES = ["monthly", "quarterly", "yearly", "per-incident"] as const satisfies Cadence[];
/** `by-priority`: contract §3, P1 on the clock and P2–P4 on business hours (O1.10). */
export const CLOCK_CHOICES = ["clock", "business", "by-priority"] as const;
export type ClockChoice = (typeof CLOCK_CHOICES)[number];

// Rules whose MeasureSpec has nothing but `rule`.
const BARE_RULES = [
  "p1-resolution",
  "containment",
  "major-updates",
  "proactive-feedback",
  "ownership",
  "csat",
  "first-time-fix",
  "workplace-issuance",
  "standard-change-lead-time",
  "standard-change-first-time-right",
  "change-success",
  "change-lead-time",
  "improvement-cycle",
  "coordination",
  "rca-timeliness",
  "backlog-age",
  "patch-compliance",
  "device-compliance",
  "security-exceptions",
  "critical-vulnerabilities",
  "eol-signalling",
  "docs-updated",
  "backups",
] as const satisfies MeasureRule[];

export const measureSchema = z.discriminatedUnion("rule", [
  z.strictObject({ rule: z.literal(["response", "resolution"]), priority: z.enum(PRIORITIES) }),
  z.strictObject({ rule: z.literal("availability"), service: z.enum(["servicedesk", "network", "m365"]) }),
  z.strictObject({ rule: z.literal("evidence"), window: z.enum(["each-quarter", "12-months"]) }),
  z.strictObject({ rule: z.literal(BARE_RULES) }),
]);

const text = z.string().trim().min(1, { message: "must not be empty" });
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A local date "YYYY-MM-DD" in the catalog's zone, or a timestamp with offset. */
export const dateOrInstant = z.string().refine((v) => LOCAL_DATE.test(v) || parseInstant(v) !== null, {
  message: 'expected a date "YYYY-MM-DD" (in the catalog\'s time zone) or a timestamp with offset',
});

export const kpiEntrySchema = z.strictObject({
  id: z.string().regex(/^\S+$/, { message: "must be one word, e.g. O1.2" }),
  goal: z.enum(GOALS),
  name: z.strictObject({ nl: text, en: text }),
  /** short, in the appendix's Dutch */
  definition: text,
  measure: measureSchema,
  /** the norm; absent for supplier KPIs (appendix 12b gives it) and for KPIs with parts */
  norm: normSchema.optional(),
  /** norms of named parts (O1.6 stabilisation/definitive, O1.10 P1/P2, T2.6 share/count, …) */
  parts: z.record(text, normSchema).optional(),
  /** the single norm holds for each location (O4.2) or service (O4.3) separately */
  normPer: z.enum(["location", "service"]).optional(),
  clock: z.enum(CLOCK_CHOICES).optional(),
  normStatus: z.enum(NORM_STATUSES),
  minimumRequirement: z.boolean(),
  cadence: z.array(z.enum(CADENCES)),
  meeting: z.enum(MEETING_LEVELS).nullable(),
  agenda: z.enum(AGENDA_TYPES).nullable(),
  /** O1.11: the contract's major-incident update cadence (clock minutes) that config may not loosen */
  updateCadence: z
    .strictObject({ firstMinutes: z.number().int().min(1), intervalMinutes: z.number().int().min(1) })
    .optional(),
});

const party = z.strictObject({ by: text, at: dateOrInstant });

/**
 * One recorded change (appendix 12a §2.2). Exactly one of: a norm change (`kpi`, `part` for a
 * KPI with parts, `old`, `new`), `add` (a whole KPI entry) or `remove` (a KPI id). Consent is
 * optional here only so that a missing one gets a message citing §2.2 rather than "required".
 */
export const changeSchema = z.strictObject({
  effectiveFrom: dateOrInstant,
  consent: z.strictObject({ client: party.optional(), supplier: party.optional() }).optional(),
  kpi: text.optional(),
  part: text.optional(),
  old: normSchema.optional(),
  new: normSchema.optional(),
  add: kpiEntrySchema.optional(),
  remove: text.optional(),
  justification: text.optional(),
});

export const catalogFileSchema = z.strictObject({
  /** id of the base composition, e.g. `sib-2026.1`; changes get `sib-<year>.<quarter>` */
  version: text,
  /** the quarter start from which the base composition is in force */
  validFrom: dateOrInstant,
  /** the contract's zone: quarter boundaries and dates are local to it */
  timezone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), {
      message: "not an IANA time zone (e.g. Europe/Amsterdam)",
    })
    .default("Europe/Amsterdam"),
  kpis: z.array(kpiEntrySchema).min(1, { message: "must list at least one KPI" }),
  changes: z.array(changeSchema).default([]),
});

export type KpiEntry = z.output<typeof kpiEntrySchema>;
export type ChangeEntry = z.output<typeof changeSchema>;
export type CatalogFile = z.output<typeof catalogFileSchema>;

// Compile-time guards: the file accepts exactly the measures the engine knows.
type Parsed = z.output<typeof measureSchema>;
export type MeasuresAgree = [Parsed] extends [MeasureSpec]
  ? [Exclude<MeasureRule, Parsed["rule"]>] extends [never]
    ? true
    : false
  : false;
const measuresAgree: MeasuresAgree = true;
void measuresAgree;
