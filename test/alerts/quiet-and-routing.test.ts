import nock from "nock";
import { describe, expect, it } from "vitest";
import { notifySchema } from "../../src/config/schema/notify.js";
import { useNock } from "../http/nock-harness.js";
import {
  harness,
  MON,
  notify,
  response,
  type SlackCall,
  TEAMS_HOST,
  TEAMS_PATH,
  TEAMS_URL,
  TUE,
  ticket,
  useAlertStore,
} from "./helpers.js";
import { slack } from "./slack-mock.js";

useNock();

const open = useAlertStore();

describe("quiet time outside the service window", () => {
  it("holds a P2 alert raised at night and delivers it once when the window opens", async () => {
    // Paused for the customer since Monday 10:00: 12 hours later, at 22:00, it is a long pause.
    const s = await open(
      ticket("I-1", { priority: "P2" }, [
        response("09:10"),
        { at: MON("10:00"), type: "paused", reason: "customer" },
      ]),
    );
    const h = harness(s, notify({ pausedAlertAfterHours: 12 }));
    expect(await h.cycle(MON("21:00"))).toEqual([expect.objectContaining({ recorded: 0 })]);
    expect(await h.cycle(MON("22:05"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 0, pending: 1, held: 1 }),
    ]);
    expect(await h.cycle(MON("23:30"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0, held: 1 })]);
    expect(await h.cycle(TUE("07:55"))).toEqual([expect.objectContaining({ sent: 0, held: 1 })]);

    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls);
    expect(await h.cycle(TUE("08:00"))).toEqual([
      expect.objectContaining({ recorded: 0, sent: 1, pending: 0, held: 0 }),
    ]);
    expect(calls.map((c) => c.header)).toEqual([
      ":double_vertical_bar: Paused for 22 h: P2 resolution of I-1",
    ]);
    expect(await h.cycle(TUE("08:05"))).toEqual([expect.objectContaining({ sent: 0 })]);
  });

  it("sends only the latest state when the held one moved on", async () => {
    // Registered Monday 17:00: the response's 60 business minutes are used up at 18:00. First
    // seen at 18:30 it is at risk (not yet over: a business clock stands still at night); at
    // 08:00:01 on Tuesday it is breached.
    const s = await open(ticket("I-1", { priority: "P2", createdAt: MON("17:00") }));
    const h = harness(s, notify());
    expect(await h.cycle(MON("18:30"))).toEqual([expect.objectContaining({ recorded: 1, held: 1, sent: 0 })]);
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls);
    expect(await h.cycle(TUE("08:05"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1, superseded: 1, pending: 0, held: 0 }),
    ]);
    expect(calls.map((c) => c.header)).toEqual([":red_circle: Breached: P2 response of I-1"]);
  });

  it("drops a held alert whose ticket is closed before the window opens", async () => {
    const t = ticket("I-1", { priority: "P2", createdAt: MON("17:00") });
    const s = await open(t);
    const h = harness(s, notify());
    await h.cycle(MON("18:30"));
    await s.upsert([
      { connector: "topdesk", record: { ...t, events: [{ at: Date.parse(MON("19:00")), type: "closed" }] } },
    ]);
    expect(await h.cycle(TUE("08:05"))).toEqual([
      expect.objectContaining({ sent: 0, expired: 1, pending: 0 }),
    ]);
  });

  it("never holds a P1: its clock runs 24/7", async () => {
    const s = await open(ticket("I-1", { priority: "P1", createdAt: MON("22:00") }));
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls);
    expect(await harness(s, notify()).cycle(MON("22:12"))).toEqual([
      expect.objectContaining({ sent: 1, held: 0 }),
    ]);
    expect(calls.map((c) => c.header)).toEqual([":warning: At risk: P1 response of I-1"]);
  });

  it("sends at night when quietOutsideWindow is off", async () => {
    const s = await open(ticket("I-1", { priority: "P2", createdAt: MON("17:00") }));
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls);
    expect(await harness(s, notify({ quietOutsideWindow: false })).cycle(MON("18:30"))).toEqual([
      expect.objectContaining({ sent: 1, held: 0 }),
    ]);
  });
});

