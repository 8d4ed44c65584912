import { beforeEach, describe, expect, it } from "vitest";
import type { CanonicalRecord } from "../../src/model/schema.js";
import type { IncomingRecord, Store } from "../../src/store/types.js";
import { BACKENDS, useBackend } from "./backends.js";
import { closedTicket, ms, record, ticket } from "./records.js";

const from = (connector: string, ...records: CanonicalRecord[]): IncomingRecord[] =>
  records.map((r) => ({ connector, record: r }));

describe.each(BACKENDS)("records on %s", (_name, make) => {
  const backend = useBackend(make);
  let store: Store;
  beforeEach(async () => {
    store = await backend.current.fresh();
  });

  describe("upsert", () => {
    it("inserts new records, then leaves an identical re-import alone", async () => {
      const batch = from(
        "td",
        ticket("I1"),
        closedTicket("I2"),
        record({ kind: "backup-run", job: "nightly", scheduledAt: "2026-03-02T01:00:00Z", success: true }),
      );
      expect(await store.upsert(batch)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
      expect(await store.upsert(batch)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
      expect((await store.counts()).ticket).toBe(2);
    });

    it("replaces the stored version of an updated ticket", async () => {
      await store.upsert(from("td", ticket("I1")));
      const resolved = ticket("I1", [{ at: "2026-03-03T10:00:00+01:00", type: "resolved" }]);
      expect(await store.upsert(from("td", resolved))).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      const stored = await store.records("ticket");
      expect(stored).toEqual([resolved]);
      expect(stored[0]?.events).toEqual([{ at: ms("2026-03-03T09:00:00Z"), type: "resolved" }]);
    });

    it("keeps the same id from two sources apart", async () => {
      const counts = await store.upsert([
        ...from("a", ticket("I1", [], { source: "topdesk" })),
        ...from("a", ticket("I1", [], { source: "jira" })),
      ]);
      expect(counts.inserted).toBe(2);
      expect((await store.records("ticket", { source: "jira" })).map((t) => t.source)).toEqual(["jira"]);
    });

    it("gives a record without its own source the connector's name, in the key and the body", async () => {
      const run = record({
        kind: "backup-run",
        job: "nightly",
        scheduledAt: "2026-03-02T01:00:00Z",
        success: true,
      });
      await store.upsert([...from("veeam", run), ...from("other", run)]);
      const runs = await store.records("backup-run");
      expect(runs.map((r) => r.source)).toEqual(["other", "veeam"]);
      expect(await store.records("backup-run", { source: "veeam" })).toEqual([{ ...run, source: "veeam" }]);
    });

    it("counts a key repeated within one call as inserted, then updated or unchanged", async () => {
      const first = ticket("I1");
      const second = ticket("I1", [{ at: "2026-03-02T10:00:00+01:00", type: "resolved" }]);
      expect(await store.upsert(from("td", first, first, second))).toEqual({
        inserted: 1,
        updated: 1,
        unchanged: 1,
      });
    });

    it("stores all records of a call or none: a failure rolls back the earlier writes of the call", async () => {
      await store.upsert(from("td", ticket("I1")));
      const broken = { ...ticket("I9"), leadTimeDays: 10n } as unknown as CanonicalRecord; // BigInt cannot be serialised
      const batch = from(
        "td",
        ticket("I2"),
        ticket("I1", [{ at: "2026-03-02T11:00:00+01:00", type: "resolved" }]),
        broken,
      );
      await expect(store.upsert(batch)).rejects.toThrow(/BigInt/);
      expect(await store.records("ticket")).toEqual([ticket("I1")]);
      expect(await store.upsert(from("td", ticket("I2")))).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    });
  });

  describe("upsert with source hashes", () => {
    const withHash = (record: CanonicalRecord, sourceHash: string): IncomingRecord[] => [
      { connector: "exports", record, sourceHash },
    ];
    const resolved = ticket("I1", [{ at: "2026-03-03T10:00:00+01:00", type: "resolved" }]);

    it("takes an equal source hash for unchanged, without comparing the content", async () => {
      await store.upsert(withHash(ticket("I1"), "line-v1"));
      // Only possible if the connector broke its promise; shows that the content is not looked at.
      expect(await store.upsert(withHash(resolved, "line-v1"))).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
      });
      expect(await store.records("ticket")).toEqual([ticket("I1")]);
    });

    it("compares the content when the source hash differs, and remembers the new source form", async () => {
      await store.upsert(withHash(ticket("I1"), "line-v1"));
      // Same record from another line (only its `extra` changed): unchanged, and the new hash kept…
      expect(await store.upsert(withHash(ticket("I1"), "line-v2"))).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
      });
      // …so that line-v2 now takes the fast path.
      expect(await store.upsert(withHash(resolved, "line-v2"))).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
      });
      expect(await store.upsert(withHash(resolved, "line-v3"))).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
      });
      expect(await store.records("ticket")).toEqual([resolved]);
    });

    it("forgets the source hash when a record is replaced without one", async () => {
      await store.upsert(withHash(ticket("I1"), "line-v1"));
      await store.upsert(from("exports", resolved));
      expect(await store.upsert(withHash(ticket("I1"), "line-v1"))).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
      });
    });
  });

  describe("preview", () => {
    it("classifies like upsert but writes nothing", async () => {
      await store.upsert(from("td", ticket("I1"), ticket("I2")));
      const changed = ticket("I2", [{ at: "2026-03-02T11:00:00+01:00", type: "resolved" }]);
      expect(await store.preview(from("td", ticket("I1"), changed, ticket("I3")))).toEqual({
        inserted: 1,
        updated: 1,
        unchanged: 1,
      });
      expect(await store.records("ticket")).toEqual([ticket("I1"), ticket("I2")]);
    });
  });

  describe("records", () => {
    beforeEach(async () => {
      await store.upsert(
        from(
          "td",
          ticket("OPEN-OLD", [], { createdAt: "2025-01-06T09:00:00+01:00" }),
          closedTicket("CLOSED-MARCH"),
          ticket("CLOSED-2025", [{ at: "2025-02-03T09:00:00+01:00", type: "closed" }], {
            createdAt: "2025-02-01T09:00:00+01:00",
          }),
          ticket("REOPENED", [
            { at: "2026-03-03T09:00:00+01:00", type: "resolved" },
            { at: "2026-03-04T09:00:00+01:00", type: "reopened" },
          ]),
        ),
      );
    });

    it("returns the kind's records as parsed, in (source, key) order", async () => {
      expect((await store.records("ticket")).map((t) => t.id)).toEqual([
        "CLOSED-2025",
        "CLOSED-MARCH",
        "OPEN-OLD",
        "REOPENED",
      ]);
      expect(await store.records("outage")).toEqual([]);
    });

    it("openOnly: tickets not resolved or closed as of their last event", async () => {
      expect((await store.records("ticket", { openOnly: true })).map((t) => t.id)).toEqual([
        "OPEN-OLD",
        "REOPENED",
      ]);
    });

    it("activeSince: records active at or after the instant, and every open one", async () => {
      const since = await store.records("ticket", { activeSince: ms("2026-03-01T00:00:00+01:00") });
      expect(since.map((t) => t.id)).toEqual(["CLOSED-MARCH", "OPEN-OLD", "REOPENED"]);
      const atClosing = await store.records("ticket", { activeSince: ms("2025-02-03T09:00:00+01:00") });
      expect(atClosing.map((t) => t.id)).toContain("CLOSED-2025");
    });
  });

  describe("meta and counts", () => {
    it("stores, replaces and reads meta values", async () => {
      expect(await store.getMeta("connector:td:watermark")).toBeNull();
      await store.setMeta("connector:td:watermark", "2026-03-01T00:00:00Z");
      await store.setMeta("connector:td:watermark", "2026-03-02T00:00:00Z");
      expect(await store.getMeta("connector:td:watermark")).toBe("2026-03-02T00:00:00Z");
    });

    it("counts every kind, zero included", async () => {
      await store.upsert(
        from("td", ticket("I1"), record({ kind: "restore-test", at: "2026-03-02T01:00:00Z", success: true })),
      );
      const counts = await store.counts();
      expect(counts).toMatchObject({ ticket: 1, "restore-test": 1, outage: 0, evidence: 0 });
      expect(Object.keys(counts)).toHaveLength(11);
    });
  });
});
