import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileConnector } from "../../connectors/file/index.js";
import type { Connector, PollContext, RecordBatch } from "../../connectors/types.js";
import type { CanonicalRecord } from "../../src/model/schema.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { runSync, watermarkKey } from "../../src/sync/run-sync.js";
import { closedTicket, ticket } from "../store/records.js";

/** A connector that yields the given batches and remembers what it was polled with. */
function scripted(
  name: string,
  batches: Array<RecordBatch | Error>,
): Connector & { polledWith: PollContext[] } {
  const polledWith: PollContext[] = [];
  return {
    name,
    type: "scripted",
    polledWith,
    async *poll(context) {
      polledWith.push(context);
      for (const batch of batches) {
        if (batch instanceof Error) throw batch;
        yield batch;
      }
    },
  };
}

const batch = (records: CanonicalRecord[], watermark?: string): RecordBatch => ({
  records,
  rejections: [],
  ...(watermark !== undefined && { watermark }),
});

const ticketLine = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    kind: "ticket",
    id,
    source: "topdesk",
    type: "incident",
    priority: "P3",
    createdAt: "2026-03-02T09:15:00+01:00",
    events: [],
    ...extra,
  });

let store: SqliteStore;
let dir: string;
beforeEach(async () => {
  store = SqliteStore.open(":memory:");
  await store.migrate();
  dir = mkdtempSync(join(tmpdir(), "sla-sync-"));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("runSync with the file connector", () => {
  const fileConnector = (batchSize = 5_000) =>
    createFileConnector(
      { name: "exports", type: "file", path: "records.jsonl", batchSize },
      { baseDir: dir },
    );

  it("summarises what was read, stored and rejected; a re-run finds everything unchanged", async () => {
    const lines = [
      ticketLine("I1"),
      ticketLine("I2"),
      "",
      ticketLine("I3", { priority: "urgent" }),
      ticketLine("I4"),
      "{oops",
    ];
    writeFileSync(join(dir, "records.jsonl"), `${lines.join("\n")}\n`);

    const first = await runSync({ store, connectors: [fileConnector()] });
    expect(first).toEqual({
      dryRun: false,
      ok: true,
      connectors: [
        {
          name: "exports",
          type: "file",
          read: 5,
          inserted: 3,
          updated: 0,
          unchanged: 0,
          rejected: 2,
          rejections: [
            { file: "records.jsonl", line: 4, reason: 'priority: "urgent" is not one of P1, P2, P3, P4' },
            { file: "records.jsonl", line: 6, reason: expect.stringMatching(/^invalid JSON: /) },
          ],
        },
      ],
    });

    const second = await runSync({ store, connectors: [fileConnector()] });
    expect(second.connectors[0]).toMatchObject({
      read: 5,
      inserted: 0,
      updated: 0,
      unchanged: 3,
      rejected: 2,
    });

    // Lines that differ only in what the model drops are still the same records.
    const withExtra = [
      ticketLine("I1", { extra: { caller: "someone" } }),
      ticketLine("I2"),
      ticketLine("I4"),
    ];
    writeFileSync(join(dir, "records.jsonl"), withExtra.join("\n"));
    const extraOnly = await runSync({ store, connectors: [fileConnector()] });
    expect(extraOnly.connectors[0]).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3 });

    writeFileSync(
      join(dir, "records.jsonl"),
      `${[ticketLine("I1", { priority: "P1" }), ticketLine("I5")].join("\n")}\n`,
    );
    const third = await runSync({ store, connectors: [fileConnector()] });
    expect(third.connectors[0]).toMatchObject({
      read: 2,
      inserted: 1,
      updated: 1,
      unchanged: 0,
      rejected: 0,
    });
    expect((await store.records("ticket")).map((t) => `${t.id} ${t.priority}`)).toEqual([
      "I1 P1",
      "I2 P3",
      "I4 P3",
      "I5 P3",
    ]);
  });

  it("lists only the first rejections but counts them all", async () => {
    const bad = Array.from({ length: 30 }, (_, i) => ticketLine(`B${i}`, { type: "problem" }));
    writeFileSync(join(dir, "records.jsonl"), bad.join("\n"));
    const summary = await runSync({ store, connectors: [fileConnector(7)], rejectionsListed: 5 });
    expect(summary.connectors[0]?.rejected).toBe(30);
    expect(summary.connectors[0]?.rejections.map((r) => ("line" in r ? r.line : 0))).toEqual([1, 2, 3, 4, 5]);
  });

  it("a dry run reads, validates and compares, but stores nothing", async () => {
    await store.upsert([{ connector: "exports", record: ticket("I1", [], { priority: "P3" }) }]);
    writeFileSync(
      join(dir, "records.jsonl"),
      [ticketLine("I1"), ticketLine("I2"), ticketLine("I3", { type: "problem" })].join("\n"),
    );
    const before = await store.counts();

    const summary = await runSync({ store, connectors: [fileConnector()], dryRun: true });

    expect(summary.dryRun).toBe(true);
    expect(summary.connectors[0]).toMatchObject({
      read: 3,
      inserted: 1,
      updated: 0,
      unchanged: 1,
      rejected: 1,
    });
    expect(await store.counts()).toEqual(before);
  });
});

