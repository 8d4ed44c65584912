import { beforeEach, describe, expect, it } from "vitest";
import type { CanonicalRecord } from "../../src/model/schema.js";
import { recordActivity } from "../../src/store/activity.js";
import type { Store } from "../../src/store/types.js";
import { BACKENDS, useBackend } from "./backends.js";
import { ms, record, ticket } from "./records.js";

describe("recordActivity", () => {
  it.each<[string, CanonicalRecord, number, boolean]>([
    ["a new ticket: its creation, open", ticket("T"), ms("2026-03-02T08:15:00Z"), true],
    [
      "a closed ticket: its closing",
      ticket("T", [
        { at: "2026-03-03T10:00:00+01:00", type: "resolved" },
        { at: "2026-03-05T10:00:00+01:00", type: "closed" },
      ]),
      ms("2026-03-05T09:00:00Z"),
      false,
    ],
    [
      "a resolved ticket not yet closed: its last resolution",
      ticket("T", [
        { at: "2026-03-03T10:00:00+01:00", type: "resolved" },
        { at: "2026-03-04T10:00:00+01:00", type: "reopened" },
        { at: "2026-03-06T10:00:00+01:00", type: "resolved" },
      ]),
      ms("2026-03-06T09:00:00Z"),
      false,
    ],
    [
      "a reopened ticket: open again",
      ticket("T", [
        { at: "2026-03-03T10:00:00+01:00", type: "resolved" },
        { at: "2026-03-04T10:00:00+01:00", type: "reopened" },
      ]),
      ms("2026-03-04T09:00:00Z"),
      true,
    ],
    [
      "an ongoing outage: its start, open",
      record({ kind: "outage", service: "network", start: "2026-03-02T08:00:00Z" }),
      ms("2026-03-02T08:00:00Z"),
      true,
    ],
    [
      "an ended outage: its end",
      record({
        kind: "outage",
        service: "network",
        start: "2026-03-02T08:00:00Z",
        end: "2026-03-02T09:30:00Z",
      }),
      ms("2026-03-02T09:30:00Z"),
      false,
    ],
    [
      "a missing patch: open",
      record({
        kind: "patch",
        asset: "pc-1",
        patch: "KB1",
        availableAt: "2026-03-01T00:00:00Z",
        dueAt: "2026-03-15T00:00:00Z",
      }),
      ms("2026-03-15T00:00:00Z"),
      true,
    ],
    [
      "an unmitigated vulnerability: open",
      record({
        kind: "vulnerability",
        id: "V1",
        cve: "CVE-2026-1",
        cvss: 9.8,
        asset: "fw-1",
        detectedAt: "2026-03-01T00:00:00Z",
      }),
      ms("2026-03-01T00:00:00Z"),
      true,
    ],
    ["a security exception without expiry: open", record({ kind: "security-exception", id: "E1" }), 0, true],
    [
      "a device snapshot: its latest time",
      record({
        kind: "device",
        id: "pc-1",
        at: "2026-03-02T00:00:00Z",
        compliant: true,
        lastSyncAt: "2026-03-01T12:00:00Z",
      }),
      ms("2026-03-02T00:00:00Z"),
      false,
    ],
  ])("%s", (_name, input, activityAt, open) => {
    expect(recordActivity(input)).toEqual({ activityAt, open });
  });
});

describe.each(BACKENDS)("purgeBefore on %s", (_name, make) => {
  const backend = useBackend(make);
  let store: Store;
  beforeEach(async () => {
    store = await backend.current.fresh();
  });

  it("removes records whose activity ended before the cutoff, keeping open tickets and ongoing outages", async () => {
    const old = "2024-01-10T09:00:00+01:00";
    const records: CanonicalRecord[] = [
      ticket("OPEN-2024", [{ at: old, type: "assigned", group: "servicedesk" }], { createdAt: old }),
      ticket("CLOSED-2024", [{ at: "2024-01-11T09:00:00+01:00", type: "closed" }], { createdAt: old }),
      ticket("CLOSED-AT-CUTOFF", [{ at: "2025-01-01T00:00:00Z", type: "closed" }], { createdAt: old }),
      ticket(
        "RESOLVED-2024-REOPENED",
        [
          { at: "2024-01-11T09:00:00+01:00", type: "resolved" },
          { at: "2024-01-12T09:00:00+01:00", type: "reopened" },
        ],
        { createdAt: old },
      ),
      ticket("CLOSED-2026"),
      record({ kind: "outage", service: "network", start: "2023-06-01T08:00:00Z" }),
      record({
        kind: "outage",
        service: "servicedesk",
        start: "2024-06-01T08:00:00Z",
        end: "2024-06-01T09:00:00Z",
      }),
      record({ kind: "evidence", kpi: "T1.1", at: "2024-05-01T00:00:00Z", what: "quarterly review held" }),
      record({ kind: "evidence", kpi: "T1.1", at: "2025-05-01T00:00:00Z", what: "quarterly review held" }),
    ];
    await store.upsert(records.map((r) => ({ connector: "td", record: r })));

    const purged = await store.purgeBefore(ms("2025-01-01T00:00:00Z"));

    expect(purged).toMatchObject({ ticket: 1, outage: 1, evidence: 1, device: 0 });
    expect((await store.records("ticket")).map((t) => t.id)).toEqual([
      "CLOSED-2026",
      "CLOSED-AT-CUTOFF",
      "OPEN-2024",
      "RESOLVED-2024-REOPENED",
    ]);
    expect((await store.records("outage")).map((o) => o.service)).toEqual(["network"]);
    expect(await store.counts()).toMatchObject({ ticket: 4, outage: 1, evidence: 1 });
  });

  it("removes meta entries that expired before the cutoff, with the records", async () => {
    const cutoff = ms("2025-01-01T00:00:00Z");
    await store.setMeta("topdesk:td:incident:closed-2024", "a", { expiresAt: ms("2024-01-11T08:00:00Z") });
    await store.setMeta("topdesk:td:incident:closed-at-cutoff", "b", { expiresAt: cutoff });
    await store.setMeta("topdesk:td:incident:open", "c", { expiresAt: null });
    await store.setMeta("td:watermark", "d");
    // set again without an expiry: kept from then on
    await store.setMeta("topdesk:td:incident:reopened", "e", { expiresAt: ms("2024-01-11T08:00:00Z") });
    await store.setMeta("topdesk:td:incident:reopened", "f");

    await store.purgeBefore(cutoff);

    expect(await store.getMeta("topdesk:td:incident:closed-2024")).toBeNull();
    expect(await store.getMeta("topdesk:td:incident:closed-at-cutoff")).toBe("b");
    expect(await store.getMeta("topdesk:td:incident:open")).toBe("c");
    expect(await store.getMeta("td:watermark")).toBe("d");
    expect(await store.getMeta("topdesk:td:incident:reopened")).toBe("f");
  });
});
