/**
 * A Jira Service Management connector (shared/apis/jsm.md). Cloud: Basic auth with the account's
 * e-mail and an API token against the site root (§1.1). Data Center: a personal access token sent
 * as Bearer (§1.3). Custom-field ids differ per site; the connector finds them by type at start-up
 * (§11), and `fields` overrides that where a site has several candidates.
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
  writeback,
} from "./connector-common.js";
import { apiBaseUrl } from "./urls.js";
import { evenWithOtherProblems, names, secret, section, text } from "./values.js";

const customField = z
  .string()
  .regex(/^customfield_\d+$/, { message: "expected a Jira custom field id, e.g. customfield_10101" });
const projectKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,254}$/, { message: "expected a Jira project key, e.g. ITS" });

// Default names of the ITSM work types (jsm.md §9.2); sites that renamed them map their own.
const ITSM_ISSUE_TYPES = {
  "[System] Incident": "incident",
  "[System] Service request": "service-request",
  "[System] Service request with approvals": "service-request",
  "[System] Change": "change",
} as const;

export const jsmConnectorSchema = z
  .strictObject({
    type: z.literal("jsm"),
    name: connectorName,
    deployment: z.enum(["cloud", "datacenter"]).default("cloud"),
    /** the site root, e.g. https://example.atlassian.net (Data Center: with its context path) */
    baseUrl: apiBaseUrl(),
    /** Cloud only: the Atlassian account's e-mail, paired with `token` */
    email: text.optional(),
    /** Cloud: an API token; Data Center: a personal access token */
    token: secret,
    /** one project key, or `projects` for several */
    project: projectKey.optional(),
    projects: z.array(projectKey).min(1, { message: "must list at least one project" }).optional(),
    automationAccounts,
    priorities,
    /** status names in which the request waits, e.g. {"Waiting for customer": customer} */
    pauseStatuses,
    /**
     * status names that mean "administratively closed" (the ITSM workflow's "Closed"; a site with
     * a translated workflow lists its own, e.g. [Gesloten]); matched without regard to case
     */
    closedStatuses: names.min(1, { message: "must list at least one status" }).default(["Closed"]),
    /** canonical type by request type name first, then by issue type name or id, else `default` (null: skipped and reported) */
    ticketTypes: section(
      z
        .strictObject({
          requestTypes: typeMap,
          issueTypes: section(z.record(z.string().min(1), ticketType).default({ ...ITSM_ISSUE_TYPES })),
          default: ticketType.nullable().default(null),
        })
        .prefault({}),
    ),
    /** custom-field ids for values not found by type: major-incident flag, team, location… */
    fields: section(
      z
        .strictObject({
          major: customField.optional(),
          team: customField.optional(),
          requestType: customField.optional(),
          satisfaction: customField.optional(),
          location: customField.optional(),
        })
        .prefault({}),
    ),
    backfillMonths,
    writeback: writeback(() => customField),
  })
  .superRefine((jsm, ctx) => {
    if (jsm.deployment === "cloud" && jsm.email === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["email"],
        message: "required for deployment cloud (e-mail + API token)",
      });
    }
    if (jsm.deployment === "datacenter" && jsm.email !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["email"],
        message: "not used with deployment datacenter (the personal access token is sent on its own)",
      });
    }
    if ((jsm.project === undefined) === (jsm.projects === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: jsm.project === undefined ? [] : ["projects"],
        message: "set either project (one key) or projects (a list), not both or neither",
      });
    }
  }, evenWithOtherProblems)
  .transform(({ project, projects, ...rest }) => ({
    ...rest,
    projects: projects ?? (project ? [project] : []),
  }));

export type JsmConnectorConfig = z.output<typeof jsmConnectorSchema>;
