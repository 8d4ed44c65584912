import nock from "nock";
import { describe, expect, it } from "vitest";
import { AlertDeliveryError } from "../../src/alerts/index.js";
import { escapeMrkdwn, mrkdwnLink } from "../../src/sinks/chat/mrkdwn.js";
import { createSlackClient, SlackChannel } from "../../src/sinks/slack.js";
import { useNock } from "../http/nock-harness.js";
import { AT, alertMessage, LINK } from "./alert-message.js";

useNock();

const API = "https://slack.test";
const channel = () =>
  new SlackChannel(
    createSlackClient({ token: "xoxb-test", apiUrl: `${API}/api/`, baseDelayMs: 1 }),
    "C0ALERTS",
    {
      key: "slack:C0ALERTS",
    },
  );

type Form = Record<string, string>;
const blocksOf = (body: Form) => JSON.parse(body.blocks ?? "[]") as Array<Record<string, unknown>>;

describe("mrkdwn", () => {
  it.each([
    ["Printer <3rd floor> & scanner", "Printer &lt;3rd floor&gt; &amp; scanner"],
    ["<!channel> ping <@U123>", "&lt;!channel&gt; ping &lt;@U123&gt;"],
    ["already &amp; escaped", "already &amp;amp; escaped"],
    ["*bold* _it_ ~s~ `c`", "*bold* _it_ ~s~ `c`"],
  ])("escapes only &, < and > in %j", (text, escaped) => {
    expect(escapeMrkdwn(text)).toBe(escaped);
  });

  it("keeps a link one link: | and > in the URL are percent-encoded, the label escaped", () => {
    expect(mrkdwnLink("https://x.test/a?b=1|2>3", "A&B")).toBe("<https://x.test/a?b=1%7C2%3E3|A&amp;B>");
  });
});

