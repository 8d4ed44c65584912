/**
 * One page of issues from search → canonical tickets: their changelogs (bulk on Cloud, per issue
 * as fallback, embedded on Data Center), comments, CSAT and JSM's own SLA (stored as a snapshot
 * for the cross-check), fetched a few issues at a time; then mapped. A fetch that fails fails the
 * page: the sync then keeps the watermark before it, so nothing is skipped.
 */
import type { Logger } from "pino";
import {
  BadRequestHttpError,
  formatIssuePath,
  NotFoundHttpError,
  TransientHttpError,
} from "../../src/http/index.js";
import { mapLimit } from "../../src/http/map-limit.js";
import { ticketRecord } from "../../src/model/schema.js";
import type { ItemRejection, KeyValueState, RecordBatch } from "../types.js";
import type { JsmClient } from "./client.js";
import { type CommentEntry, fromIssueComment, fromRequestComment } from "./comments.js";
import { type Deployment, JsmAuthError } from "./errors.js";
import { type MapperOptions, mapIssue, type UnknownValue } from "./mapper.js";
import type { ChangeHistory, JsmIssue } from "./schema.js";
import { jsmSlaStateKey, slaSnapshot } from "./sla.js";

/** What a connector instance learns about its site once and keeps for its lifetime. */
export interface SiteKnowledge {
  /** false once the site refused `changelog/bulkfetch`: per-issue paging from then on */
  bulkChangelog: boolean;
  /** false once the account may not look up users (403): comment authors are then typed by reporter only */
  userLookup: boolean;
  /** whether the experimental feedback endpoint answers */
  feedback: "unknown" | "served" | "unavailable";
  accountTypes: Map<string, string>;
  /** notes about the site already logged, so that each is said once per connector, not per poll */
  said: Set<string>;
}

export function newSiteKnowledge(): SiteKnowledge {
  return {
    bulkChangelog: true,
    userLookup: true,
    feedback: "unknown",
    accountTypes: new Map(),
    said: new Set(),
  };
}

/** Per poll: what to say once at its end. */
export interface PollTally {
  /** resolved requests whose feedback answered 404, and those that had a rating */
  feedbackMissing: number;
  feedbackRated: number;
}

export interface EnrichDeps {
  client: JsmClient;
  deployment: Deployment;
  /** where JSM SLA snapshots go; without it they are not read */
  state: KeyValueState | undefined;
  mapper: MapperOptions;
  site: SiteKnowledge;
  tally: PollTally;
  now: () => number;
  log?: Logger;
  report: (unknown: UnknownValue, item: string) => void;
}

const CONCURRENCY = 4;

export async function mapPage(
  issues: readonly JsmIssue[],
  deps: EnrichDeps,
  signal: AbortSignal | undefined,
): Promise<Omit<RecordBatch, "watermark">> {
  const histories = await changelogs(issues, deps, signal);
  const details = await mapLimit(issues, CONCURRENCY, async (issue) => {
    const entries = await comments(issue, deps, signal);
    const feedbackRating = await feedback(issue, deps, signal);
    await storeSla(issue, deps, signal);
    return { comments: entries, feedbackRating };
  });
  const accountTypes = await lookUpAuthors(
    details.flatMap((d) => d.comments),
    deps,
    signal,
  );
  const batch: Omit<RecordBatch, "watermark"> = { records: [], rejections: [] };
  for (const [index, issue] of issues.entries()) {
    const detail = details[index] as (typeof details)[number];
    const result = mapIssue(
      {
        issue,
        histories: histories.get(issue.id) ?? [],
        comments: detail.comments,
        accountTypes,
        feedbackRating: detail.feedbackRating,
      },
      deps.mapper,
    );
    const item = `issue ${issue.key}`;
    for (const unknown of result.unknowns) deps.report(unknown, item);
    if (result.kind === "rejected") {
      batch.rejections.push({ item, reason: result.reason });
      continue;
    }
    const parsed = ticketRecord.safeParse(result.ticket);
    if (parsed.success) batch.records.push(parsed.data);
    else batch.rejections.push(describeInvalid(item, parsed.error.issues));
  }
  return batch;
}

/** Changelog field ids worth asking for (bulkfetch takes at most 10, §4.2). */
function changelogFieldIds(mapper: MapperOptions): string[] {
  const custom = [mapper.fields.team?.id, mapper.fields.major?.id].filter((id): id is string => id != null);
  return ["assignee", "status", "priority", "resolution", ...custom];
}

