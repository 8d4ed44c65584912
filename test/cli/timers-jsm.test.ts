import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsmSlaStateKey } from "../../connectors/jsm/index.js";
import { ticketRecord } from "../../src/model/schema.js";
import { openStore } from "../../src/store/index.js";
import { SUPPLIER_NORMS_YAML } from "../support/supplier-norms.js";
import { cli } from "./run-cli.js";

const MIN = 60_000;
const H = 60 * MIN;
const MON = (hhmm: string) => `2026-03-02T${hhmm}:00+01:00`;
const TUE = (hhmm: string) => `2026-03-03T${hhmm}:00+01:00`;
const cycle = (fields: Record<string, unknown>) => ({
  ongoing: false,
  stopAt: null,
  breachAt: null,
  breached: false,
  elapsedMs: null,
  remainingMs: null,
  paused: null,
  withinCalendarHours: null,
  ...fields,
});

describe("timers with Jira Service Management's own SLA", () => {
  it("shows where JSM's elapsed time differs from the contract's clock", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-timers-jsm-"));
    writeFileSync(join(dir, "supplier-norms.yaml"), SUPPLIER_NORMS_YAML);
    const config = join(dir, "sla-sentinel.yaml");
    writeFileSync(
      config,
      [
        "contract: {supplierNorms: ./supplier-norms.yaml}",
        "storage: {sqlite: ./store.db}",
        "connectors:",
        "  - {name: jira, type: jsm, deployment: cloud, baseUrl: https://example.atlassian.net, email: a@example.org, token: t, project: ITS}",
        "",
      ].join("\n"),
    );
    // A P1 opened Monday 17:00, answered at 17:05, still open on Tuesday 10:00.
    const ticket = ticketRecord.parse({
      kind: "ticket",
      id: "ITS-1",
      source: "jira",
      type: "incident",
      priority: "P1",
      createdAt: MON("17:00"),
      events: [{ at: MON("17:05"), type: "comment", visibleToCaller: true, automated: false }],
    });
    // JSM counted only 2 h of resolution time by Tuesday 10:00: a business-hours calendar on a P1,
    // which the contract counts on the clock (17 h).
    const snapshot = {
      v: 1,
      ticket: "ITS-1",
      fetchedAt: Date.parse(TUE("10:00")),
      metrics: [
        {
          id: "1",
          name: "Time to first response",
          cycles: [
            cycle({
              startAt: Date.parse(MON("17:00")),
              stopAt: Date.parse(MON("17:05")),
              goalMs: 15 * MIN,
              elapsedMs: 5 * MIN,
            }),
          ],
        },
        {
          id: "2",
          name: "Time to resolution",
          cycles: [
            cycle({ startAt: Date.parse(MON("17:00")), ongoing: true, goalMs: 48 * H, elapsedMs: 2 * H }),
          ],
        },
      ],
    };
    const store = await openStore({ sqlite: join(dir, "store.db") });
    await store.upsert([{ connector: "jira", record: ticket }]);
    await store.setMeta(jsmSlaStateKey("jira", "ITS-1"), JSON.stringify(snapshot));
    await store.close();

    const run = await cli("-c", config, "timers", "--at", TUE("10:00"), "--format", "json");
    expect(run.code).toBe(0);
    const { jsmSla } = JSON.parse(run.stdout);
    expect(jsmSla).toHaveLength(1);
    expect(jsmSla[0]).toMatchObject({ source: "jira", ticket: "ITS-1" });
    // Still running: JSM's 2 h against the contract's 17 h of elapsed resolution time.
    expect(jsmSla[0].disagreements.map((d: { kind: string }) => d.kind)).toEqual(["elapsed"]);

    const text = await cli("-c", config, "timers", "--at", TUE("10:00"));
    expect(text.stdout).toMatch(/own SLA disagrees/);
    expect(text.stdout).toMatch(/jira\/ITS-1 resolution: /);
  });
});
