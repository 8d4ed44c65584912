import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import type { AlertIntent, Store } from "../../src/store/types.js";
import { dropSchema, TEST_PG_URL } from "../store/backends.js";
import { smallReport } from "../store/period-report.js";
import { closedTicket, record, ticket } from "../store/records.js";
import { cli } from "./run-cli.js";

const schema = `t_${randomBytes(6).toString("hex")}`;
const dir = mkdtempSync(join(tmpdir(), "sla-copy-"));
const sourcePath = join(dir, "old.db");
const configPath = join(dir, "sla-sentinel.yaml");
const at = Date.parse("2026-03-10T09:00:00Z");

const intent = (n: number): AlertIntent => ({
  key: `topdesk|I${n}|resolution|breached|${at}|slack:C1`,
  thread: `topdesk|I${n}|slack:C1`,
  channel: "slack:C1",
  source: "topdesk",
  ticket: `I${n}`,
  clock: "resolution",
  transition: "breached",
  deadline: at,
  payload: JSON.stringify({ title: `ticket ${n}` }),
  notBefore: at,
});

async function target(): Promise<Store> {
  const store = new PostgresStore({ url: TEST_PG_URL, schema, tenant: "sib" });
  await store.migrate();
  return store;
}

beforeAll(async () => {
  const source = SqliteStore.open(sourcePath);
  await source.migrate();
  await source.upsert(
    [
      ticket("I1"),
      closedTicket("I2"),
      record({ kind: "backup-run", job: "nightly", scheduledAt: "2026-03-02T01:00:00Z", success: true }),
    ].map((r) => ({ connector: "topdesk", record: r })),
  );
  await source.setMeta("topdesk:watermark", "2026-03-10T08:00:00Z");
  await source.recordAlerts([intent(1), intent(2)], at);
  const [first] = await source.unsettledAlerts();
  if (first === undefined) throw new Error("no alert recorded");
  await source.updateAlert(first.id, { kind: "attempt", at, attempts: 0 });
  await source.updateAlert(first.id, {
    kind: "sent",
    at: at + 1_000,
    message: { channel: "C1", ts: "171.000100" },
  });
  await source.saveReport(smallReport());
  await source.close();
  writeFileSync(configPath, `storage:\n  postgres: "${TEST_PG_URL}"\n  schema: ${schema}\n  tenant: sib\n`);
});

afterAll(async () => {
  await dropSchema(schema);
  rmSync(dir, { recursive: true, force: true });
});

describe("store copy", () => {
  it("copies every table of a SQLite store into PostgreSQL and verifies it", async () => {
    const run = await cli("-c", configPath, "store", "copy", "--from", sourcePath);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("copied 3 records, 1 state entries, 2 alerts, 1 saved reports");
    expect(run.stdout).toContain("verified: every source row is in the target, unchanged");

    const source = SqliteStore.open(sourcePath);
    await source.migrate();
    const copy = await target();
    try {
      expect(await copy.records("ticket")).toEqual(await source.records("ticket"));
      expect(await copy.records("backup-run")).toEqual(await source.records("backup-run"));
      expect(await copy.getMeta("topdesk:watermark")).toBe("2026-03-10T08:00:00Z");
      const strip = (alerts: Awaited<ReturnType<Store["unsettledAlerts"]>>) =>
        alerts.map(({ id: _id, ...rest }) => rest);
      expect(strip(await copy.unsettledAlerts())).toEqual(strip(await source.unsettledAlerts()));
      expect(await copy.alertThreadMessage(intent(1).thread)).toEqual({ channel: "C1", ts: "171.000100" });
      expect(await copy.knownAlertKeys([intent(1).key, intent(2).key])).toEqual(
        new Set([intent(1).key, intent(2).key]),
      );
      expect(await copy.savedReports()).toEqual(await source.savedReports());
    } finally {
      await source.close();
      await copy.close();
    }
  });

  it("can run again: a changed target row is put back, nothing is doubled", async () => {
    const copy = await target();
    await copy.upsert([
      { connector: "topdesk", record: ticket("I1", [{ at: "2026-03-03T10:00:00+01:00", type: "resolved" }]) },
    ]);
    await copy.close();

    const run = await cli("-c", configPath, "store", "copy", "--from", sourcePath, "--batch", "1");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("verified");

    const again = await target();
    try {
      expect((await again.counts()).ticket).toBe(2);
      const [i1] = (await again.records("ticket")).filter((t) => t.id === "I1");
      expect(i1?.events).toEqual([]);
      expect(await again.unsettledAlerts()).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it("leaves another tenant of the same schema alone", async () => {
    const other = new PostgresStore({ url: TEST_PG_URL, schema, tenant: "other" });
    await other.migrate();
    try {
      expect((await other.counts()).ticket).toBe(0);
      expect(await other.getMeta("topdesk:watermark")).toBeNull();
    } finally {
      await other.close();
    }
  });

  it("refuses a source file that does not exist, without creating it", async () => {
    const missing = join(dir, "missing.db");
    const run = await cli("-c", configPath, "store", "copy", "--from", missing);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--from: ${missing} does not exist`);
    const again = await cli("-c", configPath, "store", "copy", "--from", missing);
    expect(again.stderr).toContain("does not exist");
  });

  it("refuses a file that is not a SQLite store, and a wrong --from-tenant", async () => {
    const junk = join(dir, "junk.db");
    writeFileSync(
      junk,
      "this is not a database, just some text that is long enough to be a header".repeat(20),
    );
    const notDb = await cli("-c", configPath, "store", "copy", "--from", junk);
    expect(notDb.code).toBe(2);
    expect(notDb.stderr).toContain("is not a SQLite store");

    const wrong = await cli("-c", configPath, "store", "copy", "--from", sourcePath, "--from-tenant", "acme");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("belongs to tenant 'default', not 'acme'");
  });

  it("refuses a batch size out of range", async () => {
    const run = await cli("-c", configPath, "store", "copy", "--from", sourcePath, "--batch", "0");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--batch must be a whole number from 1 to 50000");
  });
});
