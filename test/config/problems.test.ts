// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${NAME}" is config syntax here, not a template.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfigText } from "../../src/config/index.js";
import { errorOf, FILE, problemsOf, yaml } from "./helpers.js";

const TOPDESK =
  "{name: td, type: topdesk, baseUrl: 'https://x.topdesk.net/tas/api', username: u, password: p}";

/** `at`: the text the problem points at; its column is read off the YAML line, not counted by hand. */
type Expected = { path: string; line: number; at: string; message: string };

function expectOneProblem(text: string, { at, ...expected }: Expected) {
  const column = (text.split("\n")[expected.line - 1] ?? "").indexOf(at) + 1;
  expect(column).toBeGreaterThan(0);
  expect(problemsOf(text)).toEqual([{ file: FILE, ...expected, column }]);
}

describe("unknown keys are errors at every depth, placed on the key", () => {
  it.each<[string, string, Expected]>([
    [
      "top level",
      yaml("contract: {}", "foo: 1"),
      {
        path: "foo",
        line: 2,
        at: "foo",
        message:
          "unknown key 'foo'; expected one of: contract, storage, connectors, notify, schedule, server, log",
      },
    ],
    [
      "a section",
      yaml("contract:", "  catalogue: builtin:sib"),
      {
        path: "contract.catalogue",
        line: 2,
        at: "catalogue",
        message: "unknown key 'catalogue'; did you mean 'catalog'?",
      },
    ],
    [
      "four levels down",
      yaml("contract:", "  rules:", "    ownership:", "      gracePeriod: 5"),
      {
        path: "contract.rules.ownership.gracePeriod",
        line: 4,
        at: "gracePeriod",
        message: "unknown key 'gracePeriod'; expected one of: mode, graceMinutes",
      },
    ],
    [
      "inside a list item",
      yaml("connectors:", "  - name: files", "    type: file", "    path: ./r.jsonl", "    watch: true"),
      {
        path: "connectors[0].watch",
        line: 5,
        at: "watch",
        message: "unknown key 'watch'; expected one of: type, name, path",
      },
    ],
    [
      "a connector's nested settings",
      yaml(
        "connectors:",
        `  - ${TOPDESK.slice(0, -1)},`,
        "     writeback: {fields: {slaStatuss: optionalFields1.text1}}}",
      ),
      {
        path: "connectors[0].writeback.fields.slaStatuss",
        line: 3,
        at: "slaStatuss",
        message: "unknown key 'slaStatuss'; did you mean 'slaStatus'?",
      },
    ],
    [
      "the calendar's own schema",
      yaml("contract:", "  holidays:", "    country: NL", "    easter: true"),
      {
        path: "contract.holidays.easter",
        line: 4,
        at: "easter",
        message:
          "unknown key 'easter'; expected one of: country, goodFriday, liberationDay, workingDays, closedDays",
      },
    ],
  ])("%s", (_name, text, expected) => {
    expectOneProblem(text, expected);
  });
});

