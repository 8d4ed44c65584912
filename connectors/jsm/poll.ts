/**
 * One incremental poll of JSM issues (shared/apis/jsm.md §2, §11): who we are and our JQL time
 * zone (`/myself`), the site's fields (`/field`), then the issues of the configured projects
 * updated since the watermark minus an overlap, oldest first, page by page. Each page is enriched
 * and mapped (enrich.ts) and yielded with the watermark after it; the sync stores the batch before
 * it persists that watermark, so a failed page is read again, never skipped.
 *
 * Cloud walks `/search/jql` by `nextPageToken`. Data Center pages `/search` by offset, but each
 * page asks again from the minute of the last row read (startAt counting only rows within that
 * minute): an issue updated while we page moves to the end of the ordering, and plain offsets would
 * then skip the row that slid into its place.
 */
import { DateTime } from "luxon";
import type { Logger } from "pino";
import type { JsmConnectorConfig } from "../../src/config/schema/jsm.js";
import { BadRequestHttpError } from "../../src/http/index.js";
import type { KeyValueState, PollContext, RecordBatch } from "../types.js";
import type { JsmClient, SearchPage } from "./client.js";
import { mapPage, type PollTally, type SiteKnowledge } from "./enrich.js";
import { JsmConfigError } from "./errors.js";
import { FIELD_ROLES, type ResolvedFields, resolveFields } from "./fields.js";
import { updatedSinceJql } from "./jql.js";
import type { MapperOptions, UnknownValue } from "./mapper.js";
import type { FieldEntry, JsmIssue } from "./schema.js";
import { userIds } from "./values.js";
import {
  advanceWatermark,
  alreadyStored,
  decodeWatermark,
  encodeWatermark,
  type Row,
  type SearchWatermark,
} from "./watermark.js";

export interface PollDeps {
  config: JsmConnectorConfig;
  client: JsmClient;
  /** the site's field list, fetched once per connector */
  siteFields: (signal?: AbortSignal) => Promise<FieldEntry[]>;
  site: SiteKnowledge;
  state: KeyValueState | undefined;
  /** the mapper settings that come from config, without what the site tells (fields, own account) */
  mapper: Omit<MapperOptions, "fields" | "self">;
  overlapMs: number;
  pageSize: number;
  now: () => number;
  log?: Logger;
}

const SYSTEM_FIELDS = [
  "summary",
  "issuetype",
  "priority",
  "status",
  "assignee",
  "reporter",
  "created",
  "updated",
  "resolution",
  "resolutiondate",
];

/** JQL literals of an unknown zone are read as UTC and the window widened by the largest offset. */
const UNKNOWN_ZONE_MS = 14 * 3_600_000;

export async function* pollIssues(deps: PollDeps, context: PollContext): AsyncIterable<RecordBatch> {
  const { client, config, log } = deps;
  const signal = context.signal;
  const me = await client.myself(signal);
  const fields = await siteFieldsFor(deps, signal);
  const zoneKnown = me.timeZone != null && DateTime.now().setZone(me.timeZone).isValid;
  if (!zoneKnown) {
    log?.warn(
      { connector: config.name, zone: me.timeZone ?? null },
      "JSM account time zone unknown; reading JQL times as UTC with a wider window",
    );
  }
  const zone = zoneKnown ? (me.timeZone as string) : "UTC";
  const overlapMs = deps.overlapMs + (zoneKnown ? 0 : UNKNOWN_ZONE_MS);
  const mapper: MapperOptions = { ...deps.mapper, fields, self: userIds(me) };
  const start: SearchWatermark =
    context.watermark === null
      ? { at: backfillStart(deps.now(), config.backfillMonths), seen: {} }
      : decodeWatermark(context.watermark, config.name);
  const since = context.watermark === null ? start.at : start.at - overlapMs;
  log?.info(
    { connector: config.name, deployment: config.deployment, since: new Date(since).toISOString(), zone },
    "polling JSM issues",
  );
  const tally: PollTally = { feedbackMissing: 0, feedbackRated: 0 };
  const enrich = {
    client,
    deployment: config.deployment,
    state: deps.state,
    mapper,
    site: deps.site,
    tally,
    now: deps.now,
    log,
    report: unknownReporter(config.name, log),
  };
  const searchFields = [
    ...SYSTEM_FIELDS,
    ...FIELD_ROLES.map((role) => fields[role]?.id).filter((id): id is string => id !== undefined),
  ];
  let watermark = start;
  const emit = async (issues: readonly JsmIssue[]): Promise<RecordBatch> => {
    const rows = issues.map(toRow);
    const fresh = issues.filter((_, i) => !alreadyStored(watermark, rows[i] as Row));
    const batch = fresh.length === 0 ? { records: [], rejections: [] } : await mapPage(fresh, enrich, signal);
    watermark = advanceWatermark(watermark, rows, overlapMs);
    return { ...batch, watermark: encodeWatermark(watermark) };
  };
  const pages =
    config.deployment === "cloud"
      ? tokenPages(client, config, zone, since, searchFields, deps.pageSize, signal)
      : anchoredPages(client, config, zone, since, searchFields, deps.pageSize, signal);
  for await (const issues of pages) yield await emit(issues);
  if (tally.feedbackMissing > 0 && tally.feedbackRated === 0 && deps.site.feedback !== "served") {
    log?.info(
      { connector: config.name, resolvedWithoutFeedback: tally.feedbackMissing },
      "JSM returned no CSAT feedback for any resolved request; if the site collects CSAT, set fields.satisfaction",
    );
  }
}

