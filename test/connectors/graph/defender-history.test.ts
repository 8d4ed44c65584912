import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CRITICAL_CVSS, recordId, trackDefender } from "../../../connectors/graph/defender-history.js";
import {
  exceptionFor,
  loadExceptions,
  type VulnerabilityException,
} from "../../../connectors/graph/exceptions.js";
import { machinePageSchema, vulnerabilityPageSchema } from "../../../connectors/graph/schema.js";
import { EMPTY_DEFENDER_STATE, parseDefenderState } from "../../../connectors/graph/state.js";
import { patchRecord, vulnerabilityRecord } from "../../../src/model/schema.js";
import { expectGolden, FIXTURES, fixture } from "./harness.js";

const DAY1 = Date.parse("2026-03-02T12:00:00Z");
const DAY2 = Date.parse("2026-03-03T12:00:00Z");
const M1 = "7be1c0d9e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7";
const M2 = "00e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1";
const M3 = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";
const TERM = 14 * 24 * 3_600_000;

const rows = (...names: string[]) =>
  names.flatMap((name) => vulnerabilityPageSchema.parse(fixture(name)).value);
const machines = (name: string) =>
  new Map(machinePageSchema.parse(fixture(name)).value.map((m) => [m.id, { lastSeen: m.lastSeen ?? null }]));

async function twoDays() {
  const exceptions = await loadExceptions(join(FIXTURES, "exceptions.yaml"), "m365");
  const options = { source: "m365", patchTermMs: TERM, exceptions };
  const day1 = trackDefender(
    EMPTY_DEFENDER_STATE,
    {
      rows: rows("vulnerabilities-day1-page1", "vulnerabilities-day1-page2"),
      machines: machines("machines-day1"),
      readAt: DAY1,
    },
    options,
  );
  // The state goes through the store as JSON between the days.
  const stored = parseDefenderState(JSON.stringify(day1.state), "m365");
  const day2 = trackDefender(
    stored,
    { rows: rows("vulnerabilities-day2"), machines: machines("machines-day2"), readAt: DAY2 },
    options,
  );
  return { day1, day2 };
}

const find = (records: Array<{ kind: string; id?: string }>, kind: string, id: string) =>
  records.find((r) => r.kind === kind && r.id === id) as Record<string, unknown>;

describe("trackDefender (golden)", () => {
  it("day 1: records what Defender shows; day 2: notices what disappeared", async () => {
    const { day1, day2 } = await twoDays();
    expectGolden("defender-day1", { records: day1.records, state: day1.state, counts: day1.counts });
    expectGolden("defender-day2", { records: day2.records, state: day2.state, counts: day2.counts });
    for (const record of [...day1.records, ...day2.records]) {
      const schema = record.kind === "vulnerability" ? vulnerabilityRecord : patchRecord;
      expect(schema.safeParse(record).success, JSON.stringify(record)).toBe(true);
    }
  });
});

describe("vulnerabilities", () => {
  it("records only CVSS ≥ 8.0 (M14) and leaves software inventory rows (no CVE) out", async () => {
    const { day1 } = await twoDays();
    const vulnerabilities = day1.records.filter((r) => r.kind === "vulnerability");
    expect(vulnerabilities.map((v) => [v.cve, v.cvss])).toEqual([
      ["CVE-2026-21001", 8.8],
      ["CVE-2024-4671", 9.6],
      ["CVE-2024-4671", 9.6],
      ["CVE-2026-1111", 8.1],
    ]);
    expect(CRITICAL_CVSS).toBe(8);
  });

  it("gives a vulnerability gone from the export mitigatedAt = the first read without it", async () => {
    const { day2 } = await twoDays();
    expect(find(day2.records, "vulnerability", `${M1}|CVE-2026-21001|microsoft|windows_11`)).toMatchObject({
      detectedAt: "2026-02-20T06:00:00.000Z",
      mitigatedAt: "2026-03-03T12:00:00.000Z",
    });
    expect(day2.state.vulnerabilities[`${M1}|CVE-2026-21001|microsoft|windows_11`]).toBeUndefined();
  });

  it("keeps an upgrade that stays vulnerable open, with Defender's original first-seen time", async () => {
    const { day2 } = await twoDays();
    expect(find(day2.records, "vulnerability", `${M1}|CVE-2024-4671|google|chrome`)).toMatchObject({
      detectedAt: "2026-02-25T06:00:00.000Z",
      mitigatedAt: null,
    });
  });

  it("does not call a vulnerability fixed while its machine has not reported since it was last seen", async () => {
    const { day2 } = await twoDays();
    const id = `${M2}|CVE-2024-4671|google|chrome`;
    expect(find(day2.records, "vulnerability", id)).toMatchObject({ mitigatedAt: null });
    expect(day2.state.vulnerabilities[id]).toBeDefined();
    expect(day2.counts.waiting).toBe(1);
  });

  it("closes the vulnerabilities of a machine that left Defender (offboarded, retired)", async () => {
    const { day2 } = await twoDays();
    expect(find(day2.records, "vulnerability", `${M3}|CVE-2026-1111|adobe|acrobat_reader`)).toMatchObject({
      mitigatedAt: "2026-03-03T12:00:00.000Z",
    });
  });

  it("applies the recorded exceptions: for one asset, and for every asset", async () => {
    const { day2 } = await twoDays();
    expect(find(day2.records, "vulnerability", `${M2}|CVE-2024-4671|google|chrome`).exception).toEqual({
      approvedAt: "2026-02-27T09:00:00.000Z",
      until: "2026-03-31T22:00:00.000Z",
    });
    expect(find(day2.records, "vulnerability", `${M1}|CVE-2024-4671|google|chrome`).exception).toBeNull();
    expect(
      find(day2.records, "vulnerability", `${M1}|CVE-2026-30000|microsoft|windows_11`).exception,
    ).toEqual({
      approvedAt: "2026-03-03T07:00:00.000Z",
      until: null,
    });
  });

  it("keeps following a recorded vulnerability whose score drops below 8", () => {
    const row = rows("vulnerabilities-day2")[1];
    const options = { source: "m365", patchTermMs: TERM, exceptions: [] };
    const read = (cvssScore: number, readAt: number) => ({
      rows: [{ ...row, cvssScore } as NonNullable<typeof row>],
      machines: new Map([[M1, { lastSeen: readAt }]]),
      readAt,
    });
    const first = trackDefender(EMPTY_DEFENDER_STATE, read(9.1, DAY1), options);
    const second = trackDefender(first.state, read(7.2, DAY2), options);
    expect(second.records.find((r) => r.kind === "vulnerability")).toMatchObject({
      cvss: 7.2,
      mitigatedAt: null,
    });
  });
});

