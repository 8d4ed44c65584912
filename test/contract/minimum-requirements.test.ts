import { describe, expect, it } from "vitest";
import { checkMinimumRequirements, loadCatalog, parseYamlFile } from "../../src/contract/index.js";
import { catalogOf, contractOf, smallCatalog, yaml } from "./helpers.js";

const catalog = await loadCatalog("builtin:sib");
const MINIMUM = "08:00–18:00 on working days (mon–fri)";

describe("the service window against §3's minimum", () => {
  it.each<[string, string, string[]]>([
    ["the contract's own window", "{}", []],
    ["a wider window", '{from: "07:00", to: "20:00"}', []],
    ["a window without Saturday (mon–fri)", "{days: [mon, tue, wed, thu, fri]}", []],
    ["a window with Saturday", "{days: [mon, tue, wed, thu, fri, sat]}", []],
    [
      "09:00–17:00",
      '{from: "09:00", to: "17:00"}',
      [
        `contract.serviceWindow.from: service window 09:00–17:00 starts after 08:00: the minimum is ${MINIMUM} (appendix 12a §3)`,
        `contract.serviceWindow.to: service window 09:00–17:00 ends before 18:00: the minimum is ${MINIMUM} (appendix 12a §3)`,
      ],
    ],
    [
      "a window without Friday",
      "{days: [mon, tue, wed, thu]}",
      [
        "contract.serviceWindow.days: service window days mon, tue, wed, thu leave out fri: the minimum is every working day, mon–fri (appendix 12a §3)",
      ],
    ],
    [
      "a window in another zone",
      "{timezone: Europe/London}",
      [
        `contract.serviceWindow.timezone: the service window is in Europe/London, the contract's minimum ${MINIMUM} is in Europe/Amsterdam (appendix 12a §3)`,
      ],
    ],
  ])("%s", (_name, window, expected) => {
    const contract = contractOf("contract:", `  serviceWindow: ${window}`);
    expect(checkMinimumRequirements(contract, { catalog }).map((p) => `${p.path}: ${p.message}`)).toEqual(
      expected,
    );
  });

  it("points at the line in the config file when given its site", () => {
    const text = yaml("contract:", "  serviceWindow:", '    from: "09:00"');
    const site = parseYamlFile(text, "/etc/sla-sentinel/config.yaml").site;
    expect(checkMinimumRequirements(contractOf(text), { configSite: site })).toEqual([
      expect.objectContaining({
        file: "/etc/sla-sentinel/config.yaml",
        path: "contract.serviceWindow.from",
        line: 3,
        column: 11,
      }),
    ]);
  });
});

describe("channels: portal + e-mail + phone", () => {
  const contract = contractOf("contract: {}");
  it.each<[string, readonly string[] | undefined, string[]]>([
    ["not configured: not checked", undefined, []],
    ["all three", ["portal", "e-mail", "phone"], []],
    ["all three, other spellings", ["Portal", "email", "Telephone"], []],
    [
      "no phone",
      ["portal", "e-mail"],
      [
        "contract.channels: channels portal, e-mail leave out phone: the contract requires portal + e-mail + phone (appendix 12a §3)",
      ],
    ],
  ])("%s", (_name, channels, expected) => {
    const options = channels === undefined ? {} : { channels };
    expect(checkMinimumRequirements(contract, options).map((p) => `${p.path}: ${p.message}`)).toEqual(
      expected,
    );
  });
});

describe("P1 standby 24/7 and O1.11's cadence", () => {
  it("flags a P1 time on business hours in the catalog", () => {
    const clockLine =
      "     measure: {rule: response, priority: P1}, norm: {maxMinutes: 15, share: 0.95}, clock: business,";
    const own = catalogOf(
      smallCatalog({
        kpis: [
          [
            "  - {id: O1.2, goal: O1, name: {nl: First response P1, en: First response P1}, definition: x,",
            clockLine,
            "     normStatus: client, minimumRequirement: true, cadence: [monthly], meeting: operational, agenda: on-deviation}",
          ],
        ],
      }),
    );
    expect(checkMinimumRequirements(contractOf("contract: {}"), { catalog: own })).toEqual([
      {
        file: "/srv/contract/catalog.yaml",
        path: "kpis[0].clock",
        line: 5,
        column: clockLine.indexOf("business") + 1,
        message:
          "O1.2: P1 times run on business hours (clock: business), but P1 standby is 24/7 and P1 times are clock hours (appendix 12a §3)",
      },
    ]);
  });

  it.each<[string, string, string[]]>([
    ["the contract's cadence", "{}", []],
    ["a tighter one", "{firstMinutes: 15, intervalMinutes: 30}", []],
    [
      "a looser one",
      "{firstMinutes: 45, intervalMinutes: 90}",
      [
        "contract.rules.majorUpdates.firstMinutes: O1.11: first update 45 min is longer than the contract's 30 min: config may ask for updates sooner, never later",
        "contract.rules.majorUpdates.intervalMinutes: O1.11: interval between updates 90 min is longer than the contract's 60 min: config may ask for updates sooner, never later",
      ],
    ],
  ])("rules.majorUpdates: %s", (_name, majorUpdates, expected) => {
    const contract = contractOf("contract:", "  rules:", `    majorUpdates: ${majorUpdates}`);
    expect(checkMinimumRequirements(contract, { catalog }).map((p) => `${p.path}: ${p.message}`)).toEqual(
      expected,
    );
  });
});