describe("runSync batching and failures", () => {
  it("splits a large connector batch into transactions of batchSize", async () => {
    const sizes: number[] = [];
    const upsert = store.upsert.bind(store);
    store.upsert = async (records) => {
      sizes.push(records.length);
      return upsert(records);
    };
    const records = Array.from({ length: 12 }, (_, i) => ticket(`I${i}`));
    await runSync({ store, connectors: [scripted("td", [batch(records)])], batchSize: 5 });
    expect(sizes).toEqual([5, 5, 2]);
  });

  it("passes the stored watermark to the poll and advances it after each stored batch", async () => {
    await store.setMeta(watermarkKey("td"), "w0");
    const connector = scripted("td", [
      batch([ticket("I1")], "w1"),
      batch([ticket("I2")]),
      batch([ticket("I3")], "w3"),
    ]);
    await runSync({ store, connectors: [connector] });
    expect(connector.polledWith.map((c) => c.watermark)).toEqual(["w0"]);
    expect(await store.getMeta(watermarkKey("td"))).toBe("w3");
  });

  it("a failing batch fails the run, keeping what was stored before it and its watermark", async () => {
    const unserialisable = { ...ticket("BAD"), leadTimeDays: 1n } as unknown as CanonicalRecord;
    const failing = scripted("td", [
      batch([ticket("I1"), closedTicket("I2")], "w1"),
      batch([ticket("I3"), unserialisable], "w2"),
      batch([ticket("I4")], "w3"),
    ]);
    const healthy = scripted("m365", [batch([ticket("M1", [], { source: "graph" })])]);

    const summary = await runSync({ store, connectors: [failing, healthy] });

    expect(summary.ok).toBe(false);
    expect(summary.connectors[0]).toMatchObject({
      name: "td",
      read: 4,
      inserted: 2,
      error: expect.stringMatching(/BigInt/),
    });
    expect(summary.connectors[1]).toMatchObject({ name: "m365", inserted: 1 });
    expect(summary.connectors[1]).not.toHaveProperty("error");
    expect((await store.records("ticket")).map((t) => t.id)).toEqual(["M1", "I1", "I2"]);
    expect(await store.getMeta(watermarkKey("td"))).toBe("w1");
  });

  it("a connector that fails to fetch is reported, not thrown", async () => {
    const summary = await runSync({
      store,
      connectors: [scripted("td", [batch([ticket("I1")], "w1"), new Error("TOPdesk answered 503")])],
    });
    expect(summary.ok).toBe(false);
    expect(summary.connectors[0]).toMatchObject({ inserted: 1, error: "TOPdesk answered 503" });
    expect(await store.getMeta(watermarkKey("td"))).toBe("w1");
  });

  it("a dry run does not advance watermarks", async () => {
    await runSync({ store, connectors: [scripted("td", [batch([ticket("I1")], "w1")])], dryRun: true });
    expect(await store.getMeta(watermarkKey("td"))).toBeNull();
    expect((await store.counts()).ticket).toBe(0);
  });

  it("stops between batches once aborted", async () => {
    const controller = new AbortController();
    const connector: Connector = {
      name: "td",
      type: "scripted",
      async *poll() {
        yield batch([ticket("I1")]);
        controller.abort(new Error("shutting down"));
        yield batch([ticket("I2")]);
      },
    };
    const summary = await runSync({ store, connectors: [connector], signal: controller.signal });
    expect(summary.connectors[0]).toMatchObject({ inserted: 1, error: "shutting down" });
  });
});