describe("patches", () => {
  it("installs a patch when its software version disappears; a newer vulnerable version is a new patch", async () => {
    const { day1, day2 } = await twoDays();
    const windows = `${M1}|microsoft|windows_11|10.0.22631.3593`;
    expect(find(day1.records, "patch", windows)).toMatchObject({
      patch: "microsoft/windows_11 10.0.22631.3593 (update 5034441)",
      availableAt: "2026-02-20T06:00:00.000Z",
      dueAt: "2026-03-06T06:00:00.000Z",
      installedAt: null,
    });
    expect(find(day2.records, "patch", windows)).toMatchObject({ installedAt: "2026-03-03T12:00:00.000Z" });
    expect(find(day2.records, "patch", `${M1}|google|chrome|124.0.6367.60`)).toMatchObject({
      installedAt: "2026-03-03T12:00:00.000Z",
    });
    // Chrome 125 was installed before this read but is vulnerable too: Defender keeps the original
    // first-seen time, which is older than the previous read, so its update dates from this read.
    expect(find(day2.records, "patch", `${M1}|google|chrome|125.0.6422.60`)).toMatchObject({
      availableAt: "2026-03-03T12:00:00.000Z",
      dueAt: "2026-03-17T12:00:00.000Z",
      installedAt: null,
    });
  });

  it("makes no patch of a vulnerability without a security update, nor of an inventory row without a CVE", async () => {
    const { day1, day2 } = await twoDays();
    for (const records of [day1.records, day2.records]) {
      for (const what of ["acrobat", "10.0.22631.3737", "edge"]) {
        expect(records.filter((r) => r.kind === "patch" && r.id?.includes(what))).toEqual([]);
      }
    }
  });
});

describe("record ids", () => {
  it("stay within 200 characters by hashing a long software name, stably", () => {
    const long = "x".repeat(300);
    const id = recordId(M1, `CVE-2026-1|vendor|${long}`);
    expect(id.length).toBeLessThanOrEqual(200);
    expect(id.startsWith(`${M1}|`)).toBe(true);
    expect(recordId(M1, `CVE-2026-1|vendor|${long}`)).toBe(id);
  });
});

describe("stored state", () => {
  it("is absent on the first run, and refuses to start over silently when unreadable", () => {
    expect(parseDefenderState(null, "m365")).toEqual(EMPTY_DEFENDER_STATE);
    expect(() => parseDefenderState('{"v":2}', "m365")).toThrow(
      'connector "m365" (graph): the stored Defender history (meta key graph:m365:defender) is unreadable; delete that key',
    );
  });
});

describe("exceptions file", () => {
  it("reads the recorded exceptions", async () => {
    expect(await loadExceptions(join(FIXTURES, "exceptions.yaml"), "m365")).toEqual([
      {
        cve: "CVE-2024-4671",
        asset: "ws-hr-0102.corp.contoso.example",
        approvedAt: Date.parse("2026-02-27T09:00:00Z"),
        until: Date.parse("2026-03-31T22:00:00Z"),
      },
      { cve: "CVE-2026-30000", asset: null, approvedAt: Date.parse("2026-03-03T07:00:00Z"), until: null },
    ]);
  });

  it.each([
    ["missing.yaml", /missing\.yaml: no such file$/],
    ["managedDevices-page1.json", /: body: Invalid input: expected array, received object$/],
  ])("refuses %s, naming the file", async (name, message) => {
    await expect(loadExceptions(join(FIXTURES, name), "m365")).rejects.toThrow(message);
  });

  const e = (asset: string | null, approvedAt: number, until: number | null): VulnerabilityException => ({
    cve: "CVE-2024-4671",
    asset,
    approvedAt,
    until,
  });

  it.each([
    ["one naming the asset wins over one for every asset", [e(null, 1, null), e("pc1", 5, 10)], 1],
    ["matched by machine id too", [e("m-1", 5, 10)], 0],
    ["the one in force longest", [e("pc1", 1, 10), e("pc1", 2, null), e("pc1", 3, 20)], 1],
    ["then the one approved first", [e("pc1", 4, 10), e("pc1", 2, 10)], 1],
    ["none for another asset", [e("pc2", 1, null)], -1],
  ] as const)("%s", (_name, list, expected) => {
    const found = exceptionFor("cve-2024-4671", { name: "PC1", machineId: "M-1" }, list);
    expect(found).toBe(expected === -1 ? null : list[expected]);
  });
});
