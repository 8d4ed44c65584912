import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/index.js";
import { FILE, problemsOf, yaml } from "./helpers.js";

const parseConnector = (lines: string[], env: Record<string, string> = {}) =>
  parseConfigText(yaml("connectors:", ...lines), FILE, env).connectors[0];

describe("TOPdesk", () => {
  it("fills its defaults and removes a trailing slash from the URL", () => {
    expect(
      parseConnector([
        "  - {name: td, type: topdesk, baseUrl: 'https://x.topdesk.net/tas/api/', username: u, password: p}",
      ]),
    ).toEqual({
      type: "topdesk",
      name: "td",
      baseUrl: "https://x.topdesk.net/tas/api",
      username: "u",
      password: "p",
      automationAccounts: [],
      priorities: { P1: "P1", P2: "P2", P3: "P3", P4: "P4" },
      pauseStatuses: {},
      ticketTypes: { categories: {}, callTypes: {}, changeTemplates: [], default: "incident" },
      changes: true,
      pageSize: 500,
      csatScale: 5,
      reportingFeed: false,
      backfillMonths: 13,
      writeback: { enabled: true, fields: {} },
    });
  });

  it.each([
    ["http on localhost", "http://localhost:8080/tas/api"],
    ["http on 127.0.0.1", "http://127.0.0.1:3000/tas/api"],
    ["https with a port", "https://topdesk.example.org:8443/tas/api"],
  ])("accepts %s", (_name, url) => {
    expect(
      parseConnector([`  - {name: td, type: topdesk, baseUrl: '${url}', username: u, password: p}`]),
    ).toMatchObject({
      baseUrl: url,
    });
  });
});

describe("Jira Service Management", () => {
  it("cloud: e-mail + token, one project becomes a list, ITSM issue types by default", () => {
    expect(
      parseConnector([
        "  - {name: jira, type: jsm, baseUrl: 'https://x.atlassian.net/', email: e@x.org, token: t, project: ITS}",
      ]),
    ).toEqual({
      type: "jsm",
      name: "jira",
      deployment: "cloud",
      baseUrl: "https://x.atlassian.net",
      email: "e@x.org",
      token: "t",
      projects: ["ITS"],
      automationAccounts: [],
      priorities: { P1: "P1", P2: "P2", P3: "P3", P4: "P4" },
      pauseStatuses: {},
      closedStatuses: ["Closed"],
      ticketTypes: {
        requestTypes: {},
        issueTypes: {
          "[System] Incident": "incident",
          "[System] Service request": "service-request",
          "[System] Service request with approvals": "service-request",
          "[System] Change": "change",
        },
        default: null,
      },
      fields: {},
      backfillMonths: 13,
      writeback: { enabled: true, fields: {} },
    });
  });

  it("datacenter: a personal access token alone, several projects", () => {
    expect(
      parseConnector([
        "  - {name: jira, type: jsm, deployment: datacenter, baseUrl: 'https://jira.example.org/jira', token: pat, projects: [ITS, NET]}",
      ]),
    ).toMatchObject({
      deployment: "datacenter",
      baseUrl: "https://jira.example.org/jira",
      projects: ["ITS", "NET"],
    });
  });

  it.each([
    [
      "datacenter with an e-mail",
      "{name: j, type: jsm, deployment: datacenter, baseUrl: 'https://j.example', email: e, token: t, project: ITS}",
      [
        "connectors[0].email: not used with deployment datacenter (the personal access token is sent on its own)",
      ],
    ],
    [
      "neither project nor projects",
      "{name: j, type: jsm, baseUrl: 'https://j.example', email: e, token: t}",
      ["connectors[0]: set either project (one key) or projects (a list), not both or neither"],
    ],
    [
      "a lower-case project key",
      "{name: j, type: jsm, baseUrl: 'https://j.example', email: e, token: t, project: its}",
      ["connectors[0].project: expected a Jira project key, e.g. ITS"],
    ],
    [
      "a writeback field that is not a custom field id",
      "{name: j, type: jsm, baseUrl: 'https://j.example', email: e, token: t, project: ITS, writeback: {fields: {slaStatus: SLA}}}",
      ["connectors[0].writeback.fields.slaStatus: expected a Jira custom field id, e.g. customfield_10101"],
    ],
    [
      "a priority mapped outside P1–P4",
      "{name: j, type: jsm, baseUrl: 'https://j.example', email: e, token: t, project: ITS, priorities: {Highest: P0}}",
      ["connectors[0].priorities.Highest: expected one of: 'P1', 'P2', 'P3', 'P4'"],
    ],
  ])("rejects %s", (_name, connector, expected) => {
    expect(problemsOf(yaml("connectors:", `  - ${connector}`)).map((p) => `${p.path}: ${p.message}`)).toEqual(
      expected,
    );
  });
});

