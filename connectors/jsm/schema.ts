/**
 * zod schemas for the Jira / JSM responses this connector reads, with only the fields it uses
 * (shared/apis/jsm.md §2–§6). Everything else in a payload is dropped on parse. Times come out as
 * epoch milliseconds: Jira writes `2025-03-03T08:14:22.117+0000` (offset without colon, §13 of
 * the platform reference), the service-desk API a date object with `epochMillis`.
 */
import { z } from "zod";
import { explainBadInstant, parseInstant } from "../../src/model/instant.js";

/** A platform timestamp with its offset, as epoch ms; a zone-less time is refused. */
export const jiraTime = z.string().transform((text, ctx) => {
  const ms = parseInstant(text);
  if (ms === null) {
    ctx.addIssue({ code: "custom", message: explainBadInstant(text) });
    return z.NEVER;
  }
  return ms;
});

/**
 * The bulk changelog's `created`: the spec's example is an epoch number (seconds), the schema
 * says date-time. Both are accepted; a number below 10^11 is read as seconds.
 */
const changelogTime = z.union([
  jiraTime,
  z
    .number()
    .positive()
    .transform((n) => (n < 1e11 ? n * 1000 : n)),
]);

/** Service-desk date object `{epochMillis, iso8601, jira, friendly}` (§3.2). */
export const sdDate = z
  .object({ epochMillis: z.number().optional(), iso8601: z.string().optional(), jira: z.string().optional() })
  .transform((date, ctx) => {
    const ms =
      date.epochMillis ?? parseInstant(date.jira ?? "") ?? (date.iso8601 ? parseInstant(date.iso8601) : null);
    if (ms === null || ms === undefined) {
      ctx.addIssue({ code: "custom", message: "date object has neither epochMillis nor a time with offset" });
      return z.NEVER;
    }
    return ms;
  });

const text = z.string().nullish();

/** A user as every API shows it: Cloud by accountId (+ accountType), Data Center by key/name. */
export const userSchema = z
  .object({
    accountId: text,
    accountType: text,
    key: text,
    name: text,
    displayName: text,
  })
  .nullish();
export type JiraUser = z.output<typeof userSchema>;

/** `GET /myself`: who we are (our own writes are automated) and the zone JQL literals are read in. */
export const myselfSchema = z.object({
  accountId: text,
  key: text,
  name: text,
  timeZone: text,
});

/** `GET /field` (a bare array): ids, names and types, to find site-specific custom fields. */
export const fieldListSchema = z.array(
  z.object({
    id: z.string().min(1),
    name: z.string().nullish(),
    schema: z.object({ type: text, custom: text, items: text }).nullish(),
  }),
);
export type FieldEntry = z.output<typeof fieldListSchema>[number];

const historyItem = z.object({
  field: text,
  fieldId: text,
  from: text,
  fromString: text,
  to: text,
  toString: text,
});
export const changeHistorySchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  author: userSchema,
  created: changelogTime,
  items: z.array(historyItem).default([]),
});
export type ChangeHistory = z.output<typeof changeHistorySchema>;
export type ChangeItem = ChangeHistory["items"][number];

/**
 * An issue from search: the system fields the mapper reads. Custom fields (their ids differ per
 * site) are kept as unknown values and read by `values.ts`. Data Center embeds the changelog.
 */
export const issueSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  fields: z
    .object({
      summary: text,
      issuetype: z.object({ id: text, name: text }).nullish(),
      priority: z.object({ name: text }).nullish(),
      status: z.object({ name: text }).nullish(),
      assignee: userSchema,
      reporter: userSchema,
      created: jiraTime,
      updated: jiraTime,
      resolution: z.object({ name: text }).nullish(),
      resolutiondate: jiraTime.nullish(),
    })
    .catchall(z.unknown()),
  changelog: z
    .object({ total: z.number().optional(), histories: z.array(changeHistorySchema).default([]) })
    .optional(),
});
export type JsmIssue = z.output<typeof issueSchema>;

/** `GET /rest/api/3/search/jql`: token paging, no total (§2.2). */
export const tokenSearchPageSchema = z.object({
  issues: z.array(issueSchema).default([]),
  isLast: z.boolean().optional(),
  nextPageToken: z.string().nullish(),
});

