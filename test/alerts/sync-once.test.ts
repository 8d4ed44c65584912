import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildConnectors, printSummary, syncOnce } from "../../src/cli/commands/sync.js";
import { createOutput } from "../../src/cli/output.js";
import { loadConfig } from "../../src/config/index.js";
import { loadContractRuntime } from "../../src/contract/index.js";
import { createLogger } from "../../src/log/logger.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { useNock } from "../http/nock-harness.js";
import { SUPPLIER_NORMS_YAML } from "../support/supplier-norms.js";
import { MON, type SlackCall } from "./helpers.js";
import { slack } from "./slack-mock.js";

useNock();

const TICKET = JSON.stringify({
  kind: "ticket",
  id: "I-1",
  source: "exports",
  type: "incident",
  priority: "P2",
  title: "Mail down",
  createdAt: "2026-03-02T09:00:00+01:00",
  events: [],
});

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), "sync-alerts-"));
  writeFileSync(join(dir, "records.jsonl"), `${TICKET}\n`);
  writeFileSync(join(dir, "supplier-norms.yaml"), SUPPLIER_NORMS_YAML);
  const file = join(dir, "sla-sentinel.yaml");
  writeFileSync(
    file,
    [
      "storage: {sqlite: ./store.db}",
      "connectors:",
      "  - {name: exports, type: file, path: ./records.jsonl}",
      "contract: {supplierNorms: ./supplier-norms.yaml}",
      "notify:",
      "  slack: {token: xoxb-test, channel: C0ALERTS, apiUrl: 'https://slack.test/api'}",
      "",
    ].join("\n"),
  );
  const config = await loadConfig(file, {});
  const runtime = await loadContractRuntime(config.contract, file);
  store = await openStore(config.storage);
  const log = createLogger("silent");
  let clock = 0;
  const alertDelivery = {
    clock: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
    },
  };
  const run = async (at: string, dryRun: boolean) => {
    clock = Date.parse(at);
    const s = store as Store;
    const connectors = buildConnectors(config, log, s, dryRun);
    return syncOnce(s, connectors, { dryRun, log, config, now: clock, runtime, alertDelivery });
  };
  return { run };
}

function printed(result: Parameters<typeof printSummary>[1]): string[] {
  const lines: string[] = [];
  printSummary(
    createOutput("text", (s) => lines.push(s.trimEnd())),
    result,
  );
  return lines;
}

describe("syncOnce with alerts", () => {
  it("sends the due alert after storing and writing back, and reports it", async () => {
    const { run } = await setUp();
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls);
    const result = await run(MON("09:45"), false);
    expect(result.sync.connectors[0]).toMatchObject({ inserted: 1 });
    expect(result.alerts).toEqual([
      expect.objectContaining({ channel: "slack C0ALERTS", recorded: 1, sent: 1 }),
    ]);
    expect(calls.map((c) => c.header)).toEqual([":warning: At risk: P2 response of I-1"]);
    expect(printed(result)).toContain(
      "alerts slack C0ALERTS: recorded 1, sent 1, 0 pending (0 held for the service window)",
    );

    const json: string[] = [];
    printSummary(
      createOutput("json", (s) => json.push(s)),
      result,
    );
    expect(JSON.parse(json.join("")).alerts[0]).toMatchObject({ channel: "slack C0ALERTS", sent: 1 });
  });

  it("records and sends nothing on a dry run, and prints what it would send", async () => {
    const { run } = await setUp();
    await run(MON("09:00"), false); // stores the ticket; nothing due yet
    const result = await run(MON("09:45"), true);
    expect(result.alerts).toEqual([expect.objectContaining({ mode: "dry-run", recorded: 1, sent: 0 })]);
    expect(await store?.unsettledAlerts()).toEqual([]);
    expect(printed(result)).toEqual(
      expect.arrayContaining([
        "alerts slack C0ALERTS: dry-run: would record 1, send 1, hold 0",
        "  post: exports/I-1 response at-risk (2026-03-02T09:00:00.000Z)",
      ]),
    );
  });

  it("reports a channel a person must fix without failing the sync or the write-back", async () => {
    const { run } = await setUp();
    slack("chat.postMessage", [], { ok: false, error: "not_in_channel" });
    const result = await run(MON("09:45"), false);
    expect(result.sync.ok).toBe(true);
    expect(result.alerts[0]).toMatchObject({ pending: 1, error: "slack chat.postMessage: not_in_channel" });
    expect(printed(result)).toContain(
      "  FAILED: slack chat.postMessage: not_in_channel (kept pending until fixed)",
    );
  });
});
