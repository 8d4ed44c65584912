/**
 * The `jsm` connector (README.md): Jira Service Management requests polled incrementally by
 * `updated`, their history read from the changelog, comments and CSAT from the service-desk API,
 * JSM's own SLA kept as a snapshot for a cross-check, and the live SLA timers written back into
 * custom fields. Cloud and Data Center from one connector (`deployment`). client.ts does HTTP,
 * mapper.ts / history.ts / comments.ts map, poll.ts and enrich.ts orchestrate.
 */
import { type JsmConnectorConfig, jsmConnectorSchema } from "../../src/config/schema/jsm.js";
import { BadRequestHttpError } from "../../src/http/index.js";
import type { FieldValue, WritebackTarget } from "../../src/sinks/writeback/types.js";
import { connectorHttpClient } from "../http-setup.js";
import type { Connector, ConnectorDefinition, ConnectorDeps, PollContext, RecordBatch } from "../types.js";
import { createJsmClient, type JsmClient } from "./client.js";
import { newSiteKnowledge } from "./enrich.js";
import { JsmAuthError, JsmConfigError, JsmFieldNotEditableError } from "./errors.js";
import { fieldTypes } from "./fields.js";
import { pollIssues } from "./poll.js";
import { describeJsmError, type FieldEntry } from "./schema.js";
import { type JsmSlaSnapshot, readJsmSlaSnapshot } from "./sla.js";
import { editBody } from "./writer.js";

export interface JsmConnectorDeps extends ConnectorDeps {
  /** the clock for the backfill horizon and SLA snapshot times; default Date.now */
  now?: () => number;
  /** how far each poll reads back below the watermark; default 10 minutes */
  overlapMinutes?: number;
  /** issues asked for per search page; default 50 (Cloud may return fewer, §2.2) */
  pageSize?: number;
}

export interface JsmConnector extends Connector, WritebackTarget {
  readonly type: "jsm";
  /** JSM's own SLA of a request as last read, for the cross-check (`crossCheckJsmSla`); null when none */
  slaSnapshot(ticketId: string): Promise<JsmSlaSnapshot | null>;
}

/** JSM rates CSAT 1–5 (shared/apis/jsm.md §6); the contract maps that onto 0–10 (decision 8). */
export const JSM_CSAT_SCALE = 5;

export const DEFAULT_OVERLAP_MINUTES = 10;
export const DEFAULT_PAGE_SIZE = 50;

