import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfigText } from "../../src/config/index.js";
import { FILE } from "./helpers.js";

const EXAMPLE = fileURLToPath(new URL("../../config/sla-sentinel.example.yaml", import.meta.url));
const CONFIG_DIR = fileURLToPath(new URL("../../config", import.meta.url));

const FAKE_ENV = {
  TOPDESK_USER: "sla-sentinel",
  TOPDESK_APP_PASSWORD: "app-password-1",
  JIRA_EMAIL: "sla@example.org",
  JIRA_TOKEN: "jira-token-1",
  TENANT_ID: "0b5f2c1e-8d4a-4f3b-9c2d-1a2b3c4d5e6f",
  CLIENT_ID: "7e6d5c4b-3a29-4817-9f6e-5d4c3b2a1908",
  CLIENT_SECRET: "client-secret-1",
  SLACK_BOT_TOKEN: "xoxb-1",
  TEAMS_WORKFLOW_URL:
    "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=x",
  TEAMS_UTRECHT_WORKFLOW_URL:
    "https://prod-02.westeurope.logic.azure.com/workflows/def/triggers/manual/paths/invoke?sig=y",
};

describe("config/sla-sentinel.example.yaml", () => {
  it("is valid with every variable set", async () => {
    const config = await loadConfig(EXAMPLE, FAKE_ENV);
    expect(config.connectors.map((c) => `${c.name}:${c.type}`)).toEqual([
      "topdesk:topdesk",
      "jira:jsm",
      "m365:graph",
      "exports:file",
    ]);
    expect(config.contract.supplierNorms).toBe(`${CONFIG_DIR}/supplier-norms.yaml`);
    expect(config.storage.sqlite).toBe(`${CONFIG_DIR}/data/sla-sentinel.db`);
    expect(config.schedule.reports?.map((r) => r.out)).toEqual([
      `${CONFIG_DIR}/reports`,
      `${CONFIG_DIR}/reports`,
    ]);
    expect(config.schedule.reports?.map((r) => [r.post, r.publicUrl])).toEqual([
      [["slack", "teams"], "https://intranet.example.org/sla-reports"],
      [["slack:C0UTRECHT01", "teams:utrecht"], undefined],
    ]);
  });

  it("expands the secrets from the environment", async () => {
    const config = await loadConfig(EXAMPLE, FAKE_ENV);
    const [topdesk, jira, m365] = config.connectors;
    expect(topdesk?.type === "topdesk" && topdesk.password).toBe("app-password-1");
    expect(jira?.type === "jsm" && [jira.email, jira.token, jira.projects]).toEqual([
      "sla@example.org",
      "jira-token-1",
      ["ITS"],
    ]);
    expect(m365?.type === "graph" && m365.clientSecret).toBe("client-secret-1");
    expect(config.notify.teams?.webhookUrl).toBe(FAKE_ENV.TEAMS_WORKFLOW_URL);
  });

  it("names every variable that is missing, each at its own line", async () => {
    const error = await loadConfig(EXAMPLE, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.message).sort()).toEqual(
      Object.keys(FAKE_ENV)
        .map((name) => `environment variable ${name} is not set`)
        .sort(),
    );
    expect(problems.every((p) => p.line !== undefined && p.file === EXAMPLE)).toBe(true);
  });
});

// A copy of the YAML in shared/contract/interfaces.md ("Configuration (YAML)" and the write-back
// and notification snippets): the documented shapes must stay valid.
const INTERFACES_EXAMPLE = `
contract:
  catalog: builtin:sib          # or a path to a catalog YAML
  supplierNorms: ./supplier-norms.yaml
  serviceWindow: {timezone: Europe/Amsterdam, days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00"}
  holidays:
    country: NL
    goodFriday: false
    liberationDay: lustrum
    workingDays: []
    closedDays: []
storage: {sqlite: ./data/sla-sentinel.db}
connectors:
  - {name: topdesk, type: topdesk, baseUrl: "https://example.topdesk.net/tas/api", username: "\${TOPDESK_USER}", password: "\${TOPDESK_APP_PASSWORD}",
     writeback: {fields: {slaStatus: optionalFields1.text1, responseDue: optionalFields1.date1, resolutionDue: optionalFields1.date2,
                          remainingMinutes: optionalFields1.number1, nextUpdateDue: optionalFields1.date3}}}
  - {name: jira, type: jsm, baseUrl: "https://example.atlassian.net", email: "\${JIRA_EMAIL}", token: "\${JIRA_TOKEN}", project: ITS,
     writeback: {fields: {slaStatus: customfield_10101, resolutionDue: customfield_10102}}}
  - {name: m365, type: graph, tenantId: "\${TENANT_ID}", clientId: "\${CLIENT_ID}", clientSecret: "\${CLIENT_SECRET}"}
  - {name: exports, type: file, path: ./data/records.jsonl}
notify:
  atRiskAt: 0.75
  slack: {token: "\${SLACK_BOT_TOKEN}", channel: "C0123456789"}
  teams: {webhookUrl: "\${TEAMS_WORKFLOW_URL}"}
schedule: {sync: "*/5 * * * *"}
`;

describe("the example in shared/contract/interfaces.md", () => {
  it("is valid", () => {
    const config = parseConfigText(INTERFACES_EXAMPLE, FILE, FAKE_ENV);
    expect(config.connectors.map((c) => c.name)).toEqual(["topdesk", "jira", "m365", "exports"]);
  });
});
