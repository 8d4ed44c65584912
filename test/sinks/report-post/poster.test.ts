/**
 * Posting scorecards over a real SQLite store (its meta table) and the real Slack and Teams
 * channels pointed at nock: once per job, period and channel, across restarts and outages.
 */
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildAlertChannels } from "../../../src/alerts/index.js";
import { type NotifyConfig, notifySchema } from "../../../src/config/schema/notify.js";
import { postKey, ReportPoster } from "../../../src/sinks/report-post/index.js";
import { SqliteStore } from "../../../src/store/sqlite-store.js";
import type { Store } from "../../../src/store/types.js";
import { captureLog, type LogCapture } from "../../daemon/helpers.js";
import { useNock } from "../../http/nock-harness.js";
import { marchReport } from "./period-report.js";

useNock();

const SLACK = "https://slack.test";
const TEAMS_HOST = "https://prod-42.westeurope.environment.api.powerplatform.com";
const TEAMS_PATH = "/powerautomate/automations/direct/workflows/0f1e/triggers/manual/paths/invoke";
const TEAMS_URL = `${TEAMS_HOST}${TEAMS_PATH}?api-version=1&sig=s3cr3t`;
const START = Date.parse("2026-04-01T06:00:00+02:00");
const MIN = 60_000;
const JOB = "reports[0]:month";

const notify: NotifyConfig = notifySchema.parse({
  slack: { token: "xoxb-test", channel: "C0ALERTS", apiUrl: `${SLACK}/api/` },
  teams: { webhookUrl: TEAMS_URL },
});
const teamsKey = [...buildAlertChannels(notify).keys()].find((k) => k.startsWith("teams:")) ?? "";
const SLACK_KEY = postKey(JOB, "2026-03", "slack:C0ALERTS");

let store: SqliteStore;
let now: number;
let capture: LogCapture;
/** outcomes as the daemon's metrics are told them: `outcome channel` */
let outcomes: string[];
beforeEach(async () => {
  outcomes = [];
  store = SqliteStore.open(":memory:");
  await store.migrate();
  now = START;
  capture = captureLog();
});
afterEach(async () => {
  await store.close();
});

/** A fresh poster (a fresh process, as after a restart) over `target`. */
function poster(target: Store = store) {
  return new ReportPoster({
    store: target,
    channels: buildAlertChannels(notify, { slack: { baseDelayMs: 1 }, teams: { baseDelayMs: 1 } }),
    notify,
    log: capture.log,
    clock: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    onOutcome: (outcome, channel) => outcomes.push(`${outcome} ${channel}`),
  });
}

const march = (post: string[] = ["slack", "teams"]) => ({
  job: JOB,
  report: marchReport(),
  files: ["/srv/reports/sla-report-2026-03.html"],
  post,
  publicUrl: "https://intranet.example.org/sla",
});

type Form = Record<string, string>;
function slackPost(sent: Form[], reply: Record<string, unknown> = {}, status = 200, headers = {}) {
  return nock(SLACK)
    .post("/api/chat.postMessage", (body: Form) => {
      sent.push(body);
      return true;
    })
    .reply(
      status,
      status === 200 ? { ok: true, channel: "C0ALERTS", ts: "1775016000.000100", ...reply } : reply,
      headers,
    );
}
function teamsPost(cards: unknown[], status = 202) {
  return nock(TEAMS_HOST)
    .post(TEAMS_PATH, (body: unknown) => {
      cards.push(body);
      return true;
    })
    .query(true)
    .reply(status);
}

