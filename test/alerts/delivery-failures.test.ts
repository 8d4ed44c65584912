import nock from "nock";
import { describe, expect, it } from "vitest";
import { notifySchema } from "../../src/config/schema/notify.js";
import type { Store } from "../../src/store/types.js";
import { useNock } from "../http/nock-harness.js";
import {
  confirmFailing,
  harness,
  MON,
  notify,
  type SlackCall,
  TEAMS_HOST,
  TEAMS_PATH,
  TEAMS_URL,
  ticket,
  useAlertStore,
} from "./helpers.js";
import { slack, slackHistory } from "./slack-mock.js";

useNock();

const open = useAlertStore();
const ticketOf = (call: SlackCall) => JSON.parse(call.alertKey ?? "[]")[1];

describe("Slack rate limits", () => {
  it("waits out a short Retry-After in place and sends", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls, { ok: false, error: "ratelimited" }, 429, { "Retry-After": "2" });
    slack("chat.postMessage", calls);
    expect(await h.cycle(MON("09:45"))).toEqual([expect.objectContaining({ sent: 1, pending: 0 })]);
    expect(h.waits).toEqual([2000]);
    expect(calls).toHaveLength(2);
  });

  it("defers the channel for a long Retry-After and sends once it has passed", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls, { ok: false, error: "ratelimited" }, 429, { "Retry-After": "120" });
    expect(await h.cycle(MON("09:45"))).toEqual([
      expect.objectContaining({
        sent: 0,
        deferred: 1,
        pending: 1,
        delayed: "slack chat.postMessage: rate limited (retry after 120 s)",
      }),
    ]);
    expect(h.waits).toEqual([]);
    // A minute later Slack's two minutes have not passed: nothing is tried.
    expect(await h.cycle("2026-03-02T09:46:00+01:00")).toEqual([
      expect.objectContaining({ sent: 0, pending: 1 }),
    ]);
    slack("chat.postMessage", calls);
    expect(await h.cycle("2026-03-02T09:47:00+01:00")).toEqual([
      expect.objectContaining({ sent: 1, pending: 0 }),
    ]);
    expect(calls).toHaveLength(2);
  });

  it("keeps about one message per second per channel", async () => {
    const s = await open(
      ticket("I-1", { priority: "P2" }),
      ticket("I-2", { priority: "P2" }),
      ticket("I-3", { priority: "P2" }),
    );
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    for (let i = 0; i < 3; i++) slack("chat.postMessage", calls);
    expect(await h.cycle(MON("09:45"))).toEqual([expect.objectContaining({ sent: 3 })]);
    expect(h.waits).toEqual([1000, 1000]);
  });
});

describe("a chat outage", () => {
  it("leaves alerts pending without holding other channels, then delivers them in order", async () => {
    // At 09:47 all three are at risk: 47, 46 and 45 of 60 business minutes used.
    const s = await open(
      ticket("I-1", { priority: "P2" }),
      ticket("I-2", { priority: "P2", createdAt: MON("09:01") }),
      ticket("I-3", { priority: "P2", createdAt: MON("09:02") }),
    );
    const h = harness(s, notify({ teams: { webhookUrl: TEAMS_URL } }));
    const calls: SlackCall[] = [];
    // Slack is down: the SDK tries three times (its retry policy), then the channel waits.
    nock("https://slack.test").post("/api/chat.postMessage").times(3).reply(503, "upstream connect error");
    nock(TEAMS_HOST).post(TEAMS_PATH).query(true).times(3).reply(202);

    const [slackFirst, teamsFirst] = await h.cycle(MON("09:47"));
    expect(slackFirst).toMatchObject({
      channel: "slack C0ALERTS",
      recorded: 3,
      sent: 0,
      deferred: 1,
      pending: 3,
      delayed: "slack chat.postMessage: HTTP 503",
    });
    expect(teamsFirst).toMatchObject({ recorded: 3, sent: 3, pending: 0 });
    expect(teamsFirst?.error).toBeUndefined();

    // Still inside the backoff (one minute): nothing is tried, nothing overtakes.
    expect(await h.cycle("2026-03-02T09:47:30+01:00")).toEqual([
      expect.objectContaining({ sent: 0, pending: 3 }),
      expect.objectContaining({ sent: 0, pending: 0 }),
    ]);

    h.waits.length = 0;
    for (let i = 0; i < 3; i++) slack("chat.postMessage", calls);
    const [slackLater] = await h.cycle(MON("09:49"));
    expect(slackLater).toMatchObject({ recorded: 0, sent: 3, pending: 0 });
    expect(slackLater?.error).toBeUndefined();
    expect(calls.map(ticketOf)).toEqual(["I-1", "I-2", "I-3"]);
    expect(h.waits).toEqual([1000, 1000]);
  });

  it("keeps alerts pending through a credential problem, and says so", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls, { ok: false, error: "invalid_auth" });
    expect(await harness(s, notify()).cycle(MON("09:45"))).toEqual([
      expect.objectContaining({ sent: 0, pending: 1, error: "slack chat.postMessage: invalid_auth" }),
    ]);
    expect(await s.unsettledAlerts()).toEqual([expect.objectContaining({ status: "pending", attempts: 1 })]);
  });
});

