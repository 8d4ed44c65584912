import { beforeEach, describe, expect, it } from "vitest";
import { RECORD_KINDS } from "../../src/model/schema.js";
import { toRecordRow } from "../../src/store/record-row.js";
import type { AlertIntent, DumpBatch, IncomingRecord, Store } from "../../src/store/types.js";
import { BACKENDS, postgresBackend, type StoreBackend, sqliteBackend, useBackend } from "./backends.js";
import { closedTicket, record, ticket } from "./records.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");

function intent(key: string, fields: Partial<AlertIntent> = {}): AlertIntent {
  return {
    key,
    thread: "thread-I1",
    channel: "slack:C1",
    source: "topdesk",
    ticket: "I1",
    clock: "response",
    transition: "at-risk",
    deadline: T0,
    payload: JSON.stringify({ key }),
    notBefore: T0,
    ...fields,
  };
}

const RECORDS: IncomingRecord[] = [
  { connector: "td", record: ticket("I1"), sourceHash: "line-1" },
  { connector: "td", record: closedTicket("I2") },
  { connector: "td", record: ticket("I3", [], { priority: "P1" }) },
  {
    connector: "veeam",
    record: record({
      kind: "backup-run",
      job: "nightly",
      scheduledAt: "2026-03-02T01:00:00Z",
      success: false,
    }),
  },
  {
    connector: "monitoring",
    record: record({ kind: "outage", service: "network", start: "2026-03-02T08:00:00Z" }),
  },
];

/** Records, meta and a ledger with an alert in each interesting state. */
async function fill(store: Store): Promise<void> {
  await store.upsert(RECORDS);
  await store.setMeta("connector:td:watermark", "2026-03-02T00:00:00Z");
  await store.setMeta("connector:veeam:cursor", "42");
  await store.setMeta("topdesk:td:incident:abc", '{"v":1}', { expiresAt: T0 - 1 });
  await store.recordAlerts(
    [intent("sent"), intent("sending"), intent("pending", { notBefore: T0 + 60_000 })],
    T0,
  );
  await store.recordAlerts([intent("superseded", { thread: "thread-I3", ticket: "I3" })], T0 + 1);
  const ids = new Map((await store.unsettledAlerts()).map((row) => [row.key, row.id]));
  const id = (key: string) => ids.get(key) ?? 0;
  await store.updateAlert(id("sent"), { kind: "attempt", at: T0 + 2, attempts: 0 });
  await store.updateAlert(id("sent"), {
    kind: "sent",
    at: T0 + 3,
    message: { channel: "C1", ts: "1700000000.1" },
  });
  await store.updateAlert(id("sending"), { kind: "attempt", at: T0 + 4, attempts: 0 });
  await store.updateAlert(id("sending"), {
    kind: "defer",
    notBefore: T0 + 5,
    error: "slack: 503",
    uncertain: true,
  });
  await store.updateAlert(id("superseded"), { kind: "settle", status: "superseded", at: T0 + 6 });
}

async function batchesOf(store: Store, batchSize?: number): Promise<DumpBatch[]> {
  const batches: DumpBatch[] = [];
  for await (const batch of store.dump(batchSize)) batches.push(batch);
  return batches;
}

/** A dump with the alerts' ids left out: each store numbers its own rows. */
async function contentOf(store: Store): Promise<unknown[]> {
  return (await batchesOf(store)).map((batch) =>
    batch.table === "alert_ledger" ? { ...batch, rows: batch.rows.map(({ id: _id, ...row }) => row) } : batch,
  );
}

async function copy(from: Store, to: Store, batchSize: number): Promise<void> {
  for await (const batch of from.dump(batchSize)) await to.load(batch);
}

const backends: Record<StoreBackend["name"], () => StoreBackend> = {
  sqlite: sqliteBackend,
  postgres: postgresBackend,
};

