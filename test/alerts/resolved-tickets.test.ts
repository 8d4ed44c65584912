/**
 * A resolved or closed ticket's Slack messages are edited, once, to their final state: no new
 * message, no thread reply, never held for quiet time; nothing for Teams.
 */
import nock from "nock";
import { describe, expect, it } from "vitest";
import { notifySchema } from "../../src/config/schema/notify.js";
import type { Ticket } from "../../src/model/schema.js";
import type { Store } from "../../src/store/types.js";
import { useNock } from "../http/nock-harness.js";
import {
  confirmFailing,
  harness,
  MON,
  notify,
  response,
  SLACK,
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
/** The ticket as the next poll stores it. */
const poll = (s: Store, t: Ticket) => s.upsert([{ connector: t.source, record: t }]);

const TS_A = "1772444700.000100";
const TS_B = "1772465100.000200";
const LINK = "https://example.topdesk.net/tas/secure/incident?action=lookup&lookup=naam&lookupValue=I-1";
const i1 = (...events: NonNullable<Parameters<typeof ticket>[2]>) =>
  ticket("I-1", { priority: "P2", title: "Mail <down>" }, events);
const resolved = (at: string) => ({ at, type: "resolved" }) as const;
const finalKey = (clock: string, finishedAt: string) =>
  JSON.stringify(["topdesk", "I-1", clock, "resolved", new Date(finishedAt).toISOString(), "slack:C0ALERTS"]);

type Form = Record<string, string>;
/** Expects one chat.update; keeps its whole form body. */
function slackUpdate(bodies: Form[], ts = TS_A): nock.Scope {
  return nock(SLACK)
    .post("/api/chat.update", (body: Form) => {
      bodies.push(body);
      return true;
    })
    .reply(200, { ok: true, channel: "C0ALERTS", ts });
}
const header = (body: Form | undefined) =>
  (JSON.parse(body?.blocks ?? "[]") as Array<{ text?: { text: string } }>)[0]?.text?.text;
const fields = (body: Form | undefined) =>
  (JSON.parse(body?.blocks ?? "[]") as Array<{ fields?: Array<{ text: string }> }>)[2]?.fields?.map(
    (f) => f.text,
  );

/** I-1's response at risk at 09:45, posted as TS_A. */
async function atRiskPosted(h: ReturnType<typeof harness>) {
  slack("chat.postMessage", [], { ts: TS_A });
  expect(await h.cycle(MON("09:45"))).toEqual([expect.objectContaining({ sent: 1 })]);
}

describe("a resolved ticket's message shows its final state", () => {
  it("edits an at-risk message once to 'Resolved — met', keeping link, title, priority and owner", async () => {
    const s = await open(i1());
    const h = harness(s, notify());
    await atRiskPosted(h);

    await poll(s, i1(response("09:50"), resolved(MON("11:00"))));
    const bodies: Form[] = [];
    slackUpdate(bodies);
    expect(await h.cycle(MON("11:05"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1, updated: 1, replied: 0, pending: 0 }),
    ]);
    const [edit] = bodies;
    expect(edit).toMatchObject({ channel: "C0ALERTS", ts: TS_A });
    expect(edit?.thread_ts).toBeUndefined();
    expect(edit?.text).toBe("Resolved — met: P2 response of I-1 · Mail &lt;down&gt;");
    expect(header(edit)).toBe(":white_check_mark: Resolved — met: P2 response of I-1");
    expect(JSON.parse(edit?.blocks ?? "[]")[1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: `*<${LINK}|I-1>* Mail &lt;down&gt;` },
    });
    expect(fields(edit)).toEqual([
      "*Priority*\nP2",
      "*Clock*\nresponse",
      "*Deadline*\nMon 2 Mar 2026 10:00 CET",
      "*Outcome*\nmet in time",
      "*Resolved*\nMon 2 Mar 2026 11:00 CET",
      "*Owner*\nunassigned",
      "*Source*\ntopdesk · incident",
    ]);

    // No interceptor left: a second edit, in a later cycle or after a restart, would fail the test.
    expect(await h.cycle(MON("11:10"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0 })]);
    expect(await harness(s, notify()).cycle(TUE("09:00"))).toEqual([
      expect.objectContaining({ recorded: 0, sent: 0 }),
    ]);
    expect(await s.knownAlertKeys([finalKey("response", MON("11:00"))])).toEqual(
      new Set([finalKey("response", MON("11:00"))]),
    );
  });

  it("says by how much a breached clock was over, without a thread reply", async () => {
    const s = await open(i1());
    const h = harness(s, notify());
    await atRiskPosted(h);
    slack("chat.update", []);
    slack("chat.postMessage", [], { ts: "1772445900.000300" });
    expect(await h.cycle(MON("10:05"))).toEqual([expect.objectContaining({ sent: 2, replied: 1 })]);

    // Answered at 12:10: 190 of 60 business minutes used.
    await poll(s, i1(response("12:10"), resolved(MON("12:30"))));
    const bodies: Form[] = [];
    slackUpdate(bodies);
    expect(await h.cycle(MON("12:35"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1, updated: 1, replied: 0 }),
    ]);
    expect(header(bodies[0])).toBe(":x: Resolved after breach (2 h 10 min over): P2 response of I-1");
    expect(fields(bodies[0])?.slice(3, 5)).toEqual([
      "*Outcome*\n2 h 10 min over (business hours)",
      "*Resolved*\nMon 2 Mar 2026 12:30 CET",
    ]);
  });

  it("edits each message of the ticket, one per clock it alerted on", async () => {
    const s = await open(i1());
    const h = harness(s, notify());
    await atRiskPosted(h);
    await poll(s, i1(response("09:50")));
    // The resolution clock at 15:05: 6 h 5 min of 8 business hours used.
    slack("chat.postMessage", [], { ts: TS_B });
    expect(await h.cycle(MON("15:05"))).toEqual([expect.objectContaining({ recorded: 1, sent: 1 })]);

    await poll(s, i1(response("09:50"), resolved(MON("16:00"))));
    const bodies: Form[] = [];
    slackUpdate(bodies, TS_A);
    slackUpdate(bodies, TS_B);
    h.waits.length = 0;
    expect(await h.cycle(MON("16:05"))).toEqual([
      expect.objectContaining({ recorded: 2, sent: 2, updated: 2 }),
    ]);
    expect(bodies.map((b) => [b.ts, header(b)])).toEqual([
      [TS_A, ":white_check_mark: Resolved — met: P2 response of I-1"],
      [TS_B, ":white_check_mark: Resolved — met: P2 resolution of I-1"],
    ]);
    expect(h.waits).toEqual([1000]);
  });

  it("is not held outside the service window: the edit notifies nobody", async () => {
    const s = await open(i1());
    const h = harness(s, notify());
    await atRiskPosted(h);
    await poll(
      s,
      ticket("I-1", { priority: "P2", title: "Mail <down>" }, [{ at: MON("17:30"), type: "closed" }]),
    );
    const bodies: Form[] = [];
    slackUpdate(bodies);
    expect(await h.cycle(MON("22:00"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1, held: 0, pending: 0 }),
    ]);
    // Closed unanswered: the response clock was 7 h 30 min over at the closing.
    expect(header(bodies[0])).toBe(":x: Closed after breach (7 h 30 min over): P2 response of I-1");
    expect(fields(bodies[0])?.[4]).toBe("*Closed*\nMon 2 Mar 2026 17:30 CET");
  });
});

