/**
 * The alert step over a real SQLite store (in memory) and the real Slack and Teams channels
 * (pointed at nock), with a fake clock that only the delivery's waits move.
 */
import { afterEach } from "vitest";
import {
  type AlertChannel,
  type AlertSummary,
  buildAlertChannels,
  runAlerts,
  ticketLinker,
} from "../../src/alerts/index.js";
import { type NotifyConfig, notifySchema } from "../../src/config/schema/notify.js";
import { DEFAULT_CLOCK_POLICY } from "../../src/engine/timeline/index.js";
import type { Ticket } from "../../src/model/schema.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import { calendar } from "../sinks/writeback/helpers.js";

export { MON, response, ticket } from "../sinks/writeback/helpers.js";

export const SLACK = "https://slack.test";
export const TEAMS_HOST = "https://prod-42.westeurope.environment.api.powerplatform.com";
export const TEAMS_PATH = "/powerautomate/automations/direct/workflows/0f1e/triggers/manual/paths/invoke";
export const TEAMS_URL = `${TEAMS_HOST}${TEAMS_PATH}?api-version=1&sig=s3cr3t`;
/** Tuesday 3 March 2026, Amsterdam. */
export const TUE = (hhmm: string) => `2026-03-03T${hhmm}:00+01:00`;

export function notify(input: Record<string, unknown> = {}): NotifyConfig {
  return notifySchema.parse({
    slack: { token: "xoxb-test", channel: "C0ALERTS", apiUrl: `${SLACK}/api/` },
    ...input,
  }) as NotifyConfig;
}

export async function storeWith(...tickets: Ticket[]): Promise<SqliteStore> {
  const store = SqliteStore.open(":memory:");
  await store.migrate();
  await store.upsert(tickets.map((record) => ({ connector: record.source, record })));
  return store;
}

export interface Harness {
  /** one cycle of the alert step at this instant (ISO with offset) */
  cycle(at: string, options?: { dryRun?: boolean; store?: Store }): Promise<AlertSummary[]>;
  /** the waits the delivery asked for (pacing, Retry-After), in ms */
  waits: number[];
  channels: Map<string, AlertChannel>;
}

/** A fresh set of channels (a fresh process, as after a restart) over `store`. */
export function harness(store: Store, config: NotifyConfig): Harness {
  const waits: number[] = [];
  let now = 0;
  const sleep = async (ms: number) => {
    waits.push(ms);
    now += ms;
  };
  const channels = buildAlertChannels(config, {
    slack: { baseDelayMs: 1 },
    teams: { baseDelayMs: 1, sleep },
  });
  const links = ticketLinker([
    { name: "topdesk", type: "topdesk", baseUrl: "https://example.topdesk.net/tas/api" } as never,
  ]);
  return {
    waits,
    channels,
    async cycle(at, options = {}) {
      now = Date.parse(at);
      return runAlerts({
        store: options.store ?? store,
        notify: config,
        context: { calendar, policy: DEFAULT_CLOCK_POLICY, now, atRiskAt: 0.75 },
        channels,
        links,
        dryRun: options.dryRun ?? false,
        delivery: { clock: () => now, sleep },
      });
    },
  };
}

/** A Slack form body as the SDK sends it, with blocks and metadata parsed. */
export interface SlackCall {
  method: string;
  channel: string;
  ts?: string;
  text: string;
  header: string;
  alertKey?: string;
  /** a thread reply: the parent's ts, and whether it is also shown in the channel */
  threadTs?: string;
  broadcast?: boolean;
}

export function slackCall(method: string, body: Record<string, string>): SlackCall {
  const blocks = JSON.parse(body.blocks ?? "[]") as Array<{ text?: { text: string } }>;
  const metadata = body.metadata === undefined ? undefined : JSON.parse(body.metadata);
  return {
    method,
    channel: body.channel ?? "",
    ...(body.ts !== undefined && { ts: body.ts }),
    text: body.text ?? "",
    header: blocks[0]?.text?.text ?? "",
    ...(metadata !== undefined && { alertKey: metadata.event_payload.alert_key }),
    ...(body.thread_ts !== undefined && { threadTs: body.thread_ts }),
    ...(body.reply_broadcast !== undefined && { broadcast: body.reply_broadcast === "true" }),
  };
}

/**
 * `open(...tickets)` for a test: a store holding them, closed after the test. Registers the
 * `afterEach` itself, so call it once at the top of a test file.
 */
export function useAlertStore(): (...tickets: Ticket[]) => Promise<SqliteStore> {
  let store: SqliteStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return async (...tickets) => {
    store = await storeWith(...tickets);
    return store;
  };
}

/**
 * The store, with the confirmation of the `n`-th successful send failing: a crash between the
 * send and its record in the ledger.
 */
export function confirmFailing(target: SqliteStore, n = 1): Store {
  let sent = 0;
  return new Proxy(target, {
    get(object, property) {
      if (property === "updateAlert") {
        return async (...args: Parameters<Store["updateAlert"]>) => {
          if (args[1].kind === "sent" && ++sent === n) throw new Error("disk I/O error");
          return object.updateAlert(...args);
        };
      }
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  }) as Store;
}