describe("SlackChannel.deliver", () => {
  it("posts Block Kit with the ticket's link, escaped text, Amsterdam time, owner and a metadata key", async () => {
    let sent: Form = {};
    nock(API, { reqheaders: { authorization: "Bearer xoxb-test" } })
      .post("/api/chat.postMessage", (body: Form) => {
        sent = body;
        return true;
      })
      .reply(200, { ok: true, channel: "C0ALERTS", ts: "1772443800.000100", message: { text: "…" } });

    const ref = await channel().deliver(alertMessage({}, "KEY-1"), null);

    expect(ref).toEqual({ channel: "C0ALERTS", ts: "1772443800.000100" });
    expect(sent).toMatchObject({ channel: "C0ALERTS", unfurl_links: "false", unfurl_media: "false" });
    expect(sent.text).toBe("Breached: P2 response of I2603-0042 · Printer &lt;3rd floor&gt; &amp; scanner");
    expect(JSON.parse(sent.metadata ?? "{}")).toEqual({
      event_type: "sla_sentinel_alert",
      event_payload: {
        alert_key: "KEY-1",
        source: "topdesk",
        ticket: "I2603-0042",
        clock: "response",
        transition: "breached",
      },
    });
    const blocks = blocksOf(sent);
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: ":red_circle: Breached: P2 response of I2603-0042", emoji: true },
    });
    expect(blocks[1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: `*<${LINK}|I2603-0042>* Printer &lt;3rd floor&gt; &amp; scanner` },
    });
    expect((blocks[2] as { fields: Array<{ text: string }> }).fields.map((f) => f.text)).toEqual([
      "*Priority*\nP2",
      "*Clock*\nresponse",
      "*Deadline*\nMon 2 Mar 2026 10:00 CET",
      "*Remaining*\n30 min overdue (business hours)",
      "*Owner*\nop-17 · servicedesk",
      "*Location*\nUtrecht",
      "*Source*\ntopdesk · incident",
    ]);
  });

  it("shows the id alone without a link, and escapes it", async () => {
    let sent: Form = {};
    nock(API)
      .post("/api/chat.postMessage", (body: Form) => {
        sent = body;
        return true;
      })
      .reply(200, { ok: true, channel: "C0ALERTS", ts: "1.2" });
    await channel().deliver(alertMessage({ link: null, ticketId: "A<1>", title: null }), null);
    expect(blocksOf(sent)[1]).toEqual({ type: "section", text: { type: "mrkdwn", text: "*A&lt;1&gt;*" } });
  });

  it("updates the earlier message in place, text and blocks together", async () => {
    let sent: Form = {};
    nock(API)
      .post("/api/chat.update", (body: Form) => {
        sent = body;
        return true;
      })
      .reply(200, { ok: true, channel: "C0ALERTS", ts: "1772443800.000100", text: "…" });
    const previous = { channel: "C0ALERTS", ts: "1772443800.000100" };
    expect(await channel().deliver(alertMessage(), previous)).toEqual(previous);
    expect(sent).toMatchObject({ channel: "C0ALERTS", ts: "1772443800.000100" });
    expect(sent.text).toMatch(/^Breached/);
    expect(blocksOf(sent)).toHaveLength(4);
  });

  it.each([
    [
      "resolved, met",
      { transition: "resolved", finish: { at: AT, end: "met" }, remainingMs: 40 * 60_000 },
      ":white_check_mark: Resolved — met: P2 response of I2603-0042",
      ["*Outcome*\nmet in time", "*Resolved*\nMon 2 Mar 2026 10:30 CET"],
    ],
    [
      "closed while still counting",
      { transition: "closed", finish: { at: AT, end: "open" }, remainingMs: 30 * 60_000 },
      ":ballot_box_with_check: Closed: P2 response of I2603-0042",
      ["*Outcome*\nnot stopped, 30 min left (business hours)", "*Closed*\nMon 2 Mar 2026 10:30 CET"],
    ],
    [
      "a major-incident update given late",
      {
        transition: "resolved",
        clock: "major-update",
        clockKind: "clock",
        finish: { at: AT, end: "breached" },
        remainingMs: -20 * 60_000,
      },
      ":x: Resolved after breach (20 min over): major incident I2603-0042",
      ["*Outcome*\n20 min over", "*Resolved*\nMon 2 Mar 2026 10:30 CET"],
    ],
    [
      "a major-incident update given in time",
      { transition: "resolved", clock: "major-update", finish: { at: AT, end: "met" } },
      ":white_check_mark: Resolved — update given in time: major incident I2603-0042",
      ["*Outcome*\nupdate given in time", "*Resolved*\nMon 2 Mar 2026 10:30 CET"],
    ],
    [
      "a major-incident update no longer owed",
      { transition: "resolved", clock: "major-update", finish: { at: AT, end: "open" } },
      ":ballot_box_with_check: Resolved — update no longer owed: major incident I2603-0042",
      ["*Outcome*\nno longer owed", "*Resolved*\nMon 2 Mar 2026 10:30 CET"],
    ],
  ] as const)("edits a message to a final state: %s", async (_what, fields, heading, outcome) => {
    let sent: Form = {};
    nock(API)
      .post("/api/chat.update", (body: Form) => {
        sent = body;
        return true;
      })
      .reply(200, { ok: true, channel: "C0ALERTS", ts: "1772443800.000100" });
    const previous = { channel: "C0ALERTS", ts: "1772443800.000100" };
    // A pause at the finish is not shown: the ticket no longer waits for anyone.
    const message = alertMessage({ ...fields, pausedSince: AT - 3_600_000 });
    expect(await channel().deliver(message, previous)).toEqual(previous);
    const blocks = blocksOf(sent);
    expect(blocks[0]).toMatchObject({ text: { text: heading } });
    const facts = (blocks[2] as { fields: Array<{ text: string }> }).fields.map((f) => f.text);
    expect(facts.slice(3, 5)).toEqual(outcome);
    expect(facts.some((f) => f.startsWith("*Remaining*"))).toBe(false);
    expect(sent.text).toBe(
      `${heading.split(" ").slice(1).join(" ")} · Printer &lt;3rd floor&gt; &amp; scanner`,
    );
  });

  it("turns a 429 into a rate-limited failure carrying Retry-After, without retrying it", async () => {
    nock(API)
      .post("/api/chat.postMessage")
      .reply(429, { ok: false, error: "ratelimited" }, { "Retry-After": "30" });
    const failure = await channel()
      .deliver(alertMessage(), null)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AlertDeliveryError);
    expect(failure).toMatchObject({ kind: "rate-limited", retryAfterMs: 30_000, uncertain: false });
  });

  it.each([
    ["channel_not_found", "config"],
    ["not_in_channel", "config"],
    ["invalid_auth", "config"],
    ["missing_scope", "config"],
    ["msg_too_long", "rejected"],
    ["invalid_blocks", "rejected"],
    ["internal_error", "transient"],
  ] as const)("classifies the platform error %s as %s", async (error, kind) => {
    nock(API).post("/api/chat.postMessage").reply(200, { ok: false, error });
    await expect(channel().deliver(alertMessage(), null)).rejects.toMatchObject({
      kind,
      message: `slack chat.postMessage: ${error}`,
    });
  });

  it("reports an update of a deleted message as gone", async () => {
    nock(API).post("/api/chat.update").reply(200, { ok: false, error: "message_not_found" });
    await expect(channel().deliver(alertMessage(), { channel: "C0ALERTS", ts: "1.1" })).rejects.toMatchObject(
      { kind: "gone" },
    );
  });

  it("retries a 5xx under the SDK's retry policy, then gives up as a transient failure", async () => {
    nock(API).post("/api/chat.postMessage").times(3).reply(503, "upstream down");
    await expect(channel().deliver(alertMessage(), null)).rejects.toMatchObject({
      kind: "transient",
      uncertain: false,
    });
  });

  it("recovers within the SDK's retries", async () => {
    nock(API).post("/api/chat.postMessage").reply(500, "oops");
    nock(API).post("/api/chat.postMessage").reply(200, { ok: true, channel: "C0ALERTS", ts: "9.9" });
    expect(await channel().deliver(alertMessage(), null)).toEqual({ channel: "C0ALERTS", ts: "9.9" });
  });

  it("calls a dropped connection uncertain: the message may have been posted", async () => {
    nock(API).post("/api/chat.postMessage").times(3).replyWithError("socket hang up");
    await expect(channel().deliver(alertMessage(), null)).rejects.toMatchObject({
      kind: "transient",
      uncertain: true,
    });
  });
});