describe("exactly once, through failures and restarts", () => {
  it("after a crash between the edit and its confirmation, makes the edit again, once", async () => {
    const s = await open(i1());
    await atRiskPosted(harness(s, notify()));
    await poll(s, i1(response("09:50"), resolved(MON("11:00"))));
    const bodies: Form[] = [];
    slackUpdate(bodies);
    const [crashed] = await harness(s, notify()).cycle(MON("11:05"), { store: confirmFailing(s) });
    expect(crashed).toMatchObject({ error: "alert ledger: disk I/O error" });
    expect(await s.unsettledAlerts()).toEqual([
      expect.objectContaining({ key: finalKey("response", MON("11:00")), status: "sending", attempts: 1 }),
    ]);

    // Restart: an edit of unknown outcome is simply made again (no history lookup, no post).
    slackUpdate(bodies);
    expect(await harness(s, notify()).cycle(MON("11:10"))).toEqual([
      expect.objectContaining({ recorded: 0, sent: 1, updated: 1, recovered: 0, pending: 0 }),
    ]);
    expect(await harness(s, notify()).cycle(MON("11:15"))).toEqual([expect.objectContaining({ sent: 0 })]);
    expect(bodies.map((b) => b.ts)).toEqual([TS_A, TS_A]);
  });

  it("keeps a final edit pending through a Slack outage and makes it once Slack is back", async () => {
    const s = await open(i1());
    await atRiskPosted(harness(s, notify()));
    await poll(s, i1(response("09:50"), resolved(MON("11:00"))));
    nock(SLACK).post("/api/chat.update").times(3).reply(503, "upstream connect error");
    expect(await harness(s, notify()).cycle(MON("11:05"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 0, deferred: 1, pending: 1 }),
    ]);
    const bodies: Form[] = [];
    slackUpdate(bodies);
    expect(await harness(s, notify()).cycle(MON("11:10"))).toEqual([
      expect.objectContaining({ recorded: 0, sent: 1, pending: 0 }),
    ]);
    expect(await harness(s, notify()).cycle(MON("11:15"))).toEqual([expect.objectContaining({ sent: 0 })]);
    expect(bodies).toHaveLength(1);
  });

  it("drops a final edit whose message was deleted, without posting it or trying again", async () => {
    const s = await open(i1());
    const h = harness(s, notify());
    await atRiskPosted(h);
    await poll(s, i1(response("09:50"), resolved(MON("11:00"))));
    const calls: SlackCall[] = [];
    slack("chat.update", calls, { ok: false, error: "message_not_found" });
    expect(await h.cycle(MON("11:05"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 0, expired: 1, pending: 0 }),
    ]);
    expect(await h.cycle(MON("11:10"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0 })]);
    expect(calls.map((c) => c.method)).toEqual(["chat.update"]);
  });
});

