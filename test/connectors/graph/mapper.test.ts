import { describe, expect, it } from "vitest";
import {
  entraKeyOf,
  mapDevice,
  mapIssue,
  serviceInScope,
  snapshotAt,
} from "../../../connectors/graph/mapper.js";
import {
  type EntraDevice,
  entraDeviceSchema,
  type ManagedDevice,
  managedDeviceSchema,
  serviceHealthIssueSchema,
} from "../../../connectors/graph/schema.js";
import { businessCalendar } from "../../../src/engine/calendar/business-calendar.js";
import { deviceRecord, outageRecord } from "../../../src/model/schema.js";
import { expectGolden, fixture, IN_SCOPE, NOW } from "./harness.js";

const AT = snapshotAt(NOW, "Europe/Amsterdam");

function managedDevices(): ManagedDevice[] {
  return [1, 2, 3].flatMap((n) =>
    fixture<{ value: unknown[] }>(`managedDevices-page${n}`).value.map((d) => managedDeviceSchema.parse(d)),
  );
}

function entraByKey(): Map<string, EntraDevice> {
  const map = new Map<string, EntraDevice>();
  for (const raw of fixture<{ value: unknown[] }>("devices-page1").value) {
    const device = entraDeviceSchema.parse(raw);
    if (device.deviceId) map.set(device.deviceId.toLowerCase(), device);
  }
  return map;
}

function issues() {
  return fixture<{ value: unknown[] }>("issues-page1").value.map((i) => serviceHealthIssueSchema.parse(i));
}

describe("devices (golden)", () => {
  it("maps the recorded Intune devices, joined with Entra ID, onto today's snapshots", () => {
    const entra = entraByKey();
    const records = managedDevices().map((device) => {
      const key = entraKeyOf(device);
      return mapDevice(device, key === null ? undefined : entra.get(key), AT, "m365");
    });
    expectGolden("devices.canonical", records);
    for (const record of records) expect(deviceRecord.safeParse(record).success).toBe(true);
  });

  it("maps a device that never synced (Intune's 0001-01-01) to no lastSyncAt, not compliant", () => {
    const device = managedDevices().find((d) => d.id.startsWith("c0ffee00")) as ManagedDevice;
    expect(entraKeyOf(device)).toBeNull(); // all-zero azureADDeviceId: not registered in Entra ID
    expect(mapDevice(device, undefined, AT, "m365")).toEqual({
      kind: "device",
      id: "c0ffee00-1d2e-4f3a-8b9c-0d1e2f3a4b5c",
      source: "m365",
      at: "2026-03-02T00:00:00+01:00",
      compliant: false,
      state: "unknown",
      lastSyncAt: null,
      os: "Windows",
    });
  });

  it.each([
    ["compliant", undefined, true, "compliant"],
    ["compliant", true, true, "compliant"],
    ["Compliant", false, false, "Compliant (Entra ID: not compliant)"],
    ["inGracePeriod", true, false, "inGracePeriod"],
    ["noncompliant", true, false, "noncompliant"],
    ["conflict", undefined, false, "conflict"],
    ["error", undefined, false, "error"],
    ["configManager", true, true, "configManager"],
    ["ConfigManager", false, false, "ConfigManager"],
    ["configManager", undefined, false, "configManager (Entra ID: no compliance reported)"],
    [null, undefined, false, "unknown"],
  ] as const)(
    "Intune %s with Entra isCompliant %s → compliant %s, state %j",
    (state, isCompliant, compliant, word) => {
      const device = managedDeviceSchema.parse({ id: "d1", complianceState: state });
      const entra = isCompliant === undefined ? undefined : { deviceId: "x", isCompliant };
      expect(mapDevice(device, entra, AT, "m365")).toMatchObject({ compliant, state: word });
    },
  );

  it.each([
    // 13:00 in Amsterdam (winter) → that day's midnight, +01:00
    ["2026-03-02T12:00:00Z", "2026-03-02T00:00:00+01:00"],
    // 00:30 in Amsterdam, still the 1st in UTC → the 2nd
    ["2026-03-01T23:30:00Z", "2026-03-02T00:00:00+01:00"],
    // the day clocks go forward (29 March 2026): midnight is still +01:00
    ["2026-03-29T20:00:00Z", "2026-03-29T00:00:00+01:00"],
    ["2026-03-30T08:00:00Z", "2026-03-30T00:00:00+02:00"],
    // the day clocks go back (25 October 2026): midnight is +02:00
    ["2026-10-25T22:59:00Z", "2026-10-25T00:00:00+02:00"],
  ])("snapshotAt(%s) → %s, one key for every sync of that Amsterdam day", (now, at) => {
    expect(snapshotAt(Date.parse(now), "Europe/Amsterdam")).toBe(at);
  });

  it("refuses an unknown zone", () => {
    expect(() => snapshotAt(NOW, "Europe/Atlantis")).toThrow("unknown time zone: Europe/Atlantis");
  });
});

