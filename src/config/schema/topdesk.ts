/**
 * A TOPdesk connector (shared/apis/topdesk.md). Auth is HTTP Basic with an operator's login name
 * and an application password (§1.2); the REST root ends in `/tas/api` (§1.1).
 */
import { z } from "zod";
import {
  automationAccounts,
  backfillMonths,
  connectorName,
  pauseStatuses,
  priorities,
  ticketType,
  typeMap,
  type WritebackField,
  writeback,
} from "./connector-common.js";
import { apiBaseUrl } from "./urls.js";
import { secret, section, text, wholeNumber, yesNo } from "./values.js";

// Computed values go to text/number/date slots only: memo slots get stamped with author and
// time on write (topdesk.md §5.1), which would corrupt a machine-readable value.
const SLOT_KIND: Record<WritebackField, "text" | "date" | "number"> = {
  slaStatus: "text",
  responseDue: "date",
  resolutionDue: "date",
  remainingMinutes: "number",
  nextUpdateDue: "date",
};

function optionalFieldSlot(field: WritebackField) {
  const kind = SLOT_KIND[field];
  return z.string().regex(new RegExp(`^optionalFields[12]\\.${kind}[1-5]$`), {
    message: `expected a TOPdesk optional ${kind} field, e.g. optionalFields1.${kind}1`,
  });
}

export const topdeskConnectorSchema = z.strictObject({
  type: z.literal("topdesk"),
  name: connectorName,
  baseUrl: apiBaseUrl({
    check: (url) => url.pathname.replace(/\/+$/, "").endsWith("/tas/api"),
    message: "must end in /tas/api, e.g. https://example.topdesk.net/tas/api",
  }),
  /** the operator's login name (not the application password's label) */
  username: text,
  /** an application password (My settings → Application passwords) */
  password: secret,
  automationAccounts,
  priorities,
  /** processing-status names that put a call on hold, with the reason, e.g. {"Waiting for user": customer} */
  pauseStatuses,
  /**
   * Which canonical type a call gets: by category first, then by call type, else `default`
   * (null: calls of unmapped types are skipped and reported). Operator changes are `change`,
   * or `standard-change` when made from a template listed in `changeTemplates`.
   */
  ticketTypes: section(
    z
      .strictObject({
        categories: typeMap,
        callTypes: typeMap,
        changeTemplates: section(z.array(z.string().min(1)).default([])),
        default: ticketType.nullable().default("incident"),
      })
      .prefault({}),
  ),
  /** also read operator changes (needs change-management rights) */
  changes: yesNo.default(true),
  /** list page size; 1000 is the safe ceiling (topdesk.md §2.1) */
  pageSize: wholeNumber({ min: 1, max: 1000 }).default(500),
  /** the top of the feedbackRating scale (TOPdesk's default survey runs 1–5); mapped onto 0–10 for O3.3 */
  csatScale: wholeNumber({ min: 2, max: 10 }).default(5),
  /**
   * Use the OData reporting feed (IncidentSnapshots) for exact assignment/status history instead
   * of diffing polls (topdesk.md §4.4–4.5). Needs the separate reporting permission.
   */
  reportingFeed: yesNo.default(false),
  backfillMonths,
  writeback: writeback(optionalFieldSlot),
});

export type TopdeskConnectorConfig = z.output<typeof topdeskConnectorSchema>;