export function createJsmConnector(config: JsmConnectorConfig, deps: JsmConnectorDeps = {}): JsmConnector {
  const http = connectorHttpClient(deps, describeJsmError);
  const client = createJsmClient({
    baseUrl: config.baseUrl,
    deployment: config.deployment,
    email: config.email,
    token: config.token,
    connector: config.name,
    http,
  });
  const site = newSiteKnowledge();
  let fieldList: Promise<FieldEntry[]> | null = null;
  const siteFields = (signal?: AbortSignal) => {
    fieldList ??= client.fields(signal).catch((error: unknown) => {
      fieldList = null; // a failed read is tried again next time
      throw error;
    });
    return fieldList;
  };
  // notifyUsers=false needs project admin; without it Jira refuses the whole edit with a 403, so
  // the connector falls back to normal edits (which notify watchers) and keeps doing so.
  let quiet = true;

  return {
    name: config.name,
    type: "jsm",
    writebackEnabled: config.writeback.enabled,
    writebackFields: config.writeback.fields,

    async *poll(context: PollContext): AsyncIterable<RecordBatch> {
      if (deps.state === undefined) {
        deps.log?.info(
          { connector: config.name },
          "no state store passed in: JSM SLA snapshots are not read",
        );
      }
      yield* pollIssues(
        {
          config,
          client,
          siteFields,
          site,
          state: deps.state,
          mapper: {
            source: config.name,
            priorities: config.priorities,
            pauseStatuses: config.pauseStatuses,
            closedStatuses: config.closedStatuses,
            ticketTypes: config.ticketTypes,
            automationAccounts: config.automationAccounts,
            csatScale: JSM_CSAT_SCALE,
          },
          overlapMs: (deps.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES) * 60_000,
          pageSize: deps.pageSize ?? DEFAULT_PAGE_SIZE,
          now: deps.now ?? Date.now,
          log: deps.log,
        },
        context,
      );
    },

    async writeFields(ticketId: string, values: Readonly<Record<string, FieldValue>>, signal?: AbortSignal) {
      const ids = Object.keys(values);
      if (ids.length === 0) return;
      const types = fieldTypes(await siteFields(signal));
      const unknown = ids.filter((id) => !types.has(id));
      if (unknown.length > 0) {
        throw new JsmConfigError(
          config.name,
          `writeback.fields: ${unknown.join(", ")}: no such field on this site`,
        );
      }
      const body = editBody(values, types, config.deployment);
      try {
        await client.editIssue(ticketId, body, quiet, signal);
      } catch (error) {
        if (quiet && error instanceof JsmAuthError && error.status === 403) {
          quiet = false;
          deps.log?.info(
            { connector: config.name },
            "JSM refused notifyUsers=false (needs project admin); writing with notifications from now on",
          );
          await editExplained(client, config.name, ticketId, body, values, false, signal);
          return;
        }
        throw await explainEditError(error, client, config.name, ticketId, values, signal);
      }
    },

    slaSnapshot: async (ticketId) =>
      deps.state === undefined ? null : readJsmSlaSnapshot(deps.state, config.name, ticketId),
  };
}

async function editExplained(
  client: JsmClient,
  connector: string,
  ticketId: string,
  body: unknown,
  values: Readonly<Record<string, FieldValue>>,
  quiet: boolean,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    await client.editIssue(ticketId, body, quiet, signal);
  } catch (error) {
    throw await explainEditError(error, client, connector, ticketId, values, signal);
  }
}

const NOT_SETTABLE = /(customfield_\d+)[^;]*cannot be set/g;

/**
 * A 400 on an edit is most often a field that is not on the issue's edit screen: named in the
 * error body ("Field 'customfield_X' cannot be set. It is not on the appropriate screen, or
 * unknown.", §7.1) when the pipeline passed it on, else found by asking `editmeta`.
 */
async function explainEditError(
  error: unknown,
  client: JsmClient,
  connector: string,
  ticketId: string,
  values: Readonly<Record<string, FieldValue>>,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  if (!(error instanceof BadRequestHttpError) || error.status !== 400) return error;
  const ids = Object.keys(values);
  const named = [...(error.detail ?? "").matchAll(NOT_SETTABLE)].map((m) => m[1] as string);
  let blocked = ids.filter((id) => named.includes(id));
  if (blocked.length === 0) {
    const editable = await client.editableFields(ticketId, signal);
    blocked = ids.filter((id) => !editable.has(id));
  }
  if (blocked.length === 0) return error;
  return new JsmFieldNotEditableError(
    { method: error.method, url: error.url, status: error.status },
    connector,
    ticketId,
    blocked,
  );
}

export const jsmConnector: ConnectorDefinition<JsmConnectorConfig> = {
  configSchema: jsmConnectorSchema,
  create: createJsmConnector,
};

export { JsmAuthError, JsmConfigError, JsmFieldNotEditableError } from "./errors.js";
export { jqlDateTime, jqlString, updatedSinceJql } from "./jql.js";
export {
  type JsmSlaSnapshot,
  jsmSlaStateKey,
  readJsmSlaSnapshot,
  type SlaCycleSnapshot,
  type SlaMetricSnapshot,
} from "./sla.js";
export {
  compareJsmSla,
  crossCheckJsmSla,
  DEFAULT_SLA_METRICS,
  type SlaCheckOptions,
  type SlaCrossCheck,
  type SlaDisagreement,
  type SlaDisagreementKind,
} from "./sla-check.js";
