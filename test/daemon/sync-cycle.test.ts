import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TopdeskAuthError } from "../../connectors/topdesk/client.js";
import type { Connector, RecordBatch } from "../../connectors/types.js";
import { type SyncOnceResult, syncOnce } from "../../src/cli/commands/sync.js";
import {
  createDaemonMetrics,
  createSyncCycle,
  type DaemonMetrics,
  type SyncOnceFunction,
  type SyncOnceSettings,
} from "../../src/daemon/index.js";
import { BadRequestHttpError, TransientHttpError } from "../../src/http/index.js";
import type { CanonicalRecord } from "../../src/model/schema.js";
import type { FieldValue, WritebackTarget } from "../../src/sinks/writeback/index.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { closedTicket, ticket } from "../store/records.js";
import { captureLog, parseMetrics, type Workspace, workspace } from "./helpers.js";

// Tuesday 10 March 2026, 11:00 in Amsterdam: inside the service window.
const NOW = Date.parse("2026-03-10T10:00:00Z");

const batch = (records: CanonicalRecord[], watermark?: string): RecordBatch => ({
  records,
  rejections: [],
  ...(watermark !== undefined && { watermark }),
});

function scripted(name: string, steps: Array<RecordBatch | Error>): Connector {
  return {
    name,
    type: "scripted",
    async *poll() {
      for (const step of steps) {
        if (step instanceof Error) throw step;
        yield step;
      }
    },
  };
}

let store: SqliteStore;
let ws: Workspace;
let metrics: DaemonMetrics;
beforeAll(async () => {
  ws = await workspace();
});
beforeEach(async () => {
  store = SqliteStore.open(":memory:");
  await store.migrate();
  metrics = createDaemonMetrics({ processMetrics: false });
});
afterEach(async () => {
  await store.close();
});

const cycleWith = (connectors: Connector[], run: SyncOnceFunction = syncOnce, settings?: SyncOnceSettings) =>
  createSyncCycle({
    store,
    connectors,
    config: ws.config,
    runtime: ws.runtime,
    log: captureLog().log,
    metrics,
    syncOnce: run,
    ...(settings !== undefined && { settings }),
  });

const scrape = async () => parseMetrics(await metrics.registry.metrics());