describe("Microsoft Graph", () => {
  const ids = "tenantId: contoso.onmicrosoft.com, clientId: 7e6d5c4b-3a29-4817-9f6e-5d4c3b2a1908";

  it("with a client secret gets the public-cloud URLs", () => {
    expect(parseConnector([`  - {name: m365, type: graph, ${ids}, clientSecret: s}`])).toEqual({
      type: "graph",
      name: "m365",
      tenantId: "contoso.onmicrosoft.com",
      clientId: "7e6d5c4b-3a29-4817-9f6e-5d4c3b2a1908",
      clientSecret: "s",
      graphUrl: "https://graph.microsoft.com/v1.0",
      loginUrl: "https://login.microsoftonline.com",
      defenderUrl: "https://api.securitycenter.microsoft.com",
      patchTermDays: 14,
      defenderIntervalMinutes: 240,
      collect: { serviceHealth: true, devices: true, vulnerabilities: true },
    });
  });

  it("resolves the exceptions file against the config folder", () => {
    expect(
      parseConnector([
        `  - {name: m365, type: graph, ${ids}, clientSecret: s, exceptionsFile: exceptions.yaml}`,
      ]),
    ).toMatchObject({ exceptionsFile: "/etc/sla-sentinel/exceptions.yaml" });
  });

  it("with a certificate, its path resolved against the config folder", () => {
    const sha256 = "a".repeat(64);
    expect(
      parseConnector([
        `  - {name: m365, type: graph, ${ids}, certificate: {path: certs/app.pem, thumbprintSha256: ${sha256}}}`,
      ]),
    ).toMatchObject({ certificate: { path: "/etc/sla-sentinel/certs/app.pem", thumbprintSha256: sha256 } });
  });

  it.each([
    [
      "no credential",
      `{name: g, type: graph, ${ids}}`,
      ["connectors[0]: set exactly one credential: clientSecret or certificate"],
    ],
    [
      "a certificate with both thumbprints",
      `{name: g, type: graph, ${ids}, certificate: {path: c.pem, thumbprint: ${"b".repeat(40)}, thumbprintSha256: ${"a".repeat(64)}}}`,
      ["connectors[0].certificate: set exactly one of thumbprintSha256 or thumbprint"],
    ],
    [
      "a short thumbprint",
      `{name: g, type: graph, ${ids}, certificate: {path: c.pem, thumbprint: abc}}`,
      ["connectors[0].certificate.thumbprint: expected 40 hexadecimal digits (SHA-1)"],
    ],
    [
      "an empty in-scope list",
      `{name: g, type: graph, ${ids}, clientSecret: s, inScope: []}`,
      ["connectors[0].inScope: must list at least one service, or be left out"],
    ],
  ])("rejects %s", (_name, connector, expected) => {
    expect(problemsOf(yaml("connectors:", `  - ${connector}`)).map((p) => `${p.path}: ${p.message}`)).toEqual(
      expected,
    );
  });
});

describe("file", () => {
  it.each([
    [
      "a relative path, against the config folder",
      "./data/records.jsonl",
      "/etc/sla-sentinel/data/records.jsonl",
    ],
    ["a bare relative path", "records.jsonl", "/etc/sla-sentinel/records.jsonl"],
    ["an absolute path, unchanged", "/var/lib/sla/records.jsonl", "/var/lib/sla/records.jsonl"],
  ])("%s", (_name, path, expected) => {
    expect(parseConnector([`  - {name: f, type: file, path: '${path}'}`])).toEqual({
      type: "file",
      name: "f",
      path: expected,
    });
  });

  it("a name with spaces is refused", () => {
    expect(problemsOf(yaml("connectors:", "  - {name: my files, type: file, path: x}"))[0]?.message).toBe(
      "must be 1–63 letters, digits, '-' or '_', starting with a letter or digit",
    );
  });
});

describe("notify", () => {
  it("fills Slack's API URL with its trailing slash and keeps routes", () => {
    const config = parseConfigText(
      yaml(
        "notify:",
        "  slack: {token: xoxb-1, channel: C0123456789, apiUrl: 'http://localhost:9999/api'}",
        "  routes:",
        "    - {when: {priority: [P1, P2], type: [security-incident]}, slackChannel: C0SEC}",
      ),
      FILE,
      {},
    );
    expect(config.notify).toEqual({
      atRiskAt: 0.75,
      slack: { token: "xoxb-1", channel: "C0123456789", apiUrl: "http://localhost:9999/api/" },
      routes: [{ when: { priority: ["P1", "P2"], type: ["security-incident"] }, slackChannel: "C0SEC" }],
      quietOutsideWindow: true,
    });
  });

  it("keeps a Teams workflow URL exactly, signature included", () => {
    const url =
      "https://prod-01.westeurope.logic.azure.com:443/workflows/a/triggers/manual/paths/invoke?api-version=1&sig=abc";
    expect(parseConfigText(`notify: {teams: {webhookUrl: '${url}'}}`, FILE, {}).notify.teams).toEqual({
      webhookUrl: url,
    });
  });

  it("a route must send somewhere", () => {
    expect(
      problemsOf("notify: {routes: [{when: {priority: [P1]}}]}").map((p) => `${p.path}: ${p.message}`),
    ).toEqual(["notify.routes[0]: must send somewhere: slackChannel or teamsWebhookUrl"]);
  });
});