describe("service health issues (golden)", () => {
  it("maps the recorded issues onto outages of m365:<service>", () => {
    const records = issues().map((issue) => ({
      inScope: serviceInScope(issue.service, IN_SCOPE),
      outage: mapIssue(issue, "m365"),
    }));
    expectGolden("outages.canonical", records);
    for (const { outage } of records) expect(outageRecord.safeParse(outage).success).toBe(true);
  });

  const byId = (id: string) => mapIssue(issues().find((i) => i.id === id) as never, "m365");

  it("tells an advisory from an incident, whatever the case Graph writes them in", () => {
    expect([byId("EX1001"), byId("TM1002"), byId("SP1003")].map((o) => o.classification)).toEqual([
      "incident", // "Incident"
      "advisory",
      "incident",
    ]);
    expect(byId("EX1004").classification).toBe("false-positive"); // closed as falsePositive
  });

  it("keeps an issue that spans the service window's edges whole; the calendar clips it (M12)", () => {
    // Friday 27 Feb 2026, 07:30–18:45 in Amsterdam; the window is 08:00–18:00.
    const outage = byId("EX1001");
    expect([outage.start, outage.end]).toEqual(["2026-02-27T06:30:00.000Z", "2026-02-27T17:45:00.000Z"]);
    const calendar = businessCalendar({
      serviceWindow: {
        timezone: "Europe/Amsterdam",
        days: ["mon", "tue", "wed", "thu", "fri"],
        from: "08:00",
        to: "18:00",
      },
    });
    expect(calendar.elapsedMinutes(outage.start, outage.end as string, "business")).toBe(600);
    // Saturday 28 Feb, 11:00–12:00: outside the window, so none of it counts.
    const weekend = byId("TM1007");
    expect(calendar.elapsedMinutes(weekend.start, weekend.end as string, "business")).toBe(0);
  });

  it.each([
    ["TM1002", "open, no endDateTime", null],
    ["SP1003", "open, a placeholder endDateTime", null],
    ["MO1008", "open, endDateTime 0001-01-01", null],
    ["EX1006", "resolved without endDateTime: its last modification", "2026-02-24T12:20:00.000Z"],
    ["EX1001", "resolved", "2026-02-27T17:45:00.000Z"],
  ])("%s (%s) ends at %s", (id, _case, end) => {
    expect(byId(id).end).toBe(end);
  });

  it.each([
    ["Exchange Online", true],
    ["exchange online", true],
    ["Microsoft Teams", true], // configured as "microsoft teams"
    [" SharePoint Online ", true],
    ["Power BI", false],
  ])("%j is in scope: %s", (service, expected) => {
    expect(serviceInScope(service, IN_SCOPE)).toBe(expected);
  });

  it("takes every service when no scope is set", () => {
    expect(serviceInScope("Power BI", undefined)).toBe(true);
  });
});
