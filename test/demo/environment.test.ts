import { describe, expect, it } from "vitest";
import { localParts } from "../../src/demo/calendar.js";
import { LOCATIONS, M365_SERVICES } from "../../src/demo/index.js";
import { at, demoData, NOW_MS, ofKind } from "./fixture.js";

const DAY = 86_400_000;
const { records } = demoData();

describe("devices", () => {
  const devices = ofKind(records, "device");
  const byDevice = new Map<string, typeof devices>();
  for (const d of devices) byDevice.set(d.id, [...(byDevice.get(d.id) ?? []), d]);

  it("cover about 300 devices with a snapshot at least every week", () => {
    expect(byDevice.size).toBeGreaterThanOrEqual(280);
    expect(byDevice.size).toBeLessThanOrEqual(320);
    for (const snapshots of byDevice.values()) {
      const times = snapshots.map((s) => at(s.at)).sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++)
        expect((times[i] as number) - (times[i - 1] as number)).toBeLessThanOrEqual(7 * DAY);
    }
  });

  it("are about 95 % compliant at now, with a few never synced and a few stale", () => {
    const latest = [...byDevice.values()].map((s) => s.reduce((a, b) => (at(b.at) > at(a.at) ? b : a)));
    const current = latest.filter((d) => NOW_MS - at(d.at) < 7 * DAY);
    const share = current.filter((d) => d.compliant).length / current.length;
    expect(share).toBeGreaterThan(0.93);
    expect(share).toBeLessThan(0.98);
    expect(latest.filter((d) => d.lastSyncAt === null).length).toBeGreaterThanOrEqual(2);
    const stale = latest.filter((d) => d.lastSyncAt != null && at(d.at) - at(d.lastSyncAt) > 14 * DAY);
    expect(stale.length).toBeGreaterThanOrEqual(2);
  });
});

describe("outages", () => {
  const outages = ofKind(records, "outage");
  const network = outages.filter((o) => o.service === "network");

  it("cover the service desk, every location's network and the three Microsoft 365 services", () => {
    expect(outages.some((o) => o.service === "servicedesk")).toBe(true);
    expect(new Set(network.map((o) => o.location))).toEqual(new Set(LOCATIONS));
    expect(new Set(outages.filter((o) => o.service.startsWith("m365:")).map((o) => o.service))).toEqual(
      new Set(M365_SERVICES.map((s) => `m365:${s}`)),
    );
    expect(new Set(outages.map((o) => o.classification))).toEqual(new Set(["incident", "advisory"]));
    expect(outages.some((o) => o.end === null)).toBe(true);
  });

  it("include two overlapping network outages and one over a weekend", () => {
    const overlapping = network.some((a) =>
      network.some(
        (b) =>
          a !== b &&
          a.location === b.location &&
          at(a.start) < at(b.start) &&
          a.end != null &&
          at(a.end) > at(b.start),
      ),
    );
    expect(overlapping).toBe(true);
    const weekend = network.some(
      (o) => o.end != null && localParts(at(o.start)).weekday === 5 && at(o.end) - at(o.start) > 2 * DAY,
    );
    expect(weekend).toBe(true);
  });
});

describe("vulnerabilities and patches", () => {
  const vulnerabilities = ofKind(records, "vulnerability");
  const critical = vulnerabilities.filter((v) => v.cvss >= 8);
  const days = (from: string, to: string): number => (at(to) - at(from)) / DAY;

  it("mix CVSS scores; critical ones mitigated in and after 14 days, one excepted in time, one open", () => {
    expect(vulnerabilities.some((v) => v.cvss < 8)).toBe(true);
    expect(
      critical.filter((v) => v.mitigatedAt != null && days(v.detectedAt, v.mitigatedAt) <= 14).length,
    ).toBeGreaterThan(3);
    expect(
      critical.filter((v) => v.mitigatedAt != null && days(v.detectedAt, v.mitigatedAt) > 14).length,
    ).toBeGreaterThan(0);
    expect(
      critical.some((v) => v.exception != null && days(v.detectedAt, v.exception.approvedAt) <= 14),
    ).toBe(true);
    expect(
      critical.some(
        (v) => v.mitigatedAt == null && v.exception == null && NOW_MS - at(v.detectedAt) > 14 * DAY,
      ),
    ).toBe(true);
  });

  it("install most patches before they are due, some late, some never", () => {
    const patches = ofKind(records, "patch");
    const due = patches.filter((p) => at(p.dueAt) <= NOW_MS);
    const inTime = due.filter((p) => p.installedAt != null && at(p.installedAt) <= at(p.dueAt));
    expect(inTime.length / due.length).toBeGreaterThan(0.9);
    expect(inTime.length / due.length).toBeLessThan(0.97);
    expect(due.some((p) => p.installedAt != null && at(p.installedAt) > at(p.dueAt))).toBe(true);
    expect(due.some((p) => p.installedAt == null)).toBe(true);
  });
});