describe("nothing to edit", () => {
  it("records nothing for a ticket resolved before any of its alerts was sent", async () => {
    const s = await open(i1(), ticket("I-2", { priority: "P2" }, [resolved(MON("09:30"))]));
    const h = harness(s, notify());
    // Slack is down when I-1 is at risk: its alert waits, and is dropped once the ticket is resolved.
    nock(SLACK).post("/api/chat.postMessage").times(3).reply(503, "upstream connect error");
    expect(await h.cycle(MON("09:45"))).toEqual([expect.objectContaining({ recorded: 1, pending: 1 })]);
    await poll(s, i1(resolved(MON("09:50"))));
    expect(await h.cycle(MON("10:00"))).toEqual([
      expect.objectContaining({ recorded: 0, sent: 0, expired: 1, pending: 0 }),
    ]);
    expect(await s.knownAlertKeys([finalKey("response", MON("09:50"))])).toEqual(new Set());
  });

  it("does nothing for Teams: a workflow cannot edit the card it posted", async () => {
    const s = await open(i1());
    const h = harness(s, notifySchema.parse({ teams: { webhookUrl: TEAMS_URL } }));
    nock(TEAMS_HOST).post(TEAMS_PATH).query(true).reply(202);
    expect(await h.cycle(MON("09:45"))).toEqual([expect.objectContaining({ sent: 1 })]);
    await poll(s, i1(response("09:50"), resolved(MON("11:00"))));
    expect(await h.cycle(MON("11:05"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0 })]);
    expect(await s.unsettledAlerts()).toEqual([]);
  });

  it("stops once the finish is older than the window: four days", async () => {
    const s = await open(i1());
    const h = harness(s, notify());
    await atRiskPosted(h);
    await poll(s, i1(response("09:50"), resolved(MON("11:00"))));
    // Nothing ran for five days (no interceptor: an edit would fail the test).
    expect(await h.cycle("2026-03-07T11:01:00+01:00")).toEqual([expect.objectContaining({ recorded: 0 })]);
  });
});

describe("dry run", () => {
  it("lists the final edit as an update and records nothing", async () => {
    const s = await open(i1());
    const h = harness(s, notify());
    await atRiskPosted(h);
    await poll(s, i1(response("09:50"), resolved(MON("11:00"))));
    expect(await h.cycle(MON("11:05"), { dryRun: true })).toEqual([
      expect.objectContaining({
        mode: "dry-run",
        recorded: 1,
        wouldSend: [
          {
            source: "topdesk",
            ticket: "I-1",
            clock: "response",
            transition: "resolved",
            deadline: "2026-03-02T10:00:00.000Z",
            action: "update",
          },
        ],
      }),
    ]);
    expect(await s.knownAlertKeys([finalKey("response", MON("11:00"))])).toEqual(new Set());
  });
});

