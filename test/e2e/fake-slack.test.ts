/**
 * The fake Slack of the end-to-end tests, driven by our real Slack sink and SDK client (in this
 * process), so the end-to-end tests rest on a fake that answers every call the sink makes the way
 * the sink expects from Slack.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createSlackClient, SlackChannel } from "../../src/sinks/slack.js";
import { alertMessage } from "../sinks/alert-message.js";
import { FakeSlack } from "./fake-slack.js";

const TOKEN = "xoxb-test";
const CHANNEL = "C0E2E";
let fake: FakeSlack | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setUp(options: { postDelayMs?: number; token?: string; channel?: string } = {}) {
  fake = await FakeSlack.start({ token: TOKEN, channel: CHANNEL, postDelayMs: options.postDelayMs ?? 0 });
  const client = createSlackClient({ token: options.token ?? TOKEN, apiUrl: fake.apiUrl, retries: 0 });
  const sink = new SlackChannel(client, options.channel ?? CHANNEL, { key: `slack:${CHANNEL}` });
  return { fake, client, sink };
}

describe("fake Slack under our Slack sink", () => {
  it("stores a post with its alert key and answers with its ts; an update edits that message", async () => {
    const { fake, sink } = await setUp();
    const before = Date.now();
    const posted = await sink.deliver(alertMessage({}, "KEY-1"), null);

    expect(fake.messages).toHaveLength(1);
    const stored = fake.messages[0];
    expect(posted).toEqual({ channel: CHANNEL, ts: stored?.ts });
    expect(stored?.ts).toMatch(/^\d{10}\.\d{6}$/);
    // from the real clock: the lookup after a crash searches around the attempt's time
    expect(Math.abs(Number(stored?.ts) * 1000 - before)).toBeLessThan(5_000);
    expect(stored?.metadata).toMatchObject({
      event_type: "sla_sentinel_alert",
      event_payload: { alert_key: "KEY-1" },
    });
    expect(stored?.text).toBe(
      "Breached: P2 response of I2603-0042 · Printer &lt;3rd floor&gt; &amp; scanner",
    );

    const updated = await sink.deliver(alertMessage({ transition: "at-risk" }, "KEY-1"), posted);
    expect(updated).toEqual(posted);
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]?.edits).toBe(1);
    expect(fake.messages[0]?.text).toMatch(/^At risk: P2 response/);
    expect(fake.postsByAlert()).toEqual(new Map([["KEY-1", 1]]));
  });

  it("gives ts that stay unique and increasing when posts come within one millisecond", async () => {
    const { fake, sink } = await setUp();
    await Promise.all(["K1", "K2", "K3"].map((key) => sink.deliver(alertMessage({}, key), null)));
    const ts = fake.messages.map((m) => m.ts);
    expect(new Set(ts).size).toBe(3);
    expect([...ts].sort()).toEqual(ts);
  });

  it("finds a posted alert in the channel's history by its key, and none for a key it does not hold", async () => {
    const { fake, sink } = await setUp();
    await sink.deliver(alertMessage({}, "KEY-1"), null);
    await sink.deliver(alertMessage({}, "KEY-2"), null);

    expect(await sink.findPosted("KEY-2", Date.now())).toEqual({
      channel: CHANNEL,
      ts: fake.messages[1]?.ts,
    });
    expect(await sink.findPosted("KEY-3", Date.now())).toBeNull();
    // outside the searched window (from 5 minutes before the attempt): not there
    expect(await sink.findPosted("KEY-1", Date.now() + 6 * 60_000)).toBeNull();
    expect(fake.callsOf("conversations.history")).toBe(3);
  });

  it("keeps thread replies out of the channel's history and finds them in the thread", async () => {
    const { fake, sink } = await setUp();
    const parent = await sink.deliver(alertMessage({}, "KEY-1"), null);
    const replier = sink.threadReplies;
    if (parent === null || replier === undefined) throw new Error("expected a message and thread replies");
    const reply = await replier.post(alertMessage({}, "REPLY-1"), parent);

    expect(fake.messages[1]).toMatchObject({ threadTs: parent.ts, ts: reply?.ts });
    expect(await sink.findPosted("REPLY-1", Date.now())).toBeNull();
    expect(await replier.find("REPLY-1", parent, Date.now())).toEqual(reply);
    expect(await replier.find("REPLY-2", parent, Date.now())).toBeNull();
    // a thread whose message is not there: nothing can be in it
    expect(await replier.find("REPLY-1", { channel: CHANNEL, ts: "1.000001" }, Date.now())).toBeNull();
  });

  it("stores a post at once and answers it postDelayMs later", async () => {
    const { fake, sink } = await setUp({ postDelayMs: 200 });
    const started = Date.now();
    let storedAfterMs = -1;
    fake.onPost = () => {
      storedAfterMs = Date.now() - started;
    };
    await sink.deliver(alertMessage({}, "KEY-1"), null);
    const answeredAfterMs = Date.now() - started;

    expect(storedAfterMs).toBeGreaterThanOrEqual(0);
    expect(answeredAfterMs - storedAfterMs).toBeGreaterThanOrEqual(190);
  });

  it.each([
    ["a wrong token", { token: "xoxb-other" }, "slack chat.postMessage: invalid_auth"],
    ["a channel the bot is not in", { channel: "C0OTHER" }, "slack chat.postMessage: channel_not_found"],
  ])("refuses %s as Slack does, which the sink reads as a setting to fix", async (_, options, message) => {
    const { fake, sink } = await setUp(options);
    await expect(sink.deliver(alertMessage({}, "KEY-1"), null)).rejects.toMatchObject({
      kind: "config",
      message,
    });
    expect(fake.messages).toEqual([]);
  });

  it("pages the history, newest first, with metadata only when asked for", async () => {
    const { fake, client, sink } = await setUp();
    for (const key of ["K1", "K2", "K3"]) await sink.deliver(alertMessage({}, key), null);
    const [first, second, third] = fake.messages.map((m) => m.ts);

    const page1 = await client.conversations.history({ channel: CHANNEL, limit: 2 });
    expect(page1.messages?.map((m) => m.ts)).toEqual([third, second]);
    expect(page1.messages?.[0]).not.toHaveProperty("metadata");
    expect(page1.has_more).toBe(true);
    const page2 = await client.conversations.history({
      channel: CHANNEL,
      limit: 2,
      include_all_metadata: true,
      cursor: page1.response_metadata?.next_cursor as string,
    });
    expect(page2.messages?.map((m) => m.ts)).toEqual([first]);
    expect(page2.messages?.[0]?.metadata?.event_payload).toMatchObject({ alert_key: "K1" });
    expect(page2.has_more).toBe(false);
  });
});