describe("SlackChannel.findPosted", () => {
  const ours = (key: string, ts: string) => ({
    type: "message",
    ts,
    bot_id: "B01",
    text: "Breached: …",
    metadata: { event_type: "sla_sentinel_alert", event_payload: { alert_key: key } },
  });

  it("finds our message by its alert key in the history around the attempt", async () => {
    let query: Form = {};
    nock(API)
      .post("/api/conversations.history", (body: Form) => {
        query = body;
        return true;
      })
      .reply(200, {
        ok: true,
        messages: [
          { type: "message", ts: "1772443805.000200", text: "someone else" },
          ours("OTHER", "1772443801.0"),
          ours("KEY-1", "1772443800.000100"),
        ],
        has_more: false,
      });
    expect(await channel().findPosted("KEY-1", AT)).toEqual({ channel: "C0ALERTS", ts: "1772443800.000100" });
    expect(query).toEqual({
      channel: "C0ALERTS",
      oldest: ((AT - 5 * 60_000) / 1000).toFixed(6),
      latest: ((AT + 15 * 60_000) / 1000).toFixed(6),
      inclusive: "true",
      include_all_metadata: "true",
      limit: "100",
    });
  });

  it("follows the cursor, and answers null when the message is certainly not there", async () => {
    nock(API)
      .post("/api/conversations.history", (body: Form) => body.cursor === undefined)
      .reply(200, {
        ok: true,
        messages: [ours("OTHER", "1.0")],
        has_more: true,
        response_metadata: { next_cursor: "c2" },
      });
    nock(API)
      .post("/api/conversations.history", (body: Form) => body.cursor === "c2")
      .reply(200, { ok: true, messages: [], has_more: false });
    expect(await channel().findPosted("KEY-1", AT)).toBeNull();
  });

  it("cannot tell without the history scope", async () => {
    nock(API)
      .post("/api/conversations.history")
      .reply(200, { ok: false, error: "missing_scope", needed: "channels:history" });
    expect(await channel().findPosted("KEY-1", AT)).toBe("unknown");
  });

  it("passes a rate limit on, so the delivery tries later", async () => {
    nock(API).post("/api/conversations.history").reply(429, {}, { "Retry-After": "60" });
    await expect(channel().findPosted("KEY-1", AT)).rejects.toMatchObject({
      kind: "rate-limited",
      retryAfterMs: 60_000,
    });
  });
});