describe("a reopened ticket", () => {
  /** I-1 answered at 09:10; its resolution at risk at 15:05 (posted as TS_B). */
  async function resolutionAtRisk() {
    const s = await open(i1(response("09:10")));
    const h = harness(s, notify());
    slack("chat.postMessage", [], { ts: TS_B });
    expect(await h.cycle(MON("15:05"))).toEqual([expect.objectContaining({ sent: 1 })]);
    return { s, h };
  }

  it("gets its alerts again in the same message when the reopening moved the deadline", async () => {
    const { s, h } = await resolutionAtRisk();
    await poll(s, i1(response("09:10"), resolved(MON("15:30"))));
    const bodies: Form[] = [];
    slackUpdate(bodies, TS_B);
    await h.cycle(MON("15:35"));

    // Reopened at 16:00 with 6 h 30 min used: at risk at once, due at 17:30 instead of 17:00.
    const reopened = [
      response("09:10"),
      resolved(MON("15:30")),
      { at: MON("16:00"), type: "reopened" } as const,
    ];
    await poll(s, i1(...reopened));
    slackUpdate(bodies, TS_B);
    expect(await h.cycle(MON("16:05"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1, updated: 1 }),
    ]);

    const calls: SlackCall[] = [];
    slack("chat.update", calls, { ts: TS_B });
    slack("chat.postMessage", calls, { ts: "1772471700.000400" });
    expect(await h.cycle(MON("17:35"))).toEqual([expect.objectContaining({ sent: 2, replied: 1 })]);
    expect(calls.map((c) => [c.method, c.ts ?? c.threadTs])).toEqual([
      ["chat.update", TS_B],
      ["chat.postMessage", TS_B],
    ]);

    // Resolved again at 17:40: a new final state, 10 min over (8 h 10 min used).
    await poll(s, i1(...reopened, resolved(MON("17:40"))));
    slackUpdate(bodies, TS_B);
    expect(await h.cycle(MON("17:45"))).toEqual([expect.objectContaining({ recorded: 1, sent: 1 })]);
    expect(bodies.map(header)).toEqual([
      ":white_check_mark: Resolved — met: P2 resolution of I-1",
      ":warning: At risk: P2 resolution of I-1",
      ":x: Resolved after breach (10 min over): P2 resolution of I-1",
    ]);
  });

  it("shows its alert again when the reopening moved no deadline (outside the service window)", async () => {
    const { s, h } = await resolutionAtRisk();
    slack("chat.update", [], { ts: TS_B });
    slack("chat.postMessage", [], { ts: "1772471700.000400" });
    expect(await h.cycle(MON("17:05"))).toEqual([expect.objectContaining({ sent: 2, replied: 1 })]);
    await poll(s, i1(response("09:10"), resolved(MON("17:30"))));
    const bodies: Form[] = [];
    slackUpdate(bodies, TS_B);
    expect(await h.cycle(MON("18:30"))).toEqual([expect.objectContaining({ sent: 1 })]);

    // Reopened at 19:00: no business time passed, so the breach keeps its deadline (and key).
    await poll(s, i1(response("09:10"), resolved(MON("17:30")), { at: MON("19:00"), type: "reopened" }));
    slackUpdate(bodies, TS_B);
    expect(await h.cycle(MON("19:05"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1, updated: 1, replied: 0, held: 0 }),
    ]);
    expect(await h.cycle(MON("19:10"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0 })]);
    expect(await h.cycle(TUE("08:05"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0 })]);
    expect(bodies.map(header)).toEqual([
      ":x: Resolved after breach (30 min over): P2 resolution of I-1",
      ":red_circle: Breached: P2 resolution of I-1",
    ]);
    expect(
      await s.knownAlertKeys([
        JSON.stringify([
          "topdesk",
          "I-1",
          "resolution",
          "reopened:breached",
          "2026-03-02T18:00:00.000Z",
          "slack:C0ALERTS",
        ]),
      ]),
    ).toHaveProperty("size", 1);
  });
});
