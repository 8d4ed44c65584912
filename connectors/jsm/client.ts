/**
 * Jira / JSM REST calls, HTTP only: no mapping, no state. Every call goes through the shared
 * pipeline (src/http: per-host concurrency, timeouts, retries honouring Retry-After); a 401/403
 * becomes one line naming the connector and the permission (errors.ts). Cloud speaks
 * `/rest/api/3` with e-mail + API token (Basic), Data Center `/rest/api/2` with a personal access
 * token (Bearer); both share `/rest/servicedeskapi` (shared/apis/jsm.md §1, §2.7).
 */
import type { z } from "zod";
import {
  AuthHttpError,
  BadRequestHttpError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from "../../src/http/index.js";
import { type Deployment, JsmAuthError, type JsmOperation } from "./errors.js";
import {
  bulkChangelogPageSchema,
  type ChangeHistory,
  editMetaSchema,
  type FieldEntry,
  feedbackSchema,
  fieldListSchema,
  type IssueComment,
  issueChangelogPageSchema,
  issueCommentPageSchema,
  type JsmIssue,
  myselfSchema,
  offsetSearchPageSchema,
  type RequestComment,
  requestCommentSchema,
  type SlaRecord,
  sdPageSchema,
  slaRecordSchema,
  tokenSearchPageSchema,
  userBulkPageSchema,
} from "./schema.js";

export interface JsmClientOptions {
  /** the site root without a trailing slash (the config schema normalises it) */
  baseUrl: string;
  deployment: Deployment;
  /** Cloud only */
  email?: string;
  token: string;
  /** the connector instance name, for error messages */
  connector: string;
  http: HttpClient;
}

export type Myself = z.output<typeof myselfSchema>;
type BulkChangelogPage = z.output<typeof bulkChangelogPageSchema>;

export interface SearchPage {
  issues: JsmIssue[];
  /** Cloud: the next page's token, null on the last page */
  nextPageToken: string | null;
  /** Data Center: offset paging */
  startAt: number;
  total: number | null;
}

export type FeedbackOutcome =
  | { kind: "rating"; rating: number }
  | { kind: "none" }
  /** the site does not serve the (experimental) feedback endpoint, or refuses it */
  | { kind: "unavailable"; status: number | null };

export interface JsmClient {
  myself(signal?: AbortSignal): Promise<Myself>;
  fields(signal?: AbortSignal): Promise<FieldEntry[]>;
  /** Cloud `GET /rest/api/3/search/jql` (§2.1): one page, by token */
  searchByToken(
    query: { jql: string; fields: readonly string[]; maxResults: number; nextPageToken: string | null },
    signal?: AbortSignal,
  ): Promise<SearchPage>;
  /** Data Center `GET /rest/api/2/search` (§2.7): one page by offset, with the changelog embedded */
  searchByOffset(
    query: { jql: string; fields: readonly string[]; maxResults: number; startAt: number },
    signal?: AbortSignal,
  ): Promise<SearchPage>;
  /** Cloud `POST /rest/api/3/changelog/bulkfetch` (§4.2), every page: issue id → histories */
  bulkChangelogs(
    issueIds: readonly string[],
    fieldIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, ChangeHistory[]>>;
  /** Cloud `GET /rest/api/3/issue/{key}/changelog` (§4.1), every page */
  issueChangelog(issueIdOrKey: string, signal?: AbortSignal): Promise<ChangeHistory[]>;
  /** `GET /rest/servicedeskapi/request/{key}/comment`, public and internal; null: not a request */
  requestComments(key: string, signal?: AbortSignal): Promise<RequestComment[] | null>;
  /** the platform's comments, for issues the service-desk API does not know as requests */
  issueComments(key: string, signal?: AbortSignal): Promise<IssueComment[]>;
  /** `GET /rest/servicedeskapi/request/{key}/sla` (§3.1); null: not a request */
  requestSla(key: string, signal?: AbortSignal): Promise<SlaRecord[] | null>;
  /** `GET /rest/servicedeskapi/request/{key}/feedback` (experimental, §6) */
  requestFeedback(key: string, signal?: AbortSignal): Promise<FeedbackOutcome>;
  /** Cloud `GET /rest/api/3/user/bulk`: accountId → accountType */
  accountTypes(accountIds: readonly string[], signal?: AbortSignal): Promise<Map<string, string>>;
  /** the field ids the account may edit on this issue now (`editmeta`) */
  editableFields(key: string, signal?: AbortSignal): Promise<Set<string>>;
  /** `PUT /issue/{key}` (§7.1), with `notifyUsers=false` when asked */
  editIssue(key: string, body: unknown, quiet: boolean, signal?: AbortSignal): Promise<void>;
}

const SD_PAGE = 100;
const CHANGELOG_PAGE = 100;
const USERS_PER_CALL = 90;

export function createJsmClient(options: JsmClientOptions): JsmClient {
  const { baseUrl, http, connector, deployment } = options;
  const api = `${baseUrl}/rest/api/${deployment === "cloud" ? 3 : 2}`;
  const sd = `${baseUrl}/rest/servicedeskapi`;
  const headers = {
    Authorization:
      deployment === "cloud"
        ? `Basic ${Buffer.from(`${options.email ?? ""}:${options.token}`, "utf8").toString("base64")}`
        : `Bearer ${options.token}`,
  };
  const path = (key: string) => encodeURIComponent(key);

  async function guarded<T>(operation: JsmOperation, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AuthHttpError && error.status !== null) {
        throw new JsmAuthError(connector, error.status, operation, deployment);
      }
      throw error;
    }
  }
  const get = <T>(request: HttpRequest<T>) =>
    http.request({ ...request, headers: { ...headers, ...request.headers } });
  const getOrNull = <T>(request: HttpRequest<T>) =>
    http.requestOrNull({ ...request, headers: { ...headers, ...request.headers } });

  /** Every page of a service-desk list (`start`/`limit`, `isLastPage`); null when the first is 404. */
  async function sdPages<T>(
    url: string,
    page: z.ZodType<{ isLastPage: boolean; values: T[] }>,
    signal?: AbortSignal,
  ): Promise<T[] | null> {
    const values: T[] = [];
    for (let start = 0; ; ) {
      const response = await getOrNull({ url, params: { start, limit: SD_PAGE }, schema: page, signal });
      if (response === null) return start === 0 ? null : values;
      const data = response.data ?? { isLastPage: true, values: [] };
      values.push(...data.values);
      if (data.isLastPage || data.values.length === 0) return values;
      start += data.values.length;
    }
  }

  return {
    myself: (signal) =>
      guarded(
        "myself",
        async () => (await get({ url: `${api}/myself`, schema: myselfSchema, signal })).data ?? {},
      ),

    fields: (signal) =>
      guarded(
        "fields",
        async () => (await get({ url: `${api}/field`, schema: fieldListSchema, signal })).data ?? [],
      ),

    searchByToken: (query, signal) =>
      guarded("search", async () => {
        const response = await get({
          url: `${api}/search/jql`,
          params: {
            jql: query.jql,
            fields: query.fields.join(","),
            maxResults: query.maxResults,
            nextPageToken: query.nextPageToken ?? undefined,
          },
          schema: tokenSearchPageSchema,
          signal,
        });
        const data = response.data ?? { issues: [], isLast: true, nextPageToken: null };
        // The token is absent (or null) on the last page; `isLast` says so too (§2.2).
        const next = data.isLast === true ? null : data.nextPageToken || null;
        return { issues: data.issues, nextPageToken: next, startAt: 0, total: null };
      }),

    searchByOffset: (query, signal) =>
      guarded("search", async () => {
        const response = await get({
          url: `${api}/search`,
          params: {
            jql: query.jql,
            fields: query.fields.join(","),
            startAt: query.startAt,
            maxResults: query.maxResults,
            expand: "changelog",
          },
          schema: offsetSearchPageSchema,
          signal,
        });
        const data = response.data ?? { startAt: query.startAt, total: 0, issues: [] };
        return { issues: data.issues, nextPageToken: null, startAt: data.startAt, total: data.total };
      }),

    bulkChangelogs: (issueIds, fieldIds, signal) =>
      guarded("changelog", async () => {
        const out = new Map<string, ChangeHistory[]>();
        let token: string | null = null;
        do {
          const response: HttpResponse<BulkChangelogPage> = await http.request({
            method: "POST",
            url: `${api}/changelog/bulkfetch`,
            headers,
            body: {
              issueIdsOrKeys: issueIds,
              fieldIds,
              maxResults: 1000,
              ...(token && { nextPageToken: token }),
            },
            schema: bulkChangelogPageSchema,
            signal,
          });
          const page: BulkChangelogPage = response.data ?? { issueChangeLogs: [], nextPageToken: null };
          for (const entry of page.issueChangeLogs) {
            out.set(entry.issueId, [...(out.get(entry.issueId) ?? []), ...entry.changeHistories]);
          }
          const next: string | null = page.nextPageToken || null;
          if (next !== null && next === token)
            throw new Error(`${api}/changelog/bulkfetch repeated its page token`);
          token = next;
        } while (token !== null);
        return out;
      }),

    issueChangelog: (issueIdOrKey, signal) =>
      guarded("changelog", async () => {
        const histories: ChangeHistory[] = [];
        for (let startAt = 0; ; ) {
          const response = await get({
            url: `${api}/issue/${path(issueIdOrKey)}/changelog`,
            params: { startAt, maxResults: CHANGELOG_PAGE },
            schema: issueChangelogPageSchema,
            signal,
          });
          const page = response.data ?? { startAt, values: [], isLast: true };
          histories.push(...page.values);
          startAt += page.values.length;
          const done = page.isLast === true || page.values.length === 0;
          if (done || (page.total !== undefined && startAt >= page.total)) return histories;
        }
      }),

    requestComments: (key, signal) =>
      guarded("comments", () =>
        sdPages(`${sd}/request/${path(key)}/comment`, sdPageSchema(requestCommentSchema), signal),
      ),

    issueComments: (key, signal) =>
      guarded("comments", async () => {
        const comments: IssueComment[] = [];
        for (let startAt = 0; ; ) {
          const response = await get({
            url: `${api}/issue/${path(key)}/comment`,
            params: { startAt, maxResults: SD_PAGE, orderBy: "created" },
            schema: issueCommentPageSchema,
            signal,
          });
          const page = response.data ?? { startAt, comments: [] };
          comments.push(...page.comments);
          startAt += page.comments.length;
          if (page.comments.length === 0 || page.total === undefined || startAt >= page.total)
            return comments;
        }
      }),

    requestSla: (key, signal) =>
      guarded("sla", () => sdPages(`${sd}/request/${path(key)}/sla`, sdPageSchema(slaRecordSchema), signal)),

    requestFeedback: async (key, signal) => {
      try {
        const response = await getOrNull({
          url: `${sd}/request/${path(key)}/feedback`,
          // The feedback resource is experimental (§6): without this header it is refused.
          headers: { "X-ExperimentalApi": "opt-in" },
          schema: feedbackSchema,
          signal,
        });
        const rating = response?.data?.rating;
        return typeof rating === "number" ? { kind: "rating", rating } : { kind: "none" };
      } catch (error) {
        if (error instanceof AuthHttpError && error.status === 401) {
          throw new JsmAuthError(connector, 401, "feedback", deployment);
        }
        if (error instanceof BadRequestHttpError || error instanceof AuthHttpError) {
          return { kind: "unavailable", status: error.status };
        }
        throw error;
      }
    },

    accountTypes: (accountIds, signal) =>
      guarded("users", async () => {
        const types = new Map<string, string>();
        for (let i = 0; i < accountIds.length; i += USERS_PER_CALL) {
          const chunk = accountIds.slice(i, i + USERS_PER_CALL);
          // `accountId` repeats once per id (§10.3 of the platform reference), so it is in the URL.
          const ids = new URLSearchParams(chunk.map((id): [string, string] => ["accountId", id])).toString();
          for (let startAt = 0; ; ) {
            const response = await get({
              url: `${api}/user/bulk?${ids}`,
              params: { startAt, maxResults: USERS_PER_CALL },
              schema: userBulkPageSchema,
              signal,
            });
            const page = response.data ?? { values: [], isLast: true };
            for (const user of page.values) if (user.accountType) types.set(user.accountId, user.accountType);
            startAt += page.values.length;
            if (page.isLast !== false || page.values.length === 0) break;
          }
        }
        return types;
      }),

    editableFields: (key, signal) =>
      guarded("write", async () => {
        const response = await get({
          url: `${api}/issue/${path(key)}/editmeta`,
          schema: editMetaSchema,
          signal,
        });
        return new Set(Object.keys(response.data?.fields ?? {}));
      }),

    editIssue: (key, body, quiet, signal) =>
      guarded("write", async () => {
        await http.request({
          method: "PUT",
          url: `${api}/issue/${path(key)}`,
          params: quiet ? { notifyUsers: false } : undefined,
          headers,
          body,
          signal,
        });
      }),
  };
}
