/**
 * Two contracts in one PostgreSQL schema, each with its own config, connector and tenant: every
 * command sees only its own tenant's data, even where both use the same source name and ids.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { dropSchema, TEST_PG_URL } from "../store/backends.js";
import { SUPPLIER_NORMS_YAML } from "../support/supplier-norms.js";
import { cli } from "./run-cli.js";

const schema = `t_${randomBytes(6).toString("hex")}`;
const root = mkdtempSync(join(tmpdir(), "cli-tenants-"));

const openTicket = (id: string, title: string) =>
  JSON.stringify({
    kind: "ticket",
    id,
    source: "exports",
    type: "incident",
    priority: "P2",
    createdAt: "2026-03-02T09:00:00+01:00",
    title,
    events: [],
  });

/** A contract's folder: its config (tenant, shared schema), its norms and its export. */
function contract(tenant: string, tickets: string[]): string {
  const dir = join(root, tenant);
  mkdirSync(dir);
  writeFileSync(join(dir, "records.jsonl"), `${tickets.join("\n")}\n`);
  writeFileSync(join(dir, "supplier-norms.yaml"), SUPPLIER_NORMS_YAML);
  const config = join(dir, "sla-sentinel.yaml");
  writeFileSync(
    config,
    [
      `storage: {postgres: "${TEST_PG_URL}", schema: ${schema}, tenant: ${tenant}}`,
      "connectors:",
      "  - {name: exports, type: file, path: ./records.jsonl}",
      "contract:",
      "  supplierNorms: ./supplier-norms.yaml",
      "",
    ].join("\n"),
  );
  return config;
}

let sib: string;
let acme: string;

beforeAll(async () => {
  // Same source name and one shared ticket id: only the tenant tells them apart.
  sib = contract("sib", [openTicket("I-1", "sib printer"), openTicket("I-2", "sib laptop")]);
  acme = contract("acme", [openTicket("I-1", "acme VPN")]);
  expect((await cli("-c", sib, "sync")).code).toBe(0);
  expect((await cli("-c", acme, "sync")).code).toBe(0);
});

afterAll(async () => {
  await dropSchema(schema);
  rmSync(root, { recursive: true, force: true });
});

describe("tenants in one schema", () => {
  it("shows each contract only its own timers", async () => {
    const at = ["--at", "2026-03-02T10:00:00+01:00", "--format", "json"];
    const titles = async (config: string) => {
      const { timers } = JSON.parse((await cli("-c", config, "timers", ...at)).stdout) as {
        timers: Array<{ title: string }>;
      };
      return new Set(timers.map((t) => t.title));
    };
    expect(await titles(sib)).toEqual(new Set(["sib printer", "sib laptop"]));
    expect(await titles(acme)).toEqual(new Set(["acme VPN"]));
  });

  it("keeps each contract's watermarks apart: a re-sync of one changes nothing of the other", async () => {
    const again = JSON.parse((await cli("-c", acme, "sync", "--format", "json")).stdout);
    expect(again.connectors[0]).toMatchObject({ read: 1, inserted: 0, unchanged: 1 });
  });

  it("saves each contract's report results under its own tenant", async () => {
    const period = ["report", "--period", "2026-03", "--at", "2026-03-31T12:00:00+02:00", "--format", "json"];
    const sibReport = JSON.parse((await cli("-c", sib, ...period)).stdout);
    const acmeReport = JSON.parse((await cli("-c", acme, ...period)).stdout);
    const responseN = (report: { kpis: Array<{ id: string; n: number }> }) =>
      report.kpis.find((k) => k.id === "O1.3")?.n;
    expect(responseN(sibReport)).toBe(2);
    expect(responseN(acmeReport)).toBe(1);

    for (const [tenant, n] of [
      ["sib", 2],
      ["acme", 1],
      ["nobody", null],
    ] as const) {
      const store = new PostgresStore({ url: TEST_PG_URL, schema, tenant });
      await store.migrate();
      try {
        const saved = await store.savedReports();
        expect(saved.map((r) => r.period)).toEqual(n === null ? [] : ["2026-03"]);
        if (n !== null) expect(saved[0]?.cases).toBeGreaterThanOrEqual(n);
      } finally {
        await store.close();
      }
    }
  });
});