describe("routing and channels", () => {
  it("sends each alert to the channels of the routes it matches, else to the defaults", async () => {
    const s = await open(
      ticket("I-UTR", { priority: "P1", location: "Utrecht", createdAt: MON("09:33") }),
      ticket("I-AMS", { priority: "P1", location: "Amsterdam", createdAt: MON("09:33") }),
    );
    const config = notify({
      routes: [
        {
          when: { priority: ["P1"], location: ["Utrecht"] },
          slackChannel: "C0UTRECHT",
          teamsWebhookUrl: TEAMS_URL,
        },
      ],
    });
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls, { channel: "C0UTRECHT" });
    slack("chat.postMessage", calls);
    let card: { attachments?: Array<{ content: { body: Array<{ text?: string }> } }> } = {};
    nock(TEAMS_HOST)
      .post(TEAMS_PATH, (body: typeof card) => {
        card = body;
        return true;
      })
      .query(true)
      .reply(202);
    const summaries = await harness(s, config).cycle(MON("09:45"));
    expect(summaries.map((x) => [x.channel.split(" ")[0], x.sent])).toEqual([
      ["slack", 1],
      ["slack", 1],
      ["teams", 1],
    ]);
    expect(calls.map((c) => `${c.channel} ${c.header}`).sort()).toEqual([
      "C0ALERTS :warning: At risk: P1 response of I-AMS",
      "C0UTRECHT :warning: At risk: P1 response of I-UTR",
    ]);
    expect(card.attachments?.[0]?.content.body[0]?.text).toBe("At risk: P1 response of I-UTR");
  });

  it("posts a new Teams card for every transition: a workflow cannot update one", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const h = harness(s, notifySchema.parse({ teams: { webhookUrl: TEAMS_URL } }));
    const headlines: string[] = [];
    const capture = (body: { attachments: Array<{ content: { body: Array<{ text: string }> } }> }) => {
      headlines.push(body.attachments[0]?.content.body[0]?.text ?? "");
      return true;
    };
    nock(TEAMS_HOST).post(TEAMS_PATH, capture).query(true).twice().reply(202);
    await h.cycle(MON("09:45"));
    await h.cycle(MON("10:05"));
    expect(headlines).toEqual(["At risk: P2 response of I-1", "Breached: P2 response of I-1"]);
  });

  it("drops what was pending for a channel that is no longer configured", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    nock("https://slack.test")
      .post("/api/chat.postMessage")
      .reply(200, { ok: false, error: "channel_not_found" });
    await harness(s, notify()).cycle(MON("09:45"));
    const teamsOnly = notifySchema.parse({ teams: { webhookUrl: TEAMS_URL } });
    nock(TEAMS_HOST).post(TEAMS_PATH).query(true).reply(202);
    expect(await harness(s, teamsOnly).cycle(MON("09:50"))).toEqual([expect.objectContaining({ sent: 1 })]);
    expect(await s.unsettledAlerts()).toEqual([]);
  });

  it("does nothing without channels", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    expect(await harness(s, notifySchema.parse({})).cycle(MON("09:45"))).toEqual([]);
  });
});

describe("dry run", () => {
  it("records and sends nothing and lists what it would post, update or hold", async () => {
    const s = await open(
      ticket("I-1", { priority: "P2" }),
      ticket("I-2", { priority: "P2", createdAt: MON("17:00") }),
    );
    const h = harness(s, notify());
    const [dry] = await h.cycle(MON("09:45"), { dryRun: true });
    expect(dry).toMatchObject({ mode: "dry-run", recorded: 1, sent: 0 });
    expect(dry?.wouldSend).toEqual([
      {
        source: "topdesk",
        ticket: "I-1",
        clock: "response",
        transition: "at-risk",
        deadline: "2026-03-02T09:00:00.000Z",
        action: "post",
      },
    ]);
    expect(await s.unsettledAlerts()).toEqual([]);

    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls);
    await h.cycle(MON("09:45"));
    const [later] = await h.cycle(MON("10:05"), { dryRun: true });
    expect(later?.wouldSend).toEqual([
      expect.objectContaining({ ticket: "I-1", transition: "breached", action: "update" }),
      expect.objectContaining({ ticket: "I-1", transition: "reply:breached", action: "reply" }),
    ]);
    const [night] = await h.cycle(MON("18:30"), { dryRun: true });
    expect(night?.wouldSend).toContainEqual(
      expect.objectContaining({
        ticket: "I-2",
        transition: "at-risk",
        action: "held",
        notBefore: "2026-03-03T07:00:00.000Z",
      }),
    );
    expect(night?.wouldSend.every((p) => p.action === "held")).toBe(true);
    expect(await s.unsettledAlerts()).toEqual([]);
  });
});