describe("createSyncCycle over the real syncOnce", () => {
  it("counts records per connector and API errors by class; a rejected credential is fatal", async () => {
    const auth = new TopdeskAuthError("jira-like", 401, "list");
    const cycle = cycleWith([
      scripted("topdesk", [
        batch([ticket("I-old", [], { priority: "P2", createdAt: "2026-03-02T09:15:00+01:00" })], "w1"),
        batch([
          closedTicket("I-closed"),
          ticket("I-new", [], { priority: "P3", createdAt: "2026-03-10T10:55:00+01:00" }),
        ]),
      ]),
      scripted("m365", [
        new TransientHttpError(
          { method: "GET", url: "https://graph.microsoft.com/v1.0/x", status: 503 },
          "503",
        ),
      ]),
      scripted("jira-like", [auth]),
    ]);
    const outcome = await cycle({ now: NOW, signal: new AbortController().signal });

    expect(outcome.ok).toBe(false);
    expect(outcome.problems).toEqual([
      "connector m365: GET https://graph.microsoft.com/v1.0/x: 503",
      `connector jira-like: ${auth.message}`,
    ]);
    expect(outcome.fatal).toEqual([auth.message]);

    const m = await scrape();
    expect(m.get('sla_sentinel_records_synced_total{connector="topdesk",result="inserted"}')).toBe(3);
    expect(m.get('sla_sentinel_records_synced_total{connector="topdesk",result="rejected"}')).toBe(0);
    expect(m.get('sla_sentinel_records_synced_total{connector="m365",result="inserted"}')).toBe(0);
    expect(m.get('sla_sentinel_api_errors_total{connector="m365",operation="poll",class="transient"}')).toBe(
      1,
    );
    expect(m.get('sla_sentinel_api_errors_total{connector="jira-like",operation="poll",class="auth"}')).toBe(
      1,
    );
    // I-old has waited a week for its first response; I-new came in 5 minutes ago; I-closed is closed.
    expect(m.get("sla_sentinel_breaches_open")).toBe(1);
    expect(m.get('sla_sentinel_open_tickets{sla_status="breached"}')).toBe(1);
    expect(m.get('sla_sentinel_open_tickets{sla_status="running"}')).toBe(1);
    expect(m.get('sla_sentinel_open_tickets{sla_status="met"}')).toBe(0);
  });

  it("counts written and refused write-backs, and hands every write the cycle's signal", async () => {
    const signals: Array<AbortSignal | undefined> = [];
    const writer: Connector & WritebackTarget = {
      name: "topdesk",
      type: "scripted",
      writebackEnabled: true,
      writebackFields: { slaStatus: "optionalFields1.text1" },
      async *poll() {
        yield batch([ticket("I-1"), ticket("I-2")]);
      },
      async writeFields(
        ticketId: string,
        _values: Readonly<Record<string, FieldValue>>,
        signal?: AbortSignal,
      ) {
        signals.push(signal);
        if (ticketId === "I-2") {
          throw new BadRequestHttpError(
            { method: "PATCH", url: "https://x/tas/api/incidents/id/I-2", status: 400 },
            "400",
          );
        }
      },
    };
    const controller = new AbortController();
    const outcome = await cycleWith([writer])({ now: NOW, signal: controller.signal });

    expect(outcome).toEqual({ ok: true, problems: [], fatal: [] });
    expect(signals).toEqual([controller.signal, controller.signal]);
    const m = await scrape();
    expect(m.get('sla_sentinel_writebacks_total{connector="topdesk",result="written"}')).toBe(1);
    expect(m.get('sla_sentinel_writebacks_total{connector="topdesk",result="failed"}')).toBe(1);
    expect(
      m.get('sla_sentinel_api_errors_total{connector="topdesk",operation="write",class="bad-request"}'),
    ).toBe(1);
  });
});

describe("createSyncCycle with fields the cycle will gain", () => {
  it("reads an `alerts` field generically: sent per channel, a failed channel is a problem", async () => {
    const base: SyncOnceResult = {
      sync: { dryRun: false, ok: true, connectors: [] },
      writeback: [],
      purged: 0,
    };
    const withAlerts = {
      ...base,
      alerts: [
        { channel: "slack", sent: 3 },
        {
          channel: "teams",
          sent: [{ ticket: "I-1" }, { ticket: "I-2" }],
          error: "POST https://x/workflow: 500",
        },
      ],
    };
    const cycle = cycleWith([], async () => withAlerts);
    const outcome = await cycle({ now: NOW, signal: new AbortController().signal });

    expect(outcome).toEqual({
      ok: false,
      problems: ["alerts teams: POST https://x/workflow: 500"],
      fatal: [],
    });
    const m = await scrape();
    expect(m.get('sla_sentinel_alerts_sent_total{channel="slack"}')).toBe(3);
    expect(m.get('sla_sentinel_alerts_sent_total{channel="teams"}')).toBe(2);
  });

  it("passes the signal, the cycle's time and the daemon's settings to syncOnce", async () => {
    const controller = new AbortController();
    const alertChannels = new Map();
    let seen: { now: number; signal: AbortSignal; alertChannels: unknown; dryRun: boolean } | undefined;
    const cycle = cycleWith(
      [],
      async (_store, _connectors, options) => {
        seen = {
          now: options.now,
          signal: options.signal,
          alertChannels: options.alertChannels,
          dryRun: options.dryRun,
        };
        return { sync: { dryRun: false, ok: true, connectors: [] }, writeback: [], purged: 0 };
      },
      { alertChannels },
    );
    await cycle({ now: NOW, signal: controller.signal });
    expect(seen).toEqual({ now: NOW, signal: controller.signal, alertChannels, dryRun: false });
    expect(seen?.alertChannels).toBe(alertChannels);
  });
});
