import BetterSqlite3 from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS } from "../../src/store/migrations.js";
import type { AlertIntent, Store } from "../../src/store/types.js";
import { BACKENDS, useBackend } from "./backends.js";
import { closedTicket, ticket } from "./records.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");

function intent(key: string, fields: Partial<AlertIntent> = {}): AlertIntent {
  return {
    key,
    thread: `thread-${key}`,
    channel: "slack:C1",
    source: "topdesk",
    ticket: "I1",
    clock: "response",
    transition: "at-risk",
    deadline: T0,
    payload: "{}",
    notBefore: T0,
    ...fields,
  };
}

describe.each(BACKENDS)("alert ledger on %s", (_name, make) => {
  const backend = useBackend(make);
  let store: Store;
  beforeEach(async () => {
    store = await backend.current.fresh();
  });

  it("records a key once, whatever its status later", async () => {
    expect(await store.recordAlerts([intent("a"), intent("b")], T0)).toBe(2);
    const [a] = await store.unsettledAlerts();
    await store.updateAlert(a?.id ?? 0, { kind: "sent", at: T0, message: { channel: "C1", ts: "1.1" } });
    expect(await store.recordAlerts([intent("a"), intent("c")], T0 + 1)).toBe(1);
    expect([...(await store.knownAlertKeys(["a", "b", "c", "d"]))].sort()).toEqual(["a", "b", "c"]);
    expect((await store.unsettledAlerts()).map((r) => r.key)).toEqual(["b", "c"]);
  });

  it("lists unsettled alerts in the order they were recorded, with every field", async () => {
    await store.recordAlerts([intent("late")], T0 + 5000);
    await store.recordAlerts([intent("early", { notBefore: T0 + 99 })], T0);
    const rows = await store.unsettledAlerts();
    expect(rows.map((r) => r.key)).toEqual(["early", "late"]);
    expect(rows[0]).toEqual({
      ...intent("early", { notBefore: T0 + 99 }),
      id: expect.any(Number),
      status: "pending",
      createdAt: T0,
      attempts: 0,
      attemptedAt: null,
      settledAt: null,
      lastError: null,
      message: null,
    });
  });

  it("moves a row through attempt, defer and confirmation", async () => {
    await store.recordAlerts([intent("a")], T0);
    const id = (await store.unsettledAlerts())[0]?.id ?? 0;
    expect(await store.updateAlert(id, { kind: "attempt", at: T0 + 1, attempts: 0 })).toBe(true);
    expect((await store.unsettledAlerts())[0]).toMatchObject({
      status: "sending",
      attempts: 1,
      attemptedAt: T0 + 1,
    });
    await store.updateAlert(id, {
      kind: "defer",
      notBefore: T0 + 60_000,
      error: "slack: 500",
      uncertain: true,
    });
    expect((await store.unsettledAlerts())[0]).toMatchObject({
      status: "sending",
      notBefore: T0 + 60_000,
      lastError: "slack: 500",
    });
    await store.updateAlert(id, {
      kind: "defer",
      notBefore: T0 + 120_000,
      error: "rate limited",
      uncertain: false,
    });
    expect((await store.unsettledAlerts())[0]).toMatchObject({ status: "pending", attempts: 1 });
    expect(await store.updateAlert(id, { kind: "attempt", at: T0 + 2, attempts: 1 })).toBe(true);
    await store.updateAlert(id, {
      kind: "sent",
      at: T0 + 3,
      message: { channel: "C1", ts: "1700000000.000100" },
    });
    expect(await store.unsettledAlerts()).toEqual([]);
    expect(await store.alertThreadMessage("thread-a")).toEqual({ channel: "C1", ts: "1700000000.000100" });
  });

  it("lets only one of two processes claim a send", async () => {
    await store.recordAlerts([intent("a")], T0);
    const [row] = await store.unsettledAlerts();
    const id = row?.id ?? 0;
    // Both read the row with 0 attempts; the first claim wins, the second finds it taken.
    expect(await store.updateAlert(id, { kind: "attempt", at: T0, attempts: 0 })).toBe(true);
    expect(await store.updateAlert(id, { kind: "attempt", at: T0, attempts: 0 })).toBe(false);
    await store.updateAlert(id, { kind: "sent", at: T0, message: null });
    expect(await store.updateAlert(id, { kind: "attempt", at: T0, attempts: 1 })).toBe(false);
  });

  it("gives a thread the message of its latest sent alert, and none before one is sent", async () => {
    await store.recordAlerts([intent("a", { thread: "t" }), intent("b", { thread: "t" })], T0);
    expect(await store.alertThreadMessage("t")).toBeNull();
    const [a, b] = await store.unsettledAlerts();
    await store.updateAlert(a?.id ?? 0, { kind: "sent", at: T0, message: { channel: "C1", ts: "1.1" } });
    await store.updateAlert(b?.id ?? 0, { kind: "sent", at: T0, message: null });
    expect(await store.alertThreadMessage("t")).toEqual({ channel: "C1", ts: "1.1" });
  });

  it("gives many threads at once the message and transition of their latest sent alert", async () => {
    await store.recordAlerts(
      [
        intent("a1", { thread: "a" }),
        intent("a2", { thread: "a", transition: "breached" }),
        intent("a3", { thread: "a", transition: "resolved" }),
        intent("b1", { thread: "b" }),
        intent("c1", { thread: "c" }),
        intent("d1", { thread: "d" }),
      ],
      T0,
    );
    const id = new Map((await store.unsettledAlerts()).map((r) => [r.key, r.id]));
    const sent = (key: string, message: { channel: string; ts: string } | null) =>
      store.updateAlert(id.get(key) ?? 0, { kind: "sent", at: T0, message });
    await sent("a1", { channel: "C1", ts: "1.1" });
    await sent("a2", { channel: "C1", ts: "1.1" });
    // a3 is still pending: the message shows a2. b: sent without a message (Teams). c: failed.
    await sent("b1", null);
    await store.updateAlert(id.get("c1") ?? 0, { kind: "settle", status: "failed", at: T0 });
    await sent("d1", { channel: "C2", ts: "4.4" });

    expect(await store.alertThreadMessages(["a", "b", "c", "d", "unknown"])).toEqual(
      new Map([
        ["a", { message: { channel: "C1", ts: "1.1" }, transition: "breached" }],
        ["d", { message: { channel: "C2", ts: "4.4" }, transition: "at-risk" }],
      ]),
    );
    await sent("a3", { channel: "C1", ts: "1.1" });
    expect((await store.alertThreadMessages(["a"])).get("a")?.transition).toBe("resolved");
    expect(await store.alertThreadMessages([])).toEqual(new Map());
  });

  it("looks up more threads than one batch holds", async () => {
    const intents = Array.from({ length: 520 }, (_, i) => intent(`k${i}`, { thread: `t${i}` }));
    await store.recordAlerts(intents, T0);
    for (const row of await store.unsettledAlerts()) {
      await store.updateAlert(row.id, { kind: "sent", at: T0, message: { channel: "C1", ts: row.thread } });
    }
    const found = await store.alertThreadMessages([...intents.map((i) => i.thread), "missing"]);
    expect(found.size).toBe(520);
    expect(found.get("t519")).toEqual({ message: { channel: "C1", ts: "t519" }, transition: "at-risk" });
  });

  it("settles a row without sending it", async () => {
    await store.recordAlerts([intent("a")], T0);
    const id = (await store.unsettledAlerts())[0]?.id ?? 0;
    await store.updateAlert(id, { kind: "settle", status: "superseded", at: T0 + 5 });
    expect(await store.unsettledAlerts()).toEqual([]);
    expect(await store.knownAlertKeys(["a"])).toEqual(new Set(["a"]));
  });

  it("looks up many keys at once", async () => {
    const intents = Array.from({ length: 1200 }, (_, i) => intent(`k${i}`));
    expect(await store.recordAlerts(intents, T0)).toBe(1200);
    expect((await store.knownAlertKeys([...intents.map((i) => i.key), "missing"])).size).toBe(1200);
  });

  it("prunes old settled rows of tickets no longer open, never pending ones or open tickets'", async () => {
    await store.upsert([
      { connector: "topdesk", record: ticket("OPEN") },
      { connector: "topdesk", record: closedTicket("DONE") },
    ]);
    await store.recordAlerts(
      [
        intent("open-sent", { ticket: "OPEN" }),
        intent("done-sent", { ticket: "DONE" }),
        intent("done-pending", { ticket: "DONE" }),
        intent("gone-sent", { ticket: "PURGED" }),
      ],
      T0,
    );
    for (const row of await store.unsettledAlerts()) {
      if (row.key !== "done-pending")
        await store.updateAlert(row.id, { kind: "sent", at: T0, message: null });
    }
    expect(await store.pruneAlerts(T0)).toBe(0);
    expect(await store.pruneAlerts(T0 + 1)).toBe(2);
    expect(
      [...(await store.knownAlertKeys(["open-sent", "done-sent", "done-pending", "gone-sent"]))].sort(),
    ).toEqual(["done-pending", "open-sent"]);
  });
});

describe("migration 3", () => {
  it("adds the ledger to a version-2 database, keeping its records", () => {
    const db = new BetterSqlite3(":memory:");
    applyMigrations(db, MIGRATIONS.slice(0, 2));
    db.prepare(
      "INSERT INTO records (kind, source, key, activity_at, open, hash, body) VALUES ('ticket', 'td', 'I1', 0, 1, 'h', '{}')",
    ).run();
    expect(applyMigrations(db, MIGRATIONS.slice(0, 3))).toEqual([3]);
    expect(db.prepare("SELECT count(*) FROM records").pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM alert_ledger").pluck().get()).toBe(0);
    db.close();
  });

  it("refuses a status outside the ledger's states", () => {
    const db = new BetterSqlite3(":memory:");
    applyMigrations(db);
    expect(() =>
      db
        .prepare(
          `INSERT INTO alert_ledger (alert_key, thread, channel, source, ticket, clock, transition, deadline, payload, status, created_at, not_before)
           VALUES ('k', 't', 'c', 's', 'i', 'response', 'at-risk', 0, '{}', 'lost', 0, 0)`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