describe("SlackChannel.threadReplies", () => {
  const PARENT = { channel: "C0ALERTS", ts: "1772443800.000100" };
  const replier = (breachReply?: "thread" | "broadcast" | "off") =>
    new SlackChannel(
      createSlackClient({ token: "xoxb-test", apiUrl: `${API}/api/`, baseDelayMs: 1 }),
      "C0ALERTS",
      { key: "slack:C0ALERTS", ...(breachReply !== undefined && { breachReply }) },
    ).threadReplies;

  it("posts one escaped line into the parent's thread, not broadcast by default, with the reply's key", async () => {
    let sent: Form = {};
    nock(API)
      .post("/api/chat.postMessage", (body: Form) => {
        sent = body;
        return true;
      })
      .reply(200, { ok: true, channel: "C0ALERTS", ts: "1772443900.000200" });
    const ref = await replier()?.post(alertMessage({ owner: "Jan <ops> & co" }, "REPLY-KEY"), PARENT);
    expect(ref).toEqual({ channel: "C0ALERTS", ts: "1772443900.000200" });
    expect(sent).toEqual({
      channel: "C0ALERTS",
      thread_ts: "1772443800.000100",
      reply_broadcast: "false",
      text: ":red_circle: Breached: P2 response of I2603-0042 · 30 min overdue (business hours) · Jan &lt;ops&gt; &amp; co · servicedesk",
      unfurl_links: "false",
      unfurl_media: "false",
      metadata: JSON.stringify({
        event_type: "sla_sentinel_alert",
        event_payload: { alert_key: "REPLY-KEY" },
      }),
    });
  });

  it("broadcasts with breachReply: broadcast, and offers no replies with off", async () => {
    let sent: Form = {};
    nock(API)
      .post("/api/chat.postMessage", (body: Form) => {
        sent = body;
        return true;
      })
      .reply(200, { ok: true, channel: "C0ALERTS", ts: "2.2" });
    await replier("broadcast")?.post(alertMessage(), PARENT);
    expect(sent.reply_broadcast).toBe("true");
    expect(replier("off")).toBeUndefined();
  });

  it("finds a reply of unknown outcome in the parent's thread by its key", async () => {
    let query: Form = {};
    nock(API)
      .post("/api/conversations.replies", (body: Form) => {
        query = body;
        return true;
      })
      .reply(200, {
        ok: true,
        has_more: false,
        messages: [
          { type: "message", ts: PARENT.ts, reply_count: 1 },
          {
            type: "message",
            ts: "1772443900.000200",
            thread_ts: PARENT.ts,
            metadata: { event_type: "sla_sentinel_alert", event_payload: { alert_key: "REPLY-KEY" } },
          },
        ],
      });
    expect(await replier()?.find("REPLY-KEY", PARENT, AT)).toEqual({
      channel: "C0ALERTS",
      ts: "1772443900.000200",
    });
    expect(query).toEqual({
      channel: "C0ALERTS",
      ts: PARENT.ts,
      oldest: ((AT - 5 * 60_000) / 1000).toFixed(6),
      inclusive: "true",
      include_all_metadata: "true",
      limit: "100",
    });
  });

  it.each([
    [{ ok: true, has_more: false, messages: [{ type: "message", ts: PARENT.ts }] }, null],
    [{ ok: false, error: "thread_not_found" }, null],
    [{ ok: false, error: "missing_scope", needed: "channels:history" }, "unknown"],
  ])("answers %j with %s", async (answer, expected) => {
    nock(API).post("/api/conversations.replies").reply(200, answer);
    expect(await replier()?.find("REPLY-KEY", PARENT, AT)).toBe(expected);
  });

  it("reports a reply to a deleted message as gone", async () => {
    nock(API).post("/api/chat.postMessage").reply(200, { ok: false, error: "thread_not_found" });
    await expect(replier()?.post(alertMessage(), PARENT)).rejects.toMatchObject({ kind: "gone" });
  });
});
