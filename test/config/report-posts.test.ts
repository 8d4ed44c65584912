// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${NAME}" is config syntax here, not a template.
/** `schedule.reports[].post`: references to channels `notify` defines, checked across the sections. */
import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/index.js";
import { FILE, problemsOf, yaml } from "./helpers.js";

const ENV = {
  SLACK_BOT_TOKEN: "xoxb-1",
  TEAMS_WORKFLOW_URL:
    "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=x",
  TEAMS_UTRECHT_WORKFLOW_URL:
    "https://prod-02.westeurope.logic.azure.com/workflows/def/triggers/manual/paths/invoke?sig=y",
};

const NOTIFY = [
  "notify:",
  '  slack: {token: "${SLACK_BOT_TOKEN}", channel: C0ALERTS}',
  '  teams: {webhookUrl: "${TEAMS_WORKFLOW_URL}"}',
  "  routes:",
  "    - name: utrecht",
  "      when: {location: [Utrecht]}",
  "      slackChannel: C0UTRECHT01",
  '      teamsWebhookUrl: "${TEAMS_UTRECHT_WORKFLOW_URL}"',
  "    - name: security",
  "      when: {type: [security-incident]}",
  "      slackChannel: C0SECURITY1",
];

const reportWith = (post: string, extra = "") =>
  yaml(
    ...NOTIFY,
    "schedule:",
    "  reports:",
    `    - {cron: "0 7 1 * *", period: month, post: ${post}${extra}}`,
  );

describe("schedule.reports[].post", () => {
  it("names the default channels, a Slack channel by id and a route's Teams workflow by the route's name", () => {
    const config = parseConfigText(
      reportWith(
        '[slack, "slack:C0UTRECHT01", teams, "teams:utrecht"]',
        ", publicUrl: https://intranet.example.org/sla/",
      ),
      FILE,
      ENV,
    );
    expect(config.schedule.reports?.[0]).toMatchObject({
      post: ["slack", "slack:C0UTRECHT01", "teams", "teams:utrecht"],
      publicUrl: "https://intranet.example.org/sla",
    });
    expect(config.notify.routes?.map((r) => r.name)).toEqual(["utrecht", "security"]);
  });

  it.each([
    [
      '["slack:C0NOPE"]',
      "names Slack channel C0NOPE, which notify does not (notify.slack.channel or a route's slackChannel)",
    ],
    ['["teams:amsterdam"]', "names route amsterdam, which notify.routes does not have"],
    ['["teams:security"]', "route security has no teamsWebhookUrl"],
    ["[email]", "expected slack, slack:<channel id>, teams or teams:<route name>"],
  ])("refuses %s, naming the entry", (post, message) => {
    expect(problemsOf(reportWith(post), ENV)).toEqual([
      expect.objectContaining({ path: "schedule.reports[0].post[0]", line: 14, message }),
    ]);
  });

  it("needs the channel's own section", () => {
    const text = yaml(
      "schedule:",
      "  reports:",
      '    - {cron: "0 7 1 * *", period: month, post: [slack, teams]}',
    );
    expect(problemsOf(text).map((p) => [p.path, p.message])).toEqual([
      ["schedule.reports[0].post[0]", "needs notify.slack"],
      ["schedule.reports[0].post[1]", "needs notify.teams"],
    ]);
  });

  it("reports a bad reference beside the other section's problems", () => {
    const text = yaml(
      ...NOTIFY.map((line) => line.replace("name: security", "name: utrecht")),
      "schedule:",
      "  reports:",
      '    - {cron: "0 7 1 * *", period: month, post: ["teams:nowhere", slack, slack], publicUrl: "http://intranet.example.org/sla"}',
    );
    expect(problemsOf(text, ENV).map((p) => [p.path, p.message])).toEqual([
      ["notify.routes[1].name", "names a route twice"],
      ["schedule.reports[0].post", "lists the same name twice"],
      ["schedule.reports[0].post[0]", "names route nowhere, which notify.routes does not have"],
      [
        "schedule.reports[0].publicUrl",
        "must use https (plain http is allowed only for localhost and 127.0.0.1)",
      ],
    ]);
  });
});

describe("notify.slack.breachReply", () => {
  it("takes thread, broadcast or off", () => {
    const text = (value: string) =>
      yaml("notify:", `  slack: {token: xoxb-1, channel: C0ALERTS, breachReply: ${value}}`);
    expect(parseConfigText(text("broadcast"), FILE, {}).notify.slack?.breachReply).toBe("broadcast");
    expect(problemsOf(text("loud"))).toEqual([
      expect.objectContaining({
        path: "notify.slack.breachReply",
        message: "expected one of: 'thread', 'broadcast', 'off'",
      }),
    ]);
  });
});
