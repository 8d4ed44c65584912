/**
 * Slack does not notify anyone of an edit: a breach (or an overdue major-incident update) shown by
 * updating the thread's message also gets a short reply in that message's thread, once.
 */
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
  SLACK,
  type SlackCall,
  TEAMS_HOST,
  TEAMS_PATH,
  TEAMS_URL,
  ticket,
  useAlertStore,
} from "./helpers.js";
import { slack } from "./slack-mock.js";

useNock();

const open = useAlertStore();

const AT_RISK_TS = "1772444700.000100";
const REPLY_TS = "1772445900.000200";
const P2_DUE = "2026-03-02T09:00:00.000Z"; // response of a P2 registered Monday 09:00: 10:00 local
const replyKey = (id: string) =>
  JSON.stringify(["topdesk", id, "response", "reply:breached", P2_DUE, "slack:C0ALERTS"]);
const withReplies = (breachReply: "thread" | "broadcast" | "off") =>
  notify({ slack: { token: "xoxb-test", channel: "C0ALERTS", apiUrl: `${SLACK}/api/`, breachReply } });

/** Posts the at-risk message of I-1 at 09:45, so the breach at 10:05 is shown by an edit. */
async function atRiskPosted(s: Store, h: ReturnType<typeof harness>, calls: SlackCall[]) {
  slack("chat.postMessage", calls, { ts: AT_RISK_TS });
  expect(await h.cycle(MON("09:45"))).toEqual([expect.objectContaining({ sent: 1, replied: 0 })]);
  expect(await s.unsettledAlerts()).toEqual([]);
}

/** conversations.replies of the at-risk message's thread, with our reply in it when `replied`. */
function slackThread(replied: boolean): nock.Scope {
  return nock(SLACK)
    .post("/api/conversations.replies", (body: Record<string, string>) => body.ts === AT_RISK_TS)
    .reply(200, {
      ok: true,
      has_more: false,
      messages: [
        { type: "message", ts: AT_RISK_TS, bot_id: "B0SENTINEL", reply_count: replied ? 1 : 0 },
        ...(replied
          ? [
              {
                type: "message",
                ts: REPLY_TS,
                thread_ts: AT_RISK_TS,
                bot_id: "B0SENTINEL",
                metadata: { event_type: "sla_sentinel_alert", event_payload: { alert_key: replyKey("I-1") } },
              },
            ]
          : []),
      ],
    });
}

