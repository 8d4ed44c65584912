import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/index.js";
import { FILE, yaml } from "./helpers.js";
import { SIGNAL_DEFAULTS } from "./signal-defaults.js";

const DEFAULTS = {
  contract: {
    catalog: "builtin:sib",
    supplierNorms: undefined,
    serviceWindow: {
      timezone: "Europe/Amsterdam",
      days: ["mon", "tue", "wed", "thu", "fri"],
      from: "08:00",
      to: "18:00",
    },
    holidays: { country: "NL", goodFriday: false, liberationDay: "lustrum", workingDays: [], closedDays: [] },
    rules: {
      pauseReasons: { resolution: ["customer"], containment: ["third-party"] },
      ownership: { mode: "continuous", graceMinutes: 0 },
      csat: { fromFivePoint: { "1": 2, "2": 4, "3": 6, "4": 8, "5": 10 } },
      devices: { staleAfterDays: null },
      proactiveFeedback: { graceMinutes: 0 },
      majorUpdates: { firstMinutes: 30, intervalMinutes: 60 },
      o43: { classifications: ["incident"] },
      targetShareWithoutPercentage: 1,
      coordination: { maxGapServiceDays: 1 },
      backlog: { oldAfterServiceDays: 10 },
      standardChangeLeadTimes: {},
      signals: SIGNAL_DEFAULTS,
    },
  },
  storage: {
    sqlite: "/etc/sla-sentinel/data/sla-sentinel.db",
    tenant: "default",
    retention: { months: null },
  },
  connectors: [],
  notify: { atRiskAt: 0.75, quietOutsideWindow: true },
  schedule: { sync: "*/5 * * * *", leaseSeconds: 60, reports: undefined },
  server: { port: 9464, host: "127.0.0.1" },
  log: { level: "info" },
};

describe("a minimal file gets every default", () => {
  it.each([
    ["an empty file", ""],
    ["only a comment", "# nothing set yet\n"],
    ["an empty contract mapping", "contract: {}\n"],
    [
      "section keys without values",
      yaml("contract:", "storage:", "connectors:", "notify:", "schedule:", "server:", "log:"),
    ],
    [
      "empty nested groups",
      yaml("contract:", "  rules:", "    ownership: {}", "    csat:", "      fromFivePoint:"),
    ],
  ])("%s", (_name, text) => {
    expect(parseConfigText(text, FILE, {})).toEqual(DEFAULTS);
  });
});

describe("a setting given replaces only its own default", () => {
  it.each([
    [
      "csat map, one score",
      "contract: {rules: {csat: {fromFivePoint: {5: 9}}}}",
      (c: Cfg) => c.contract.rules.csat.fromFivePoint,
      { "1": 2, "2": 4, "3": 6, "4": 8, "5": 9 },
    ],
    [
      "ownership mode",
      "contract: {rules: {ownership: {mode: strict}}}",
      (c: Cfg) => c.contract.rules.ownership,
      { mode: "strict", graceMinutes: 0 },
    ],
    [
      "service window hours",
      'contract: {serviceWindow: {from: "07:30"}}',
      (c: Cfg) => c.contract.serviceWindow.from,
      "07:30",
    ],
    [
      "postgres instead of sqlite",
      'storage: {postgres: "postgres://db.example/sla"}',
      (c: Cfg) => c.storage,
      {
        postgres: "postgres://db.example/sla",
        tenant: "default",
        schema: "sla_sentinel",
        poolSize: 10,
        retention: { months: null },
      },
    ],
    ["retention", "storage: {retention: {months: 24}}", (c: Cfg) => c.storage.retention.months, 24],
    ["at-risk share", "notify: {atRiskAt: 0.8}", (c: Cfg) => c.notify.atRiskAt, 0.8],
    ["port as text (from an env var)", 'server: {port: "8080"}', (c: Cfg) => c.server.port, 8080],
    [
      "stale devices",
      "contract: {rules: {devices: {staleAfterDays: 30}}}",
      (c: Cfg) => c.contract.rules.devices.staleAfterDays,
      30,
    ],
  ])("%s", (_name, text, pick, expected) => {
    expect(pick(parseConfigText(text, FILE, {}))).toEqual(expected);
  });
});

type Cfg = ReturnType<typeof parseConfigText>;
