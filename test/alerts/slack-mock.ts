/**
 * nock interceptors for the Slack Web API that record what the SDK sent. The body is captured in
 * nock's body matcher: a reply *function* hangs nock 15's fetch interception, a static reply
 * does not.
 */
import nock from "nock";
import { SLACK, type SlackCall, slackCall } from "./helpers.js";

export type SlackMethod = "chat.postMessage" | "chat.update";

/** Expects one call of `method`; records it in `calls` and answers `reply` over a Slack success. */
export function slack(
  method: SlackMethod,
  calls: SlackCall[],
  reply: Record<string, unknown> = {},
  status = 200,
  headers: Record<string, string> = {},
): nock.Scope {
  const answer =
    status === 200 ? { ok: true, channel: "C0ALERTS", ts: "1772444700.000100", ...reply } : reply;
  return nock(SLACK)
    .post(`/api/${method}`, (body: Record<string, string>) => {
      calls.push(slackCall(method, body));
      return true;
    })
    .reply(status, answer, headers);
}

export function slackHistory(messages: Array<{ ts: string; alertKey: string }>): nock.Scope {
  return nock(SLACK)
    .post("/api/conversations.history")
    .reply(200, {
      ok: true,
      has_more: false,
      messages: messages.map((m) => ({
        type: "message",
        ts: m.ts,
        bot_id: "B0SENTINEL",
        metadata: { event_type: "sla_sentinel_alert", event_payload: { alert_key: m.alertKey } },
      })),
    });
}
