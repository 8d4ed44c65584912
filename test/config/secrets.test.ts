// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${NAME}" is config syntax here, not a template.
import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "../../src/config/index.js";
import { errorOf, yaml } from "./helpers.js";

// Distinctive, and not a valid connector name, time zone, priority or URL, so every use below fails.
const SECRET = "Sup3r$ecret!value";
const ENV = {
  TOPDESK_PASSWORD: SECRET,
  JIRA_TOKEN: SECRET,
  DATABASE_URL: `mysql://sla:${SECRET}@db.example/sla`,
  TEAMS_URL: `http://teams.example/workflows/1?sig=${SECRET}`,
  SLACK_TOKEN: SECRET,
  CLIENT_SECRET: SECRET,
};

describe("a secret never appears in a problem", () => {
  const text = yaml(
    "storage: {postgres: '${DATABASE_URL}'}", // wrong scheme
    "connectors:",
    "  - {name: td, type: topdesk, baseUrl: 'http://remote.example/tas/api', username: u, password: '${TOPDESK_PASSWORD}'}",
    "  - {name: '${JIRA_TOKEN}', type: jsm, baseUrl: 'https://j.atlassian.net', token: '${JIRA_TOKEN}', project: ITS}",
    "  - {name: g, type: graph, tenantId: '${CLIENT_SECRET}', clientId: '${CLIENT_SECRET}', clientSecret: '${CLIENT_SECRET}'}",
    "  - {name: x, type: '${JIRA_TOKEN}'}",
    "  - {name: y, type: file, path: p, priorities: {P1: '${JIRA_TOKEN}'}}",
    "notify:",
    "  slack: {token: '${SLACK_TOKEN}', channel: C0123456789, apiUrl: '${TEAMS_URL}'}",
    "  teams: {webhookUrl: '${TEAMS_URL}'}",
    "  atRiskAt: '${SLACK_TOKEN}'",
    "contract: {serviceWindow: {timezone: '${CLIENT_SECRET}'}, catalog: 'builtin:${CLIENT_SECRET}'}",
    "server: {port: '${TOPDESK_PASSWORD}', host: 1}",
    "log: {level: '${SLACK_TOKEN}'}",
    "schedule: {sync: '${SLACK_TOKEN} * * * *'}",
  );

  it("while each wrong secret-bearing value is still reported", () => {
    const error = errorOf(text, ENV);
    expect(error.problems.map((p) => p.path)).toEqual([
      "storage.postgres",
      "connectors[0].baseUrl",
      "connectors[1].email", // points at the connector's mapping, left of its name
      "connectors[1].name",
      "connectors[2].tenantId",
      "connectors[2].clientId",
      "connectors[3].type",
      "connectors[4].priorities",
      "notify.slack.apiUrl",
      "notify.teams.webhookUrl",
      "notify.atRiskAt",
      "contract.serviceWindow.timezone",
      "contract.catalog",
      "server.port",
      "server.host",
      "log.level",
      "schedule.sync",
    ]);
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error.problems)).not.toContain(SECRET);
    expect(String(error.stack)).not.toContain(SECRET);
  });

  it.each([
    ["a bad escape in a double-quoted literal", yaml(`connectors: [{password: "x\\q${SECRET}"}]`)],
    ["an unclosed quote", yaml(`password: "${SECRET}`, "other: 1")],
    ["a tag on a literal", yaml(`token: !${SECRET} abc`)],
  ])("nor in a YAML syntax error: %s", (_name, source) => {
    const error = errorOf(source, {});
    expect(error.problems.length).toBeGreaterThan(0);
    expect(error.message).not.toContain(SECRET);
  });
});

describe("redactSecrets", () => {
  it("replaces the values of secret-bearing keys at any depth", () => {
    const config = {
      storage: { postgres: "postgres://u:pw@h/db", retention: { months: null } },
      connectors: [
        { name: "td", username: "u", password: "pw" },
        { name: "j", token: "t", email: "e" },
      ],
      notify: { slack: { token: "xoxb", channel: "C1" }, teams: { webhookUrl: "https://x?sig=s" } },
    };
    expect(redactSecrets(config)).toEqual({
      storage: { postgres: REDACTED, retention: { months: null } },
      connectors: [
        { name: "td", username: "u", password: REDACTED },
        { name: "j", token: REDACTED, email: "e" },
      ],
      notify: { slack: { token: REDACTED, channel: "C1" }, teams: { webhookUrl: REDACTED } },
    });
    expect(config.connectors[0]?.password).toBe("pw");
  });
});