/** Data Center `GET /rest/api/2/search`: offset paging with a total (§2.7). */
export const offsetSearchPageSchema = z.object({
  startAt: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  issues: z.array(issueSchema).default([]),
});

/** `POST /rest/api/3/changelog/bulkfetch` (§4.2): token null or absent on the last page. */
export const bulkChangelogPageSchema = z.object({
  issueChangeLogs: z
    .array(z.object({ issueId: z.string(), changeHistories: z.array(changeHistorySchema).default([]) }))
    .default([]),
  nextPageToken: z.string().nullish(),
});

/** `GET /rest/api/3/issue/{key}/changelog` (§4.1): a page bean, oldest first. */
export const issueChangelogPageSchema = z.object({
  startAt: z.number().int().nonnegative().default(0),
  total: z.number().int().nonnegative().optional(),
  isLast: z.boolean().optional(),
  values: z.array(changeHistorySchema).default([]),
});

/** The service-desk page envelope `{start, limit, size, isLastPage, values}` (§3.2). */
export function sdPageSchema<T extends z.ZodType>(item: T) {
  return z.object({ isLastPage: z.boolean().default(true), values: z.array(item).default([]) });
}

/**
 * A request comment (§5.1). The service-desk user object has no `accountType` in Atlassian's
 * spec (jira.js `serviceDesk/models/user.ts`), so it is optional here and looked up when absent.
 */
export const requestCommentSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  public: z.boolean(),
  author: userSchema,
  created: sdDate,
});
export type RequestComment = z.output<typeof requestCommentSchema>;

/** A platform comment (§5.2), for issues the service-desk API does not know as requests. */
export const issueCommentPageSchema = z.object({
  startAt: z.number().int().nonnegative().default(0),
  total: z.number().int().nonnegative().optional(),
  comments: z
    .array(
      z.object({
        id: z.string(),
        author: userSchema,
        created: jiraTime,
        jsdPublic: z.boolean().optional(),
        visibility: z.object({ type: text, value: text }).nullish(),
      }),
    )
    .default([]),
});
export type IssueComment = z.output<typeof issueCommentPageSchema>["comments"][number];

const millis = z.object({ millis: z.number() }).nullish();
const slaCycle = {
  startTime: sdDate,
  breachTime: sdDate.nullish(),
  breached: z.boolean().default(false),
  goalDuration: millis,
  elapsedTime: millis,
  remainingTime: millis,
};
export const slaRecordSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  completedCycles: z.array(z.object({ ...slaCycle, stopTime: sdDate })).default([]),
  ongoingCycle: z
    .object({ ...slaCycle, paused: z.boolean().nullish(), withinCalendarHours: z.boolean().nullish() })
    .nullish(),
});
export type SlaRecord = z.output<typeof slaRecordSchema>;

/** `GET /rest/servicedeskapi/request/{key}/feedback` (experimental, §6). */
export const feedbackSchema = z.object({ type: text, rating: z.number().nullish() });

/** `GET /rest/api/3/user/bulk` (§10.3 of the platform reference). */
export const userBulkPageSchema = z.object({
  isLast: z.boolean().optional(),
  values: z.array(z.object({ accountId: z.string(), accountType: text })).default([]),
});

/** `GET /issue/{key}/editmeta`: the fields the account can edit on this issue now. */
export const editMetaSchema = z.object({ fields: z.record(z.string(), z.unknown()).default({}) });

/**
 * Jira's error bodies: platform `{"errorMessages": [...], "errors": {"field": "message"}}`,
 * service desk `{"errorMessage": "...", "i18nErrorMessage": {...}}`. The first message, with the
 * field it is about, e.g. `customfield_10101: Field 'customfield_10101' cannot be set. …`.
 */
export function describeJsmError(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const { errorMessages, errors, errorMessage } = body as {
    errorMessages?: unknown;
    errors?: unknown;
    errorMessage?: unknown;
  };
  const parts: string[] = [];
  if (Array.isArray(errorMessages)) parts.push(...errorMessages.filter((m) => typeof m === "string"));
  if (typeof errors === "object" && errors !== null) {
    for (const [field, message] of Object.entries(errors)) {
      if (typeof message === "string") parts.push(`${field}: ${message}`);
    }
  }
  if (typeof errorMessage === "string") parts.push(errorMessage);
  return parts.length === 0 ? null : parts.join("; ");
}