describe.each([
  ["sqlite", "postgres"],
  ["postgres", "sqlite"],
  ["sqlite", "sqlite"],
  ["postgres", "postgres"],
] as const)("copying a store from %s to %s", (from, to) => {
  const source = useBackend(backends[from]);
  const target = useBackend(backends[to]);
  let original: Store;
  let copied: Store;
  beforeEach(async () => {
    original = await source.current.fresh();
    copied = await target.current.fresh();
    await fill(original);
  });

  it("dumps each table in key order, in batches of the size asked for", async () => {
    const batches = await batchesOf(original, 2);
    expect(batches.map((b) => [b.table, b.rows.length])).toEqual([
      ["records", 2],
      ["records", 2],
      ["records", 1],
      ["meta", 2],
      ["meta", 1],
      ["alert_ledger", 2],
      ["alert_ledger", 2],
    ]);
    const records = batches.flatMap((b) => (b.table === "records" ? b.rows : []));
    expect(records.map((r) => `${r.kind}/${r.source}/${r.key}`)).toEqual([
      `backup-run/veeam/nightly|${Date.parse("2026-03-02T01:00:00Z")}`,
      `outage/monitoring/network||${Date.parse("2026-03-02T08:00:00Z")}`,
      "ticket/topdesk/I1",
      "ticket/topdesk/I2",
      "ticket/topdesk/I3",
    ]);
    expect(records[2]).toMatchObject({
      open: 1,
      sourceHash: "line-1",
      activityAt: Date.parse("2026-03-02T08:15:00Z"),
    });
  });

  it("gives equal records, meta and ledger", async () => {
    await copy(original, copied, 2);
    for (const kind of RECORD_KINDS) expect(await copied.records(kind)).toEqual(await original.records(kind));
    expect(await contentOf(copied)).toEqual(await contentOf(original));
    expect(await copied.getMeta("connector:veeam:cursor")).toBe("42");
    expect(await copied.counts()).toEqual(await original.counts());
    const keys = (rows: Array<{ key: string }>) => rows.map((row) => row.key);
    expect(keys(await copied.unsettledAlerts())).toEqual(["sending", "pending"]);
    expect(await copied.unsettledAlerts()).toEqual(
      (await original.unsettledAlerts()).map((row) => ({ ...row, id: expect.any(Number) })),
    );
    expect(await copied.alertThreadMessage("thread-I1")).toEqual({ channel: "C1", ts: "1700000000.1" });
    // the expiry came along: retention drops the entry in the copy as it would have in the source
    await copied.purgeBefore(T0);
    expect(await copied.getMeta("topdesk:td:incident:abc")).toBeNull();
    expect(await copied.getMeta("connector:veeam:cursor")).toBe("42");
  });

  it("keeps the hashes, so the next sync of the same records writes nothing", async () => {
    await copy(original, copied, 100);
    expect(await copied.upsert(RECORDS)).toEqual({ inserted: 0, updated: 0, unchanged: 5 });
    // The source hash came along too: the same line is taken as unchanged without a look.
    const resolved = ticket("I1", [{ at: "2026-03-03T10:00:00+01:00", type: "resolved" }]);
    expect(await copied.upsert([{ connector: "td", record: resolved, sourceHash: "line-1" }])).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
  });

  it("can be run again: a second load leaves the same state and ids", async () => {
    await copy(original, copied, 3);
    const first = await batchesOf(copied);
    await copy(original, copied, 2);
    expect(await batchesOf(copied)).toEqual(first);
  });

  it("overwrites what the target changed since, by identity", async () => {
    await copy(original, copied, 100);
    const before = await contentOf(copied);
    await copied.upsert([{ connector: "td", record: closedTicket("I1") }]);
    await copied.setMeta("connector:veeam:cursor", "99");
    const pending = (await copied.unsettledAlerts()).find((row) => row.key === "pending");
    await copied.updateAlert(pending?.id ?? 0, { kind: "settle", status: "expired", at: T0 + 9 });
    await copy(original, copied, 100);
    expect(await contentOf(copied)).toEqual(before);
  });

  it("writes the target's tenant, never the source's", async () => {
    await copy(original, copied, 100);
    const dumpedMeta = (await batchesOf(copied)).flatMap((b) =>
      b.table === "meta" ? b.rows.map((r) => r.key) : [],
    );
    expect(dumpedMeta).toEqual([
      "connector:td:watermark",
      "connector:veeam:cursor",
      "topdesk:td:incident:abc",
    ]);
    if (to === "sqlite") expect(await copied.getMeta("store:tenant")).toBe(copied.tenant);
  });
});

describe("dump", () => {
  const backend = useBackend(sqliteBackend);

  it.each([0, -1, 2.5])("refuses a batch size of %s", async (size) => {
    const store = await backend.current.fresh();
    expect(() => store.dump(size)).toThrow(/dump batch size must be a whole number of at least 1/);
  });

  it("of an empty store yields nothing", async () => {
    expect(await batchesOf(await backend.current.fresh())).toEqual([]);
  });
});

describe.each(BACKENDS)("load on %s", (_name, make) => {
  const backend = useBackend(make);

  it("keeps the last row of an identity a hand-made batch repeats", async () => {
    const store = await backend.current.fresh();
    const resolved = ticket("I1", [{ at: "2026-03-03T10:00:00+01:00", type: "resolved" }]);
    await store.load({
      table: "records",
      rows: [
        toRecordRow({ connector: "td", record: ticket("I1") }),
        toRecordRow({ connector: "td", record: resolved }),
      ],
    });
    await store.load({
      table: "meta",
      rows: [
        { key: "k", value: "first", expiresAt: null },
        { key: "k", value: "last", expiresAt: 5 },
      ],
    });
    expect(await store.records("ticket")).toEqual([resolved]);
    expect(await store.getMeta("k")).toBe("last");
  });
});
