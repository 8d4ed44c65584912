/**
 * End-to-end (issue 8, docs/operations.md "Several instances", docs/alerts.md "Exactly once"):
 * two `sla-sentinel run` processes of one tenant on one PostgreSQL, alerting into a fake Slack
 * (fake-slack.ts). Only the lease holder sends; when it is killed mid-delivery, the standby takes
 * over once the lease has lapsed and finishes the delivery, finding the message whose answer the
 * killed process never received instead of posting it again.
 *
 * These tests run the built CLI (dist/src/cli/main.js) in child processes. CI builds dist/ in
 * `npm ci` (the `prepare` script); `beforeAll` rebuilds it when it is missing or older than any
 * file under src/ or connectors/ (about 10 s of tsc). PostgreSQL must run at TEST_PG_URL, as for
 * the store suites; each test uses a schema of its own and drops it.
 */
import { rmSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { httpGet, parseMetrics } from "../daemon/helpers.js";
import { dropSchema } from "../store/backends.js";
import { ensureBuilt } from "./build.js";
import { FakeSlack, type SlackMessage } from "./fake-slack.js";
import { freePort, Instance, until } from "./instance.js";
import {
  Database,
  INSTANCE_ENV,
  LEASE_SECONDS,
  openTickets,
  SLACK_CHANNEL,
  SLACK_TOKEN,
  SYNC_EVERY_MS,
  type Workspace,
  workspace,
} from "./workspace.js";

const TAKEN = "lease taken: this instance is active";
const STANDING_BY = "standing by: another instance is active";
/** start-up of a process: node, the config, the contract, migrations, the first cycle's claim */
const START_MS = 30_000;

let instances: Instance[] = [];
let slack: FakeSlack | null = null;
let database: Database | null = null;
let schema: string | null = null;
let folder: string | null = null;

beforeAll(ensureBuilt, 180_000);

afterEach(async () => {
  for (const instance of instances) instance.kill("SIGKILL");
  await Promise.all(instances.map((instance) => instance.exited));
  instances = [];
  await slack?.close();
  slack = null;
  await database?.close();
  database = null;
  if (schema !== null) await dropSchema(schema);
  schema = null;
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

async function setUp(ticketCount: number, postDelayMs: number): Promise<{ ws: Workspace; ids: string[] }> {
  slack = await FakeSlack.start({ token: SLACK_TOKEN, channel: SLACK_CHANNEL, postDelayMs });
  const tickets = openTickets(ticketCount, Date.now());
  const ws = workspace({ slackApiUrl: slack.apiUrl, ticketLines: tickets.map((t) => t.line) });
  schema = ws.schema;
  folder = ws.dir;
  database = new Database(ws.schema);
  return { ws, ids: tickets.map((t) => t.id) };
}

async function start(name: string, ws: Workspace): Promise<Instance> {
  const port = await freePort();
  const instance = new Instance(name, ws.configFor(port), port, INSTANCE_ENV);
  instances.push(instance);
  return instance;
}

/** Sends `signal` to `instance` as soon as Slack has stored post number `count`, before it answers. */
function signalOnPost(
  fake: FakeSlack,
  count: number,
  instance: Instance,
  signal: NodeJS.Signals,
): Promise<{ message: SlackMessage; at: number }> {
  const signalled = new Promise<{ message: SlackMessage; at: number }>((resolve) => {
    fake.onPost = (message) => {
      if (fake.messages.length !== count) return;
      instance.kill(signal);
      resolve({ message, at: Date.now() });
    };
  });
  const gone = instance.exited.then((exit) => {
    throw new Error(
      `${instance.name} exited (${JSON.stringify(exit)}) before post ${count}\n${instance.tail()}`,
    );
  });
  return Promise.race([signalled, gone]);
}

/** Each instance's /healthz status and `sla_sentinel_active` gauge. */
function roles(list: readonly Instance[]) {
  return Promise.all(
    list.map(async (i) => ({
      name: i.name,
      healthz: (await httpGet(i.port, "/healthz")).status,
      active: parseMetrics((await httpGet(i.port, "/metrics")).body).get("sla_sentinel_active"),
    })),
  );
}

/** Every alert of the ledger settled as sent, and as many as expected. */
async function allSent(expected: number): Promise<boolean> {
  const rows = await (database as Database).ledger().catch(() => []);
  return rows.length === expected && rows.every((r) => r.status === "sent");
}

/**
 * What each posted message's alert key names: ["exports", "<ticket>", "<clock>", "<transition>",
 * "<deadline>", "<channel>"]; a message without one counts as a ticket named by its text.
 */
function postedAlerts(messages: readonly SlackMessage[]) {
  return messages.map((m) => {
    const key = m.metadata?.event_payload.alert_key;
    if (typeof key !== "string") return { ticket: `no alert key: ${m.text}` };
    const [source, ticket, clock, transition, , channel] = JSON.parse(key) as string[];
    return { source, ticket: String(ticket), clock, transition, channel };
  });
}

/** Each ticket's one breach alert, posted once: none twice, none missing, nothing else. */
function expectEachAlertPostedOnce(fake: FakeSlack, ids: readonly string[]): void {
  const alerts = postedAlerts(fake.messages);
  const postsPerTicket: Record<string, number> = {};
  for (const alert of alerts) postsPerTicket[alert.ticket] = (postsPerTicket[alert.ticket] ?? 0) + 1;
  expect(postsPerTicket).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
  expect(fake.postsByAlert().size).toBe(ids.length);
  for (const alert of alerts) {
    expect(alert).toMatchObject({
      source: "exports",
      clock: "resolution",
      transition: "breached",
      channel: `slack:${SLACK_CHANNEL}`,
    });
  }
}

/** The ledger agrees with Slack: each alert confirmed with the message Slack holds for it. */
async function expectLedgerMatchesSlack(fake: FakeSlack): Promise<void> {
  const byKey = new Map(fake.messages.map((m) => [m.metadata?.event_payload.alert_key, m.ts]));
  for (const row of await (database as Database).ledger()) {
    expect({ key: row.key, status: row.status, ts: row.messageTs }).toEqual({
      key: row.key,
      status: "sent",
      ts: byKey.get(row.key),
    });
  }
}

describe("two run instances on one PostgreSQL", () => {
  it("a standby takes over from an active instance killed mid-delivery, and each alert is posted exactly once", async () => {
    const TICKETS = 20;
    // Posts are paced 1 s apart per channel; the slow answers make the kill land inside a request.
    const { ws, ids } = await setUp(TICKETS, 300);
    const fake = slack as FakeSlack;
    const db = database as Database;

    const a = await start("A", ws);
    await a.waitForLog(TAKEN, START_MS);
    const b = await start("B", ws);
    await b.waitForLog(STANDING_BY, START_MS);
    expect(b.logged(STANDING_BY)[0]?.fields.activeHolder).toBe(a.holder);

    // Kill A right after Slack stored its next-but-one post, before the answer reaches it: that
    // alert stays `sending` in the ledger although Slack has it.
    const killAt = fake.messages.length + 2;
    expect(killAt, "A must still be delivering when B stands by").toBeLessThanOrEqual(TICKETS - 5);
    const kill = await signalOnPost(fake, killAt, a, "SIGKILL");
    expect(await a.exited).toEqual({ code: null, signal: "SIGKILL" });
    const killedKey = kill.message.metadata?.event_payload.alert_key;
    expect(fake.messages).toHaveLength(killAt);
    expect((await db.ledger()).find((r) => r.key === killedKey)).toMatchObject({
      status: "sending",
      attempts: 1,
    });

    // A's lease outlives it until its expiry; B takes it at its first tick after that.
    const left = await db.activeLease();
    expect(left?.holder).toBe(a.holder);
    const takeover = await b.waitForLog(TAKEN, LEASE_SECONDS * 1000 + 3 * SYNC_EVERY_MS);
    expect(takeover.at).toBeGreaterThanOrEqual(left?.expiresAt as number);
    // at its first tick after the lapse, or the second on a busy machine
    expect(takeover.at - (left?.expiresAt as number)).toBeLessThanOrEqual(2 * SYNC_EVERY_MS);
    expect(takeover.at - kill.at).toBeLessThanOrEqual(16_000);

    await until(
      () => allSent(TICKETS),
      40_000,
      () => `every alert sent\n${b.tail()}`,
    );
    expectEachAlertPostedOnce(fake, ids);
    await expectLedgerMatchesSlack(fake);
    // The post A was killed in was found in the channel's history, not made again.
    expect(fake.callsOf("conversations.history")).toBeGreaterThanOrEqual(1);
    expect((await db.ledger()).find((r) => r.key === killedKey)).toMatchObject({
      status: "sent",
      attempts: 1,
      messageTs: kill.message.ts,
    });

    b.kill("SIGTERM");
    expect(await b.exited).toEqual({ code: 0, signal: null });
    expect(b.logged("lease released")).toHaveLength(1);
    expect(await db.leaseCount()).toBe(0);
  }, 120_000);

  it("a stopped active instance hands over at once: the standby takes over at its next tick", async () => {
    const TICKETS = 8;
    const { ws, ids } = await setUp(TICKETS, 300);
    const fake = slack as FakeSlack;
    const db = database as Database;

    const a = await start("A", ws);
    await a.waitForLog(TAKEN, START_MS);
    const b = await start("B", ws);
    await b.waitForLog(STANDING_BY, START_MS);
    const stopAt = fake.messages.length + 1;
    expect(stopAt, "A must still be delivering when B stands by").toBeLessThan(TICKETS);
    await signalOnPost(fake, stopAt, a, "SIGTERM");

    // A ends its cycle within the grace period and gives the lease back: no waiting for it to lapse.
    expect(await a.exited).toEqual({ code: 0, signal: null });
    const stopped = Date.now();
    expect(a.logged("lease released")).toHaveLength(1);
    const takeover = await b.waitForLog(TAKEN, 3 * SYNC_EVERY_MS);
    expect(takeover.at - stopped).toBeLessThan(LEASE_SECONDS * 1000);
    expect((await db.activeLease())?.holder).toBe(b.holder);

    await until(
      () => allSent(TICKETS),
      30_000,
      () => `every alert sent\n${b.tail()}`,
    );
    expectEachAlertPostedOnce(fake, ids);
    await expectLedgerMatchesSlack(fake);
  }, 90_000);

  it("two instances started together: exactly one becomes active, and no alert is posted twice", async () => {
    const TICKETS = 6;
    const { ws, ids } = await setUp(TICKETS, 0);
    const fake = slack as FakeSlack;
    const db = database as Database;

    const both = await Promise.all([start("A", ws), start("B", ws)]);
    const decided = (i: Instance) => i.logged(TAKEN).length + i.logged(STANDING_BY).length > 0;
    await until(
      () => both.every(decided) || both.some((i) => !i.running),
      START_MS,
      () => both.map((i) => i.tail()).join("\n"),
    );
    const active = both.filter((i) => i.logged(TAKEN).length > 0);
    const standby = both.filter((i) => i.logged(STANDING_BY).length > 0);
    expect(active).toHaveLength(1);
    expect(standby).toHaveLength(1);
    expect(standby[0]).not.toBe(active[0]);
    expect((await db.activeLease())?.holder).toBe(active[0]?.holder);

    await until(
      () => allSent(TICKETS),
      30_000,
      () => `every alert sent\n${active[0]?.tail()}`,
    );
    expectEachAlertPostedOnce(fake, ids);
    await expectLedgerMatchesSlack(fake);
    // Nothing was in doubt: no lookups, and the standby never held the lease.
    expect(fake.callsOf("conversations.history")).toBe(0);
    expect(standby[0]?.logged(TAKEN)).toEqual([]);
    // Both ready once the active one's first cycle ended; the metric tells the roles apart.
    await active[0]?.waitForLog("sync cycle succeeded", 10_000);
    expect(await roles(both)).toEqual(
      both.map((i) => ({ name: i.name, healthz: 200, active: i === active[0] ? 1 : 0 })),
    );

    for (const instance of both) instance.kill("SIGTERM");
    expect(await Promise.all(both.map((i) => i.exited))).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    expect(active[0]?.logged("lease released")).toHaveLength(1);
    expect(standby[0]?.logged("lease released")).toEqual([]);
    expect(await db.leaseCount()).toBe(0);
  }, 90_000);
});