describe("posting a report's scorecard", () => {
  it("posts Block Kit to Slack and an Adaptive Card to Teams, and records each post after it was confirmed", async () => {
    const sent: Form[] = [];
    const cards: Array<{
      attachments: Array<{ content: { version: string; body: Array<{ text?: string }> } }>;
    }> = [];
    slackPost(sent);
    teamsPost(cards);
    expect(await poster().post(march())).toEqual({ posted: 2, recovered: 0, waiting: 0 });

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      channel: "C0ALERTS",
      text: "SLA scorecard 2026-03 (month): 1 met · 2 not met · 1 no data · 1 contract deviation",
      unfurl_links: "false",
    });
    expect(JSON.parse(sent[0]?.metadata ?? "{}")).toEqual({
      event_type: "sla_sentinel_report",
      event_payload: { post_key: SLACK_KEY, period: "2026-03" },
    });
    expect(JSON.parse(sent[0]?.blocks ?? "[]")[0].text.text).toBe(
      ":bar_chart: SLA scorecard 2026-03 (month)",
    );
    expect(cards[0]?.attachments[0]?.content.version).toBe("1.4");
    expect(cards[0]?.attachments[0]?.content.body[0]?.text).toBe("SLA scorecard 2026-03 (month)");

    expect(JSON.parse((await store.getMeta(SLACK_KEY)) ?? "null")).toEqual({
      postedAt: "2026-04-01T04:00:00.000Z",
      message: { channel: "C0ALERTS", ts: "1775016000.000100" },
    });
    expect(JSON.parse((await store.getMeta(postKey(JOB, "2026-03", teamsKey))) ?? "null")).toEqual({
      postedAt: "2026-04-01T04:00:00.000Z",
      message: null,
    });
    expect(await poster().waiting()).toBe(false);
  });

  it("posts nothing again for the same job and period, also after a restart", async () => {
    slackPost([]);
    teamsPost([]);
    await poster().post(march());
    // No interceptors left: a second post would be an unmatched request and fail the test.
    expect(await poster().post(march())).toEqual({ posted: 0, recovered: 0, waiting: 0 });
    now += 86_400_000;
    expect(await poster().post(march(["teams", "slack"]))).toEqual({ posted: 0, recovered: 0, waiting: 0 });
  });

  it("keeps a failed post queued, logs it, goes on with the other channel, and posts it at the next run", async () => {
    const sent: Form[] = [];
    nock(SLACK).post("/api/chat.postMessage").times(3).reply(503, "upstream connect error");
    teamsPost([]);
    expect(await poster().post(march())).toEqual({ posted: 1, recovered: 0, waiting: 1 });
    expect(capture.lines().find((l) => l.msg === "report post failed; retried later")).toMatchObject({
      level: "error",
      job: JOB,
      period: "2026-03",
      channel: "slack:C0ALERTS",
      error: "slack chat.postMessage: HTTP 503",
      notBefore: "2026-04-01T04:05:00.000Z",
    });
    expect(await poster().waiting()).toBe(true);

    now += 4 * MIN; // inside the five-minute backoff: nothing is tried
    expect(await poster().flush()).toEqual({ posted: 0, recovered: 0, waiting: 1 });
    now += 2 * MIN;
    slackPost(sent);
    expect(await poster().flush()).toEqual({ posted: 1, recovered: 0, waiting: 0 });
    expect(sent).toHaveLength(1);
    expect(await store.getMeta(SLACK_KEY)).not.toBeNull();
    expect(outcomes).toEqual(["failed slack:C0ALERTS", `posted ${teamsKey}`, "posted slack:C0ALERTS"]);
  });

  it("waits as long as a 429's Retry-After asks when that is longer than the backoff", async () => {
    slackPost([], { ok: false, error: "ratelimited" }, 429, { "Retry-After": "900" });
    expect(await poster().post(march(["slack"]))).toEqual({ posted: 0, recovered: 0, waiting: 1 });
    now += 14 * MIN;
    expect(await poster().flush()).toEqual({ posted: 0, recovered: 0, waiting: 1 });
    now += 1 * MIN;
    slackPost([]);
    expect(await poster().flush()).toEqual({ posted: 1, recovered: 0, waiting: 0 });
  });

  it("drops a scorecard Slack refuses for good, and says so", async () => {
    slackPost([], { ok: false, error: "invalid_blocks" });
    expect(await poster().post(march(["slack"]))).toEqual({ posted: 0, recovered: 0, waiting: 0 });
    expect(capture.lines().find((l) => l.msg === "report post refused by the chat service")).toMatchObject({
      level: "error",
      error: "slack chat.postMessage: invalid_blocks",
    });
    expect(await store.getMeta(SLACK_KEY)).toBeNull();
  });
});

describe("a crash between the post and its record, then a restart", () => {
  /** The store, with the first write of a sent mark failing (the process died right after posting). */
  function losesFirstMark(): Store {
    let failed = false;
    return new Proxy(store, {
      get(object, property) {
        if (property === "setMeta") {
          return async (key: string, value: string) => {
            if (key.startsWith("report-post:") && !failed) {
              failed = true;
              throw new Error("disk I/O error");
            }
            return object.setMeta(key, value);
          };
        }
        const value = Reflect.get(object, property, object);
        return typeof value === "function" ? value.bind(object) : value;
      },
    }) as Store;
  }

  it("Slack: finds the posted scorecard by its post key in the channel and does not post it again", async () => {
    slackPost([]);
    expect(await poster(losesFirstMark()).post(march(["slack"]))).toMatchObject({ posted: 0, waiting: 1 });
    expect(await store.getMeta(SLACK_KEY)).toBeNull();

    now += 10 * MIN;
    let query: Form = {};
    nock(SLACK)
      .post("/api/conversations.history", (body: Form) => {
        query = body;
        return true;
      })
      .reply(200, {
        ok: true,
        has_more: false,
        messages: [
          {
            type: "message",
            ts: "1775016000.000100",
            bot_id: "B0SENTINEL",
            metadata: {
              event_type: "sla_sentinel_report",
              event_payload: { post_key: SLACK_KEY, period: "2026-03" },
            },
          },
        ],
      });
    expect(await poster().flush()).toEqual({ posted: 0, recovered: 1, waiting: 0 });
    expect(query).toMatchObject({ channel: "C0ALERTS", include_all_metadata: "true" });
    expect(JSON.parse((await store.getMeta(SLACK_KEY)) ?? "null")).toMatchObject({
      message: { channel: "C0ALERTS", ts: "1775016000.000100" },
    });
  });

  it("Teams: cannot ask the workflow, so posts again (at least once)", async () => {
    const cards: unknown[] = [];
    teamsPost(cards);
    await poster(losesFirstMark()).post(march(["teams"]));
    now += 10 * MIN;
    teamsPost(cards);
    expect(await poster().flush()).toEqual({ posted: 1, recovered: 0, waiting: 0 });
    expect(cards).toHaveLength(2);
  });

  it("drops a waiting post whose channel was removed from the config", async () => {
    nock(TEAMS_HOST).post(TEAMS_PATH).query(true).reply(404);
    await poster().post(march(["teams"]));
    const slackOnly = new ReportPoster({
      store,
      channels: buildAlertChannels(notifySchema.parse({ slack: notify.slack })),
      notify: notifySchema.parse({ slack: notify.slack }),
      log: capture.log,
      clock: () => now + 60 * MIN,
    });
    expect(await slackOnly.flush()).toEqual({ posted: 0, recovered: 0, waiting: 0 });
    expect(capture.messages()).toContain("report post dropped: the channel is no longer configured");
  });
});