describe("two processes at once (the daemon and a manual sync)", () => {
  it("sends an alert once: the second finds it claimed and leaves the channel to the first", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    // No Slack interceptor: a post would be an unmatched request and fail the test.
    // The other process claims the row between this one's read and its own claim.
    const racing = new Proxy(s, {
      get(object, property) {
        if (property === "alertThreadMessage") {
          return async (thread: string) => {
            for (const row of await object.unsettledAlerts()) {
              await object.updateAlert(row.id, { kind: "attempt", at: 0, attempts: row.attempts });
            }
            return object.alertThreadMessage(thread);
          };
        }
        const value = Reflect.get(object, property, object);
        return typeof value === "function" ? value.bind(object) : value;
      },
    }) as Store;
    expect(await harness(s, notify()).cycle(MON("09:45"), { store: racing })).toEqual([
      expect.objectContaining({ recorded: 1, sent: 0 }),
    ]);
    expect(await s.unsettledAlerts()).toEqual([expect.objectContaining({ status: "sending", attempts: 1 })]);
  });
});

describe("a crash between send and confirm, then a restart", () => {
  it("Slack: finds the posted message by its alert key and does not post again", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls, { ts: "1772444700.000100" });
    const [crashed] = await harness(s, notify()).cycle(MON("09:45"), { store: confirmFailing(s) });
    expect(crashed).toMatchObject({ sent: 0, error: "alert ledger: disk I/O error" });
    const [row] = await s.unsettledAlerts();
    expect(row).toMatchObject({ status: "sending", attempts: 1, attemptedAt: Date.parse(MON("09:45")) });

    // Restart: a fresh process over the same store.
    slackHistory([{ ts: "1772444700.000100", alertKey: row?.key ?? "" }]);
    expect(await harness(s, notify()).cycle(MON("09:50"))).toEqual([
      expect.objectContaining({ recovered: 1, sent: 0, pending: 0 }),
    ]);
    expect(calls).toHaveLength(1);

    // The recovered message is the one updated (and replied to) when the ticket moves on.
    slack("chat.update", calls);
    slack("chat.postMessage", calls, { ts: "1772445900.000200" });
    await harness(s, notify()).cycle(MON("10:05"));
    expect(calls[1]).toMatchObject({ method: "chat.update", ts: "1772444700.000100" });
    expect(calls[2]).toMatchObject({ method: "chat.postMessage", threadTs: "1772444700.000100" });
  });

  it("Slack: keeps the outcome unknown while the history cannot be read yet, and never posts blindly", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    slack("chat.postMessage", [], { ts: "1772444700.000100" });
    await harness(s, notify()).cycle(MON("09:45"), { store: confirmFailing(s) });
    const key = (await s.unsettledAlerts())[0]?.key ?? "";

    nock("https://slack.test").post("/api/conversations.history").reply(429, {}, { "Retry-After": "60" });
    expect(await harness(s, notify()).cycle(MON("09:50"))).toEqual([
      expect.objectContaining({ sent: 0, recovered: 0, deferred: 1, pending: 1 }),
    ]);
    expect(await s.unsettledAlerts()).toEqual([expect.objectContaining({ status: "sending" })]);

    slackHistory([{ ts: "1772444700.000100", alertKey: key }]);
    expect(await harness(s, notify()).cycle(MON("09:55"))).toEqual([
      expect.objectContaining({ sent: 0, recovered: 1, pending: 0 }),
    ]);
  });

  it("Slack: posts again when the history shows the message never arrived", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const calls: SlackCall[] = [];
    nock("https://slack.test").post("/api/chat.postMessage").times(3).replyWithError("socket hang up");
    const [first] = await harness(s, notify()).cycle(MON("09:45"));
    expect(first).toMatchObject({ sent: 0, deferred: 1, pending: 1 });
    expect(await s.unsettledAlerts()).toEqual([expect.objectContaining({ status: "sending" })]);

    slackHistory([{ ts: "1772444100.000100", alertKey: "some other alert" }]);
    slack("chat.postMessage", calls);
    expect(await harness(s, notify()).cycle(MON("09:50"))).toEqual([
      expect.objectContaining({ recovered: 0, sent: 1, pending: 0 }),
    ]);
    expect(calls).toHaveLength(1);
  });

  it("Teams: cannot ask the workflow, so sends again (at least once)", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const config = notifySchema.parse({ teams: { webhookUrl: TEAMS_URL } });
    nock(TEAMS_HOST).post(TEAMS_PATH).query(true).twice().reply(202);
    const [crashed] = await harness(s, config).cycle(MON("09:45"), { store: confirmFailing(s) });
    expect(crashed).toMatchObject({ sent: 0, error: "alert ledger: disk I/O error" });
    expect(await harness(s, config).cycle(MON("09:50"))).toEqual([
      expect.objectContaining({ sent: 1, pending: 0 }),
    ]);
  });
});