async function changelogs(
  issues: readonly JsmIssue[],
  deps: EnrichDeps,
  signal: AbortSignal | undefined,
): Promise<Map<string, ChangeHistory[]>> {
  const out = new Map<string, ChangeHistory[]>();
  if (deps.deployment === "datacenter") {
    for (const issue of issues) {
      const log = issue.changelog;
      if (log?.total !== undefined && log.histories.length < log.total) {
        deps.log?.warn(
          {
            connector: deps.mapper.source,
            issue: issue.key,
            histories: log.histories.length,
            total: log.total,
          },
          "JSM changelog cut short: history before the oldest entry is read from the issue's current values",
        );
      }
      out.set(issue.id, log?.histories ?? []);
    }
    return out;
  }
  if (deps.site.bulkChangelog) {
    try {
      const ids = issues.map((i) => i.id);
      return await deps.client.bulkChangelogs(ids, changelogFieldIds(deps.mapper), signal);
    } catch (error) {
      if (!bulkRefused(error) && !bulkFailedOnce(error)) throw error;
      if (bulkRefused(error)) deps.site.bulkChangelog = false;
      deps.log?.warn(
        { connector: deps.mapper.source, error: (error as Error).message },
        "JSM bulk changelog failed; reading changelogs per issue",
      );
    }
  }
  const each = await mapLimit(issues, CONCURRENCY, (issue) => deps.client.issueChangelog(issue.id, signal));
  for (const [index, issue] of issues.entries()) out.set(issue.id, each[index] ?? []);
  return out;
}

/** The site does not offer bulkfetch (older Cloud, a proxy): 404, 405, 410. */
function bulkRefused(error: unknown): boolean {
  return (
    error instanceof NotFoundHttpError ||
    (error instanceof BadRequestHttpError && (error.status === 405 || error.status === 410))
  );
}

/**
 * The shared pipeline does not repeat a POST after a timeout or a 5xx other than 503 (it cannot
 * know a POST is a read), and reports such a 5xx as a bad request; the same history is then read
 * per issue with GETs, which it does repeat.
 */
function bulkFailedOnce(error: unknown): boolean {
  const status =
    error instanceof TransientHttpError || error instanceof BadRequestHttpError ? error.status : 0;
  return (error instanceof TransientHttpError && status === null) || (status !== null && status >= 500);
}

async function comments(issue: JsmIssue, deps: EnrichDeps, signal: AbortSignal | undefined) {
  const requestComments = await deps.client.requestComments(issue.key, signal);
  if (requestComments !== null) return requestComments.map(fromRequestComment);
  // Not a customer request (e.g. created by an agent outside the portal): the platform's comments.
  return (await deps.client.issueComments(issue.key, signal)).map(fromIssueComment);
}

/** The rating from the feedback endpoint, for resolved requests, when no Satisfaction field is read. */
async function feedback(issue: JsmIssue, deps: EnrichDeps, signal: AbortSignal | undefined) {
  const wanted =
    deps.mapper.fields.satisfaction === null &&
    deps.deployment === "cloud" &&
    deps.site.feedback !== "unavailable" &&
    issue.fields.resolution != null;
  if (!wanted) return null;
  const outcome = await deps.client.requestFeedback(issue.key, signal);
  if (outcome.kind === "unavailable") {
    if (deps.site.feedback !== "unavailable") {
      deps.log?.warn(
        { connector: deps.mapper.source, status: outcome.status },
        "JSM does not serve request feedback (CSAT) to this account; tickets carry no CSAT unless fields.satisfaction names the Satisfaction field",
      );
    }
    deps.site.feedback = "unavailable";
    return null;
  }
  if (outcome.kind === "none") {
    deps.tally.feedbackMissing++;
    return null;
  }
  deps.site.feedback = "served";
  deps.tally.feedbackRated++;
  return outcome.rating;
}

/** JSM's own SLA of the request, kept as a snapshot for the cross-check (sla.ts). */
async function storeSla(issue: JsmIssue, deps: EnrichDeps, signal: AbortSignal | undefined): Promise<void> {
  if (deps.state === undefined) return;
  const records = await deps.client.requestSla(issue.key, signal);
  if (records === null) return;
  const snapshot = slaSnapshot(issue.key, records, deps.now());
  await deps.state.setMeta(jsmSlaStateKey(deps.mapper.source, issue.key), JSON.stringify(snapshot));
}

/**
 * The account types of comment authors the comments do not type (the service-desk API never
 * does), looked up in bulk once per author and kept for the connector's lifetime. Cloud only:
 * Data Center has no account types.
 */
async function lookUpAuthors(
  entries: readonly CommentEntry[],
  deps: EnrichDeps,
  signal: AbortSignal | undefined,
): Promise<ReadonlyMap<string, string>> {
  const known = deps.site.accountTypes;
  if (deps.deployment !== "cloud" || !deps.site.userLookup) return known;
  const wanted = new Set<string>();
  for (const { author } of entries) {
    const id = author?.accountId;
    if (id != null && author?.accountType == null && !known.has(id)) wanted.add(id);
  }
  if (wanted.size === 0) return known;
  try {
    for (const [id, type] of await deps.client.accountTypes([...wanted], signal)) known.set(id, type);
  } catch (error) {
    if (!(error instanceof JsmAuthError && error.status === 403)) throw error;
    deps.site.userLookup = false;
    deps.log?.warn(
      { connector: deps.mapper.source },
      "JSM account types unreadable (Browse users and groups missing): comments by customers who are neither reporter nor participant may count as agent responses",
    );
  }
  return known;
}

function describeInvalid(
  item: string,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): ItemRejection {
  const [first] = issues;
  return {
    item,
    reason: first === undefined ? "invalid ticket" : `${formatIssuePath(first.path)}: ${first.message}`,
  };
}