describe("wrong values name the path, the position and what was expected", () => {
  it.each<[string, string, Expected]>([
    [
      "text for a number",
      "server: {port: abc}",
      { path: "server.port", line: 1, at: "abc", message: "expected a number, got text" },
    ],
    [
      "a number out of range",
      "server: {port: 70000}",
      { path: "server.port", line: 1, at: "70000", message: "must be between 1 and 65535" },
    ],
    [
      "a fraction for a whole number",
      "storage: {retention: {months: 1.5}}",
      { path: "storage.retention.months", line: 1, at: "1.5", message: "must be a whole number" },
    ],
    [
      "text for a list",
      "contract: {serviceWindow: {days: mon}}",
      { path: "contract.serviceWindow.days", line: 1, at: "mon}", message: "expected a list, got text" },
    ],
    [
      "yes for true/false (YAML 1.2 reads it as text)",
      "notify: {quietOutsideWindow: yes}",
      { path: "notify.quietOutsideWindow", line: 1, at: "yes", message: "expected true or false, got text" },
    ],
    [
      "a mapping for a list",
      yaml("connectors:", "  name: x"),
      { path: "connectors", line: 2, at: "name: x", message: "expected a list, got a mapping" },
    ],
    [
      "a list for the whole file",
      yaml("- contract", "- storage"),
      { path: "", line: 1, at: "- contract", message: "expected a mapping of keys to values, got a list" },
    ],
    [
      "a value outside a choice",
      "log: {level: verbose}",
      {
        path: "log.level",
        line: 1,
        at: "verbose",
        message: "expected one of: 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'",
      },
    ],
    [
      "an unknown connector type",
      yaml("connectors:", "  - {name: x, type: servicenow}"),
      {
        path: "connectors[0].type",
        line: 2,
        at: "servicenow",
        message: "expected one of: 'topdesk', 'jsm', 'graph', 'file'",
      },
    ],
    [
      "a connector without a type",
      yaml("connectors:", "  - {name: x}"),
      {
        path: "connectors[0].type",
        line: 2,
        at: "{name: x}",
        message: "required: one of 'topdesk', 'jsm', 'graph', 'file'",
      },
    ],
    [
      "a required setting left out",
      yaml("connectors:", "  - {name: x, type: file}"),
      { path: "connectors[0].path", line: 2, at: "{name: x", message: "required (text)" },
    ],
    [
      "at-risk share of 1",
      "notify: {atRiskAt: 1}",
      {
        path: "notify.atRiskAt",
        line: 1,
        at: "1}",
        message: "must be between 0 and 1 (exclusive), e.g. 0.75",
      },
    ],
    [
      "a bad time zone",
      "contract: {serviceWindow: {timezone: Europe/Amstredam}}",
      {
        path: "contract.serviceWindow.timezone",
        line: 1,
        at: "Europe/Amstredam",
        message: "not an IANA time zone (e.g. Europe/Amsterdam)",
      },
    ],
    [
      "a window that ends before it starts",
      yaml("contract:", "  serviceWindow:", '    from: "18:00"', '    to: "08:00"'),
      {
        path: "contract.serviceWindow.to",
        line: 4,
        at: '"08:00"',
        message: "the window must end after it starts",
      },
    ],
    [
      "a cron with 4 fields",
      'schedule: {sync: "*/5 * * *"}',
      {
        path: "schedule.sync",
        line: 1,
        at: '"*/5',
        message:
          "expected a cron expression of 5 fields (minute hour day month weekday), or 6 with seconds first; found 4",
      },
    ],
    [
      "a cron minute of 61",
      yaml("schedule:", "  reports:", '    - {cron: "61 7 1 * *", period: month}'),
      {
        path: "schedule.reports[0].cron",
        line: 3,
        at: '"61',
        message: 'invalid minute field (e.g. "*/5 * * * *" is every five minutes)',
      },
    ],
    [
      "a cron nickname",
      'schedule: {sync: "@hourly"}',
      {
        path: "schedule.sync",
        line: 1,
        at: '"@hourly',
        message:
          "expected a cron expression of 5 fields (minute hour day month weekday), or 6 with seconds first; found 1",
      },
    ],
    [
      "an unknown built-in catalog",
      "contract: {catalog: 'builtin:sbi'}",
      {
        path: "contract.catalog",
        line: 1,
        at: "'builtin:sbi'",
        message: "unknown built-in catalog (built in: builtin:sib)",
      },
    ],
    [
      "sqlite and postgres together",
      "storage: {sqlite: ./a.db, postgres: 'postgres://h/db'}",
      { path: "storage", line: 1, at: "{sqlite", message: "set either sqlite or postgres, not both" },
    ],
    [
      "a TOPdesk URL without /tas/api",
      yaml(
        "connectors:",
        "  - {name: td, type: topdesk, baseUrl: 'https://x.topdesk.net', username: u, password: p}",
      ),
      {
        path: "connectors[0].baseUrl",
        line: 2,
        at: "'https",
        message: "must end in /tas/api, e.g. https://example.topdesk.net/tas/api",
      },
    ],
    [
      "plain http to a remote host",
      yaml(
        "connectors:",
        "  - {name: j, type: jsm, baseUrl: 'http://x.atlassian.net', email: e, token: t, project: ITS}",
      ),
      {
        path: "connectors[0].baseUrl",
        line: 2,
        at: "'http:",
        message: "must use https (plain http is allowed only for localhost and 127.0.0.1)",
      },
    ],
    [
      "a date written to a TOPdesk text slot",
      yaml(
        "connectors:",
        `  - ${TOPDESK.slice(0, -1)},`,
        "     writeback: {fields: {responseDue: optionalFields1.text2}}}",
      ),
      {
        path: "connectors[0].writeback.fields.responseDue",
        line: 3,
        at: "optionalFields1.text2",
        message: "expected a TOPdesk optional date field, e.g. optionalFields1.date1",
      },
    ],
    [
      "two timer values in one field",
      yaml(
        "connectors:",
        `  - ${TOPDESK.slice(0, -1)},`,
        "     writeback: {fields: {responseDue: optionalFields1.date1, resolutionDue: optionalFields1.date1}}}",
      ),
      {
        path: "connectors[0].writeback.fields.resolutionDue",
        line: 3,
        at: "optionalFields1.date1}}",
        message: "same field as fields.responseDue",
      },
    ],
    [
      "JSM cloud without an e-mail",
      yaml(
        "connectors:",
        "  - {name: j, type: jsm, baseUrl: 'https://x.atlassian.net', token: t, project: ITS}",
      ),
      {
        path: "connectors[0].email",
        line: 2,
        at: "{name: j",
        message: "required for deployment cloud (e-mail + API token)",
      },
    ],
    [
      "Graph with two credentials",
      yaml(
        "connectors:",
        "  - name: m365",
        "    type: graph",
        "    tenantId: contoso.onmicrosoft.com",
        "    clientId: 7e6d5c4b-3a29-4817-9f6e-5d4c3b2a1908",
        "    clientSecret: s",
        "    certificate: {path: ./c.pem, thumbprint: 0123456789abcdef0123456789abcdef01234567}",
      ),
      {
        path: "connectors[0].certificate",
        line: 7,
        at: "{path",
        message: "set exactly one credential: clientSecret or certificate",
      },
    ],
    [
      "a Slack route without Slack",
      "notify: {routes: [{when: {priority: [P1]}, slackChannel: C0P1}]}",
      {
        path: "notify.routes[0].slackChannel",
        line: 1,
        at: "C0P1",
        message: "needs notify.slack (its token is used to post)",
      },
    ],
  ])("%s", (_name, text, expected) => {
    expectOneProblem(text, expected);
  });
});

