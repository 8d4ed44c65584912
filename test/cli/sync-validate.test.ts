import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIVE_LEASE } from "../../src/daemon/active-lease.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { SUPPLIER_NORMS_YAML } from "../support/supplier-norms.js";
import { cli } from "./run-cli.js";

const TICKET = (id: string, resolvedAt: string) =>
  JSON.stringify({
    kind: "ticket",
    id,
    source: "exports",
    type: "incident",
    priority: "P2",
    createdAt: "2026-03-02T09:15:00+01:00",
    events: [
      { at: "2026-03-02T09:40:00+01:00", type: "comment", visibleToCaller: true, automated: false },
      { at: resolvedAt, type: "resolved" },
    ],
  });

function workspace(lines: string[], extraConfig = ""): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), "cli-sync-"));
  writeFileSync(join(dir, "records.jsonl"), `${lines.join("\n")}\n`);
  const config = join(dir, "sla-sentinel.yaml");
  writeFileSync(join(dir, "supplier-norms.yaml"), SUPPLIER_NORMS_YAML);
  writeFileSync(
    config,
    `storage: {sqlite: ./store.db}\nconnectors:\n  - {name: exports, type: file, path: ./records.jsonl}\ncontract:\n  supplierNorms: ./supplier-norms.yaml\n${extraConfig}`,
  );
  return { dir, config };
}

describe("sync", () => {
  it("stores the good records, names the bad line, and a re-run changes nothing", async () => {
    const { config } = workspace([
      TICKET("I-1", "2026-03-02T11:00:00+01:00"),
      // line 2: a time without an offset is rejected, never guessed
      TICKET("I-2", "2026-03-02T11:00:00"),
      TICKET("I-3", "2026-03-03T10:00:00+01:00"),
    ]);
    const first = await cli("-c", config, "sync", "--format", "json");
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.connectors[0]).toMatchObject({ name: "exports", read: 3, inserted: 2, rejected: 1 });
    expect(summary.connectors[0].rejections[0]).toMatchObject({ line: 2 });
    expect(summary.connectors[0].rejections[0].reason).toMatch(/events\[1\]\.at: .*no offset/);

    const again = JSON.parse((await cli("-c", config, "sync", "--format", "json")).stdout);
    expect(again.connectors[0]).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 1 });
  });

  it("replaces an updated ticket and a dry run stores nothing", async () => {
    const { dir, config } = workspace([TICKET("I-1", "2026-03-02T11:00:00+01:00")]);
    await cli("-c", config, "sync");
    writeFileSync(join(dir, "records.jsonl"), `${TICKET("I-1", "2026-03-02T12:00:00+01:00")}\n`);
    const dry = JSON.parse((await cli("-c", config, "sync", "--dry-run", "--format", "json")).stdout);
    expect(dry).toMatchObject({ dryRun: true });
    expect(dry.connectors[0]).toMatchObject({ updated: 1 });
    const real = JSON.parse((await cli("-c", config, "sync", "--format", "json")).stdout);
    expect(real.connectors[0]).toMatchObject({ updated: 1, inserted: 0 });
  });

  it("prints a human summary", async () => {
    const { config } = workspace([TICKET("I-1", "2026-03-02T11:00:00+01:00"), "{not json"]);
    const run = await cli("-c", config, "sync");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /exports \(file\): read 2, stored 1 new and 0 updated, 0 unchanged, 1 rejected/,
    );
    expect(run.stdout).toMatch(/rejected .*records\.jsonl:2: /);
  });

  it("fails with exit 1 when a connector cannot read its source", async () => {
    const { config } = workspace([]);
    writeFileSync(
      config,
      `storage: {sqlite: ./s.db}\ncontract: {supplierNorms: ./supplier-norms.yaml}\nconnectors:\n  - {name: exports, type: file, path: ./missing.jsonl}\n`,
    );
    const run = await cli("-c", config, "sync");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAILED: .*missing\.jsonl/);
  });
});

describe("validate", () => {
  it("accepts a valid config", async () => {
    const { config } = workspace([]);
    const run = await cli("-c", config, "validate", "--format", "json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, problems: [] });
  });

  it("lists every problem with its YAML path and exits 2", async () => {
    const { config } = workspace(
      [],
      "  serviceWindow: {from: '09:00', to: '17:00', tiemzone: x}\nnotify: {atRiskAt: 2}\n",
    );
    const run = await cli("-c", config, "validate", "--format", "json");
    expect(run.code).toBe(2);
    const paths = JSON.parse(run.stdout).problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["contract.serviceWindow.tiemzone", "notify.atRiskAt"]));
  });

  it("reports a service window below the contract's minimum as a problem", async () => {
    const { config } = workspace([], "  serviceWindow: {from: '09:00', to: '17:00'}\n");
    const run = await cli("-c", config, "validate");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/serviceWindow/);
  });

  it("rejects a contract whose supplier norms are missing, naming each KPI", async () => {
    const { dir, config } = workspace([]);
    writeFileSync(join(dir, "supplier-norms.yaml"), "O1.4: {maxMinutes: 240, share: 0.95}\n");
    const run = await cli("-c", config, "validate");
    expect(run.code).toBe(2);
    for (const kpi of ["O1.5", "O1.8", "O1.9", "O2.1", "O2.2"])
      expect(run.stderr).toContain(`${kpi}: no supplier norm`);
  });

  it("needs a config file", async () => {
    const run = await cli("-c", join(tmpdir(), "does-not-exist.yaml"), "validate");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/does not exist/);
  });
});

describe("sync beside a running instance", () => {
  it("refuses while another instance holds the tenant's lease, runs a dry run, and runs once it is free", async () => {
    const { dir, config } = workspace([TICKET("I-1", "2026-03-02T11:00:00+01:00")]);
    const daemon = SqliteStore.open(join(dir, "store.db"));
    await daemon.migrate();
    try {
      await daemon.acquireLease(ACTIVE_LEASE, "host-a:4242:abc123", Date.now(), 60_000);
      const refused = await cli("-c", config, "sync");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /instance host-a:4242:abc123 is running the sync cycles of tenant default \(lease until \d{4}-\d\d-\d\dT[\d:.]+Z\); a second cycle would race it/,
      );
      expect((await daemon.counts()).ticket).toBe(0);

      expect((await cli("-c", config, "sync", "--dry-run")).code).toBe(0);

      await daemon.releaseLease(ACTIVE_LEASE, "host-a:4242:abc123");
      const after = await cli("-c", config, "sync");
      expect(after.code).toBe(0);
      expect((await daemon.counts()).ticket).toBe(1);
      // the one-off sync gave the lease back
      expect(await daemon.leases()).toEqual([]);
    } finally {
      await daemon.close();
    }
  });
});