describe("a breach shown by an edit gets one reply in the message's thread", () => {
  it("replies once, and never again in later cycles or after a restart", async () => {
    const s = await open(ticket("I-1", { priority: "P2", title: "Mail <down> & out" }));
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    await atRiskPosted(s, h, calls);

    slack("chat.update", calls);
    slack("chat.postMessage", calls, { ts: REPLY_TS });
    expect(await h.cycle(MON("10:05"))).toEqual([
      expect.objectContaining({ recorded: 2, sent: 2, updated: 1, replied: 1, pending: 0 }),
    ]);
    expect(calls.slice(1).map((c) => [c.method, c.ts ?? c.threadTs, c.broadcast])).toEqual([
      ["chat.update", AT_RISK_TS, undefined],
      ["chat.postMessage", AT_RISK_TS, false],
    ]);
    expect(calls[2]?.alertKey).toBe(replyKey("I-1"));

    // No interceptor left: any further post or update would fail the test.
    expect(await h.cycle(MON("10:10"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0 })]);
    expect(await h.cycle(MON("11:30"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0 })]);
    expect(await harness(s, notify()).cycle(MON("11:35"))).toEqual([
      expect.objectContaining({ recorded: 0, sent: 0 }),
    ]);
    // The reply's own message never becomes the one the thread's later states update.
    expect(
      await s.alertThreadMessage(JSON.stringify(["topdesk", "I-1", "response", "slack:C0ALERTS"])),
    ).toEqual({ channel: "C0ALERTS", ts: AT_RISK_TS });
  });

  it("also shows the reply in the channel with breachReply: broadcast, and sends none with off", async () => {
    const broadcast = await open(ticket("I-1", { priority: "P2" }));
    const calls: SlackCall[] = [];
    const h = harness(broadcast, withReplies("broadcast"));
    await atRiskPosted(broadcast, h, calls);
    slack("chat.update", calls);
    slack("chat.postMessage", calls, { ts: REPLY_TS });
    await h.cycle(MON("10:05"));
    expect(calls[2]).toMatchObject({ threadTs: AT_RISK_TS, broadcast: true });
    await broadcast.close();

    const off = await open(ticket("I-1", { priority: "P2" }));
    const quiet: SlackCall[] = [];
    const h2 = harness(off, withReplies("off"));
    await atRiskPosted(off, h2, quiet);
    slack("chat.update", quiet);
    expect(await h2.cycle(MON("10:05"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1, updated: 1, replied: 0 }),
    ]);
    expect(quiet.map((c) => c.method)).toEqual(["chat.postMessage", "chat.update"]);
  });

  it("sends no reply when the breach is the thread's first message: a new message notifies anyway", async () => {
    const s = await open(ticket("I-1", { priority: "P2", createdAt: MON("08:00") }));
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls);
    expect(await h.cycle(MON("10:00"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1, replied: 0 }),
    ]);
    expect(await h.cycle(MON("10:30"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0 })]);
    expect(calls).toEqual([
      expect.objectContaining({ method: "chat.postMessage", header: expect.stringMatching(/Breached/) }),
    ]);
    expect(calls[0]?.threadTs).toBeUndefined();
  });

  it("drops the reply when the edited message was deleted and the breach had to be posted anew", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    await atRiskPosted(s, h, calls);
    slack("chat.update", calls, { ok: false, error: "message_not_found" });
    slack("chat.postMessage", calls, { ts: "1772445900.000300" });
    expect(await h.cycle(MON("10:05"))).toEqual([
      expect.objectContaining({ recorded: 2, sent: 1, updated: 0, replied: 0, superseded: 1, pending: 0 }),
    ]);
    expect(calls.map((c) => c.threadTs)).toEqual([undefined, undefined, undefined]);
  });

  it("replies to an overdue major-incident update, whose coming due was posted", async () => {
    // P1, major from 09:00, answered at 09:02 (the first update): the next is due at 10:02.
    const s = await open(
      ticket("I-1", { priority: "P1" }, [
        { at: MON("09:00"), type: "major", value: true },
        { at: MON("09:02"), type: "comment", visibleToCaller: true, automated: false },
      ]),
    );
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls, { ts: AT_RISK_TS });
    await h.cycle(MON("09:50"));
    slack("chat.update", calls);
    slack("chat.postMessage", calls, { ts: REPLY_TS });
    expect(await h.cycle(MON("10:05"))).toEqual([expect.objectContaining({ sent: 2, replied: 1 })]);
    expect(calls.map((c) => [c.method, c.threadTs ?? null, c.text.split(" · ")[0]])).toEqual([
      ["chat.postMessage", null, "Update due: major incident I-1"],
      ["chat.update", null, "Update overdue: major incident I-1"],
      ["chat.postMessage", AT_RISK_TS, ":red_circle: Update overdue: major incident I-1"],
    ]);
  });

  it("Teams gets no reply: every transition is a card of its own, which notifies", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const h = harness(s, notifySchema.parse({ teams: { webhookUrl: TEAMS_URL } }));
    const cards: string[] = [];
    nock(TEAMS_HOST)
      .post(TEAMS_PATH, (body: { attachments: Array<{ content: { body: Array<{ text: string }> } }> }) => {
        cards.push(body.attachments[0]?.content.body[0]?.text ?? "");
        return true;
      })
      .query(true)
      .twice()
      .reply(202);
    await h.cycle(MON("09:45"));
    expect(await h.cycle(MON("10:05"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1, updated: 0, replied: 0 }),
    ]);
    expect(cards).toEqual(["At risk: P2 response of I-1", "Breached: P2 response of I-1"]);
  });
});