describe("cross-field checks run even when a field has its own problem", () => {
  it("sqlite and a malformed postgres URL: both problems", () => {
    expect(
      problemsOf("storage: {sqlite: a.db, postgres: 'mysql://h/db'}").map((p) => `${p.path}: ${p.message}`),
    ).toEqual([
      "storage: set either sqlite or postgres, not both",
      "storage.postgres: must be a connection URL starting with postgres:// or postgresql://",
    ]);
  });
});

describe("connector names", () => {
  it("a duplicate name is reported on the duplicate, naming the first", () => {
    const text = yaml(
      "connectors:",
      "  - {name: tickets, type: file, path: ./a.jsonl}",
      "  - {name: other, type: file, path: ./b.jsonl}",
      "  - {name: tickets, type: file, path: ./c.jsonl}",
    );
    expectOneProblem(text, {
      path: "connectors[2].name",
      line: 4,
      at: "tickets, type: file, path: ./c",
      message: "connector name 'tickets' is already used by connectors[0]",
    });
  });

  it("a duplicate is still found when the connector has other problems", () => {
    const text = yaml(
      "connectors:",
      "  - {name: tickets, type: file, path: ./a.jsonl}",
      "  - {name: tickets, type: topdesk, baseUrl: 'http://x/tas/api', username: u, password: p}",
    );
    expect(problemsOf(text).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "connectors[1].name: connector name 'tickets' is already used by connectors[0]",
      "connectors[1].baseUrl: must use https (plain http is allowed only for localhost and 127.0.0.1)",
    ]);
  });
});

