import { describe, expect, it } from "vitest";
import { useNock } from "../http/nock-harness.js";
import { harness, MON, notify, type SlackCall, ticket, useAlertStore } from "./helpers.js";
import { slack } from "./slack-mock.js";

useNock();

const open = useAlertStore();
const key = (id: string, clock: string, transition: string, deadline: string, channel = "slack:C0ALERTS") =>
  JSON.stringify(["topdesk", id, clock, transition, deadline, channel]);
const P2_DUE = "2026-03-02T09:00:00.000Z"; // response of a P2 registered Monday 09:00: 10:00 local

describe("Slack: one message per ticket clock, posted once and updated in place", () => {
  it("posts the first alert, sends nothing for an unchanged state, and updates the message when it breaches", async () => {
    const s = await open(ticket("I-1", { priority: "P2", title: "Mail <down> & out" }));
    const h = harness(s, notify());
    const calls: SlackCall[] = [];

    slack("chat.postMessage", calls, { ts: "1772444700.000100" });
    expect(await h.cycle(MON("09:45"))).toEqual([
      expect.objectContaining({
        channel: "slack C0ALERTS",
        mode: "send",
        recorded: 1,
        sent: 1,
        pending: 0,
        held: 0,
      }),
    ]);
    expect(calls).toEqual([
      {
        method: "chat.postMessage",
        channel: "C0ALERTS",
        text: "At risk: P2 response of I-1 · Mail &lt;down&gt; &amp; out",
        header: ":warning: At risk: P2 response of I-1",
        alertKey: key("I-1", "response", "at-risk", P2_DUE),
      },
    ]);

    expect(await h.cycle(MON("09:50"))).toEqual([expect.objectContaining({ recorded: 0, sent: 0 })]);

    // The edit notifies nobody: a reply in the message's thread does (docs/alerts.md).
    slack("chat.update", calls);
    slack("chat.postMessage", calls, { ts: "1772445900.000200" });
    expect(await h.cycle(MON("10:05"))).toEqual([
      expect.objectContaining({ recorded: 2, sent: 2, updated: 1, replied: 1 }),
    ]);
    expect(calls[1]).toMatchObject({
      method: "chat.update",
      channel: "C0ALERTS",
      ts: "1772444700.000100",
      header: ":red_circle: Breached: P2 response of I-1",
    });
    expect(calls[2]).toEqual({
      method: "chat.postMessage",
      channel: "C0ALERTS",
      text: ":red_circle: Breached: P2 response of I-1 · 5 min overdue (business hours) · unassigned",
      header: "",
      alertKey: key("I-1", "response", "reply:breached", P2_DUE),
      threadTs: "1772444700.000100",
      broadcast: false,
    });

    // A restart (fresh channels, same store) sends nothing again.
    expect(await harness(s, notify()).cycle(MON("10:10"))).toEqual([
      expect.objectContaining({ recorded: 0, sent: 0 }),
    ]);
  });

  it("raises one alert for a ticket first seen already breached", async () => {
    const s = await open(ticket("I-1", { priority: "P2", createdAt: MON("08:00") }));
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls);
    expect(await harness(s, notify()).cycle(MON("10:00"))).toEqual([
      expect.objectContaining({ recorded: 1, sent: 1 }),
    ]);
    expect(calls.map((c) => c.header)).toEqual([":red_circle: Breached: P2 response of I-1"]);
  });

  it("raises nothing for a closed ticket", async () => {
    const s = await open(
      ticket("I-1", { priority: "P2", createdAt: MON("08:00") }, [{ at: MON("09:30"), type: "closed" }]),
    );
    expect(await harness(s, notify()).cycle(MON("10:00"))).toEqual([
      expect.objectContaining({ recorded: 0, sent: 0 }),
    ]);
    expect(await s.unsettledAlerts()).toEqual([]);
  });

  it("posts a new message when the one to update was deleted", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }));
    const h = harness(s, notify());
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls, { ts: "1.1" });
    await h.cycle(MON("09:45"));
    slack("chat.update", calls, { ok: false, error: "message_not_found" });
    slack("chat.postMessage", calls, { ts: "2.2" });
    expect(await h.cycle(MON("10:05"))).toEqual([expect.objectContaining({ sent: 1, updated: 0 })]);
    expect(calls.map((c) => c.method)).toEqual(["chat.postMessage", "chat.update", "chat.postMessage"]);
    // The thread now lives in the new message: the next update goes there.
    expect(
      await s.alertThreadMessage(JSON.stringify(["topdesk", "I-1", "response", "slack:C0ALERTS"])),
    ).toEqual({
      channel: "C0ALERTS",
      ts: "2.2",
    });
  });

  it("marks a message Slack refuses for good as failed and goes on with the next", async () => {
    const s = await open(ticket("I-1", { priority: "P2" }), ticket("I-2", { priority: "P2" }));
    const calls: SlackCall[] = [];
    slack("chat.postMessage", calls, { ok: false, error: "msg_too_long" });
    slack("chat.postMessage", calls);
    expect(await harness(s, notify()).cycle(MON("09:45"))).toEqual([
      expect.objectContaining({ sent: 1, failed: 1, pending: 0 }),
    ]);
  });
});