describe("the reply's delivery", () => {
  it("drops the reply when the message was deleted between the edit and the reply", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    await atRiskPosted(s, h, calls);
    slack("chat.update", calls);
    slack("chat.postMessage", calls, { ok: false, error: "thread_not_found" });
    expect(await h.cycle(MON("10:05"))).toEqual([
      expect.objectContaining({ sent: 1, updated: 1, replied: 0, expired: 1, pending: 0 }),
    ]);
    expect(await h.cycle(MON("10:10"))).toEqual([expect.objectContaining({ sent: 0, pending: 0 })]);
  });

  it("waits out a short Retry-After in place, and defers a long one to a later cycle", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }), ticket("I-2", { priority: "P2" }));
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls, { ts: AT_RISK_TS });
    slack("chat.postMessage", calls, { ts: "1772444701.000100" });
    await h.cycle(MON("09:45"));
    h.waits.length = 0;

    // I-1: the update, then the reply is rate limited for 2 s (waited), then posted;
    // I-2: the update, then its reply is rate limited for 120 s: the channel waits for a later cycle.
    slack("chat.update", calls);
    slack("chat.postMessage", calls, { ok: false, error: "ratelimited" }, 429, { "Retry-After": "2" });
    slack("chat.postMessage", calls, { ts: REPLY_TS });
    slack("chat.update", calls, { ts: "1772444701.000100" });
    slack("chat.postMessage", calls, { ok: false, error: "ratelimited" }, 429, { "Retry-After": "120" });
    expect(await h.cycle(MON("10:05"))).toEqual([
      expect.objectContaining({
        sent: 3,
        replied: 1,
        deferred: 1,
        pending: 1,
        delayed: "slack chat.postMessage: rate limited (retry after 120 s)",
      }),
    ]);
    expect(h.waits).toEqual([1000, 2000, 1000, 1000]);

    // Still inside Slack's two minutes: nothing is tried. After them: the reply, once.
    expect(await h.cycle(MON("10:06"))).toEqual([expect.objectContaining({ sent: 0, pending: 1 })]);
    slack("chat.postMessage", calls, { ts: "1772446020.000300" });
    expect(await h.cycle(MON("10:08"))).toEqual([
      expect.objectContaining({ sent: 1, replied: 1, pending: 0 }),
    ]);
    expect(calls.at(-1)).toMatchObject({ threadTs: "1772444701.000100" });
    expect(calls.filter((c) => c.threadTs !== undefined)).toHaveLength(4);
  });

  it("after a crash between reply and confirmation, finds the reply in the thread and does not post it again", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const calls: SlackCall[] = [];
    await atRiskPosted(s, harness(s, notify()), calls);
    slack("chat.update", calls);
    slack("chat.postMessage", calls, { ts: REPLY_TS });
    // The update is confirmed (1st), the reply's confirmation (2nd) is lost.
    const [crashed] = await harness(s, notify()).cycle(MON("10:05"), { store: confirmFailing(s, 2) });
    expect(crashed).toMatchObject({ error: "alert ledger: disk I/O error" });
    expect(await s.unsettledAlerts()).toEqual([
      expect.objectContaining({ key: replyKey("I-1"), status: "sending", attempts: 1 }),
    ]);

    slackThread(true);
    expect(await harness(s, notify()).cycle(MON("10:10"))).toEqual([
      expect.objectContaining({ recovered: 1, sent: 0, pending: 0 }),
    ]);
    expect(calls).toHaveLength(3);
  });

  it("after a restart with the reply of unknown outcome not in the thread, posts it once", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const calls: SlackCall[] = [];
    await atRiskPosted(s, harness(s, notify()), calls);
    slack("chat.update", calls);
    nock(SLACK).post("/api/chat.postMessage").times(3).replyWithError("socket hang up");
    expect(await harness(s, notify()).cycle(MON("10:05"))).toEqual([
      expect.objectContaining({ sent: 1, updated: 1, deferred: 1, pending: 1 }),
    ]);

    slackThread(false);
    slack("chat.postMessage", calls, { ts: REPLY_TS });
    expect(await harness(s, notify()).cycle(MON("10:10"))).toEqual([
      expect.objectContaining({ recovered: 0, sent: 1, replied: 1, pending: 0 }),
    ]);
    expect(await harness(s, notify()).cycle(MON("10:15"))).toEqual([
      expect.objectContaining({ sent: 0, pending: 0 }),
    ]);
    expect(calls.filter((c) => c.threadTs === AT_RISK_TS)).toHaveLength(1);
  });
});
