// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${NAME}" is config syntax here, not a template.
import { describe, expect, it } from "vitest";
import { expandString, parseConfigText } from "../../src/config/index.js";
import { FILE, problemsOf, yaml } from "./helpers.js";

describe("expandString", () => {
  const env = { A: "1", EMPTY: "", URL: "https://x.example" };
  it.each([
    ["no reference", "plain", "plain", []],
    ["one reference", "${A}", "1", []],
    ["references inside text", "a${A}b${A}c", "a1b1c", []],
    ["an empty variable counts as set", "x${EMPTY}y", "xy", []],
    ["$${ is a literal ${", "$${A}", "${A}", []],
    ["escape next to a reference", "$${A}${A}", "${A}1", []],
    ["a lone $ stays", "cost $5 and $A", "cost $5 and $A", []],
    ["a missing variable", "${NOPE}/x", "/x", ["environment variable NOPE is not set"]],
    [
      "two missing variables",
      "${B}${C}",
      "",
      ["environment variable B is not set", "environment variable C is not set"],
    ],
    [
      "an unclosed reference",
      "${A",
      "${A",
      [
        "'${' must be followed by a variable name and '}', e.g. ${TOPDESK_PASSWORD}; write $${ for a literal ${",
      ],
    ],
    [
      "a reference with a bad name",
      "${1X}",
      "${1X}",
      [
        "'${' must be followed by a variable name and '}', e.g. ${TOPDESK_PASSWORD}; write $${ for a literal ${",
      ],
    ],
  ])("%s", (_name, input, text, problems) => {
    expect(expandString(input, env)).toEqual({ text, problems });
  });
});

describe("${NAME} in the config file", () => {
  it("expands values anywhere, including in lists, but never keys", () => {
    const config = parseConfigText(
      yaml(
        "contract:",
        "  serviceWindow: {timezone: '${TZ_NAME}'}",
        "  holidays: {closedDays: ['${CLOSED}']}",
        "connectors:",
        "  - {name: '${NAME}', type: file, path: '/data/${NAME}.jsonl'}",
      ),
      FILE,
      { TZ_NAME: "Europe/Brussels", CLOSED: "2026-12-24", NAME: "exports" },
    );
    expect(config.contract.serviceWindow.timezone).toBe("Europe/Brussels");
    expect(config.contract.holidays.closedDays).toEqual(["2026-12-24"]);
    expect(config.connectors[0]).toEqual({ type: "file", name: "exports", path: "/data/exports.jsonl" });
    expect(problemsOf(yaml("${KEY}: 1"), { KEY: "server" })[0]?.message).toMatch(/^unknown key '\$\{KEY\}'/);
  });

  it("turns whole numbers and true/false from variables into their types", () => {
    const config = parseConfigText(
      yaml("server: {port: '${PORT}'}", "notify: {quietOutsideWindow: '${QUIET}'}"),
      FILE,
      { PORT: "9100", QUIET: "false" },
    );
    expect([config.server.port, config.notify.quietOutsideWindow]).toEqual([9100, false]);
  });

  it("keeps $${ as a literal ${", () => {
    const config = parseConfigText(
      yaml("connectors:", "  - {name: f, type: file, path: '/data/$${HOME}.jsonl'}"),
      FILE,
      {},
    );
    expect(config.connectors[0]).toMatchObject({ path: "/data/${HOME}.jsonl" });
  });

  it("reports a missing variable at its value, and nothing else about that value", () => {
    const text = yaml(
      "connectors:",
      "  - name: jira",
      "    type: jsm",
      "    baseUrl: ${JIRA_URL}",
      "    email: ops@example.org",
      "    token: ${JIRA_TOKEN}",
      "    project: ITS",
    );
    expect(problemsOf(text, { JIRA_TOKEN: "t" })).toEqual([
      {
        file: FILE,
        path: "connectors[0].baseUrl",
        line: 4,
        column: 14,
        message: "environment variable JIRA_URL is not set",
      },
    ]);
  });

  it("an empty variable is set, so the schema judges the empty value", () => {
    const text = yaml("connectors:", "  - {name: f, type: file, path: '${DATA_FILE}'}");
    expect(problemsOf(text, { DATA_FILE: "" }).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "connectors[0].path: must not be empty",
    ]);
  });
});