describe("every problem is reported together, in file order", () => {
  const text = yaml(
    "contract:", //                                    1
    "  serviceWindow: {timezone: Mars/Olympus}", //    2
    "  rules: {ownership: {mode: relaxed}}", //        3
    "connectors:", //                                  4
    "  - {name: a, type: file, path: x.jsonl}", //     5
    "  - {name: a, type: file, path: y.jsonl}", //     6
    "  - {name: j, type: jsm, baseUrl: 'https://j.atlassian.net', email: e, token: '${JIRA_TOKEN}', project: ITS}", // 7
    "schedule: {sync: '* * * *'}", //                  8
    "servr: {port: 1}", //                             9
  );

  it("lists them all with their lines", () => {
    expect(problemsOf(text).map((p) => [p.line, p.path])).toEqual([
      [2, "contract.serviceWindow.timezone"],
      [3, "contract.rules.ownership.mode"],
      [6, "connectors[1].name"],
      [7, "connectors[2].token"],
      [8, "schedule.sync"],
      [9, "servr"],
    ]);
  });

  it("the error message is the readable list file:line:col path: message", () => {
    expect(errorOf(text).message).toBe(
      [
        "Configuration has 6 problems:",
        `  ${FILE}:2:29 contract.serviceWindow.timezone: not an IANA time zone (e.g. Europe/Amsterdam)`,
        `  ${FILE}:3:29 contract.rules.ownership.mode: expected one of: 'continuous', 'strict'`,
        `  ${FILE}:6:12 connectors[1].name: connector name 'a' is already used by connectors[0]`,
        `  ${FILE}:7:79 connectors[2].token: environment variable JIRA_TOKEN is not set`,
        `  ${FILE}:8:18 schedule.sync: expected a cron expression of 5 fields (minute hour day month weekday), or 6 with seconds first; found 4`,
        `  ${FILE}:9:1 servr: unknown key 'servr'; did you mean 'server'?`,
      ].join("\n"),
    );
    expect(errorOf(text)).toBeInstanceOf(Error);
    expect(errorOf(text).name).toBe("ConfigError");
  });
});

describe("YAML syntax errors carry their line and column, and stop validation", () => {
  it.each<[string, string, { line: number; column: number; message: string }]>([
    [
      "an unclosed flow sequence",
      yaml("contract:", "  serviceWindow: {days: [mon, tue}", "storage: {}"),
      {
        line: 2,
        column: 34,
        message: "flow sequence in block collection must be sufficiently indented and end with a ]",
      },
    ],
    [
      "a duplicate key",
      yaml("server:", "  port: 1", "  port: 2"),
      { line: 3, column: 3, message: "map keys must be unique" },
    ],
    [
      "a tab as indentation",
      yaml("server:", "\tport: 1"),
      { line: 2, column: 1, message: "tabs are not allowed as indentation" },
    ],
    [
      "two documents",
      yaml("server: {}", "---", "log: {}"),
      {
        line: 2,
        column: 1,
        message: "the file holds several YAML documents (separated by ---); the config must be one document",
      },
    ],
    [
      "an alias without anchor",
      yaml("server: *defaults"),
      { line: 1, column: 9, message: "alias *defaults has no anchor &defaults before it" },
    ],
  ])("%s", (_name, text, expected) => {
    const problems = problemsOf(text);
    expect(problems[0]).toEqual({ file: FILE, path: "", ...expected });
  });

  it("reports every syntax error of the file", () => {
    const problems = problemsOf(yaml("server:", "\tport: 1", "log:", "\tlevel: info"));
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
  });
});

describe("ConfigError", () => {
  it("is thrown for a single problem with a singular header", () => {
    expect(() => parseConfigText("log: {level: loud}\n", "c.yaml", {})).toThrowError(
      new ConfigError([
        {
          file: "c.yaml",
          path: "log.level",
          line: 1,
          column: 14,
          message: "expected one of: 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'",
        },
      ]),
    );
    expect(errorOf("log: {level: loud}\n").message.split("\n")[0]).toBe("Configuration has 1 problem:");
  });
});