/** Cloud: one query, walked by `nextPageToken` until the last page. */
async function* tokenPages(
  client: JsmClient,
  config: JsmConnectorConfig,
  zone: string,
  since: number,
  fields: readonly string[],
  maxResults: number,
  signal: AbortSignal | undefined,
): AsyncIterable<JsmIssue[]> {
  const jql = updatedSinceJql(config.projects, since, zone);
  let token: string | null = null;
  for (let first = true; first || token !== null; first = false) {
    const page: SearchPage = await searchOrExplain(config, () =>
      client.searchByToken({ jql, fields, maxResults, nextPageToken: token }, signal),
    );
    if (page.issues.length > 0) yield page.issues;
    if (page.nextPageToken !== null && page.nextPageToken === token) {
      throw new JsmConfigError(config.name, "search paging made no progress (the same page token came back)");
    }
    token = page.nextPageToken;
  }
}

/** Data Center: offset pages, each asked again from the minute of the last row read. */
async function* anchoredPages(
  client: JsmClient,
  config: JsmConnectorConfig,
  zone: string,
  since: number,
  fields: readonly string[],
  maxResults: number,
  signal: AbortSignal | undefined,
): AsyncIterable<JsmIssue[]> {
  let anchor = since;
  let startAt = 0;
  for (;;) {
    const jql = updatedSinceJql(config.projects, anchor, zone);
    const page = await searchOrExplain(config, () =>
      client.searchByOffset({ jql, fields, maxResults, startAt }, signal),
    );
    if (page.issues.length === 0) return;
    yield page.issues;
    if (page.total === null || page.startAt + page.issues.length >= page.total) return;
    const lastMinute = Math.floor(Math.max(...page.issues.map((i) => i.fields.updated)) / 60_000) * 60_000;
    if (lastMinute > anchor) {
      anchor = lastMinute;
      startAt = 0;
    } else {
      startAt += page.issues.length;
    }
  }
}

/** A 400 on search is nearly always the config: a project key the account cannot see. */
async function searchOrExplain(
  config: JsmConnectorConfig,
  call: () => Promise<SearchPage>,
): Promise<SearchPage> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof BadRequestHttpError) || error.status !== 400) throw error;
    const detail = error.detail;
    throw new JsmConfigError(
      config.name,
      `Jira refused the search (400 Bad Request${detail ? `: ${detail}` : ""}): check that the projects ` +
        `${config.projects.join(", ")} exist and that the account has Browse projects on them`,
    );
  }
}

async function siteFieldsFor(deps: PollDeps, signal: AbortSignal | undefined): Promise<ResolvedFields> {
  const { config, log } = deps;
  const resolution = resolveFields(await deps.siteFields(signal), config.fields);
  if (resolution.missing.length > 0) {
    const list = resolution.missing.map((m) => `fields.${m.role} (${m.id})`).join(", ");
    throw new JsmConfigError(config.name, `${list}: no such field on this site (GET /field); check the id`);
  }
  const once = (note: string) => {
    if (deps.site.said.has(note)) return false;
    deps.site.said.add(note);
    return true;
  };
  for (const { role, ids } of resolution.ambiguous) {
    if (once(`ambiguous:${role}`)) {
      log?.warn(
        { connector: config.name, role, ids },
        "several JSM fields of this kind; set fields.<role> to choose one",
      );
    }
  }
  for (const role of ["requestType", "major"] as const) {
    if (resolution.fields[role] === null && once(`missing:${role}`)) {
      log?.info(
        { connector: config.name, role },
        "JSM field not found on this site; its values are not read",
      );
    }
  }
  return resolution.fields;
}

type Reporter = (unknown: UnknownValue, item: string) => void;

/** Each unmapped value is logged once per poll, with the first issue that had it. */
function unknownReporter(connector: string, log: Logger | undefined): Reporter {
  const seen = new Set<string>();
  return (unknown, item) => {
    const key = `${unknown.field}\u0000${unknown.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    log?.warn(
      { connector, field: unknown.field, value: unknown.value, example: item },
      "JSM value not mapped",
    );
  };
}

function toRow(issue: JsmIssue): Row {
  return { id: issue.id, updated: issue.fields.updated };
}

/** `months` calendar months before `now`, in UTC. */
export function backfillStart(now: number, months: number): number {
  return DateTime.fromMillis(now, { zone: "utc" }).minus({ months }).toMillis();
}
