import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { incidentStateKey } from "../../../connectors/topdesk/state.js";
import type { SqliteStore } from "../../../src/store/sqlite-store.js";
import { runSync, watermarkKey } from "../../../src/sync/run-sync.js";
import { useNock } from "../../http/nock-harness.js";
import { fixture } from "./fixtures.js";
import {
  API,
  BACKFILL_FROM,
  ID,
  listQuery,
  makeConnector,
  memoryStore,
  mockTrail,
  mockVersion,
  tas,
} from "./harness.js";

useNock();

let store: SqliteStore;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(async () => {
  await store.close();
});

const iso = (ms: number) => new Date(ms).toISOString();

async function pollVersion(since: string, name: string) {
  const { connector } = makeConnector(store);
  mockVersion();
  tas().get(`${API}/incidents`).query(listQuery(since)).reply(200, fixture(name));
  mockTrail(ID.H, "progresstrail-action");
  const summary = await runSync({ store, connectors: [connector] });
  expect(summary.ok).toBe(true);
  const [ticket] = await store.records("ticket", { source: "topdesk" });
  return ticket;
}

describe("history across polls", () => {
  it("reconstructs reassignment, priority, pause and resolution from three versions of one incident", async () => {
    // v1 09:00: op-0017 in Servicedesk, P3. v2 11:00: the Network team (a group in the operator
    // slot), P2, waiting for the customer since 10:20. v3 13:30: op-0042, in progress, completed 13:25.
    await pollVersion(BACKFILL_FROM, "incidents-history-v1");
    await pollVersion("2026-03-02T09:00:00Z", "incidents-history-v2");
    const ticket = await pollVersion("2026-03-02T11:00:00Z", "incidents-history-v3");

    expect(ticket?.priority).toBe("P3");
    expect(ticket?.events.map((e) => ({ ...e, at: iso(e.at) }))).toEqual([
      {
        at: "2026-03-02T08:00:00.000Z",
        type: "assigned",
        owner: "op-0017",
        group: "Servicedesk",
        party: null,
      },
      { at: "2026-03-02T08:20:00.000Z", type: "comment", visibleToCaller: true, automated: false },
      { at: "2026-03-02T10:20:00.000Z", type: "paused", reason: "customer" },
      { at: "2026-03-02T11:00:00.000Z", type: "assigned", owner: null, group: "Network team", party: null },
      { at: "2026-03-02T11:00:00.000Z", type: "priority", priority: "P2" },
      { at: "2026-03-02T13:25:00.000Z", type: "resolved" },
      {
        at: "2026-03-02T13:30:00.000Z",
        type: "assigned",
        owner: "op-0042",
        group: "Network team",
        party: null,
      },
      { at: "2026-03-02T13:30:00.000Z", type: "resumed" },
    ]);
    const state = JSON.parse((await store.getMeta(incidentStateKey("topdesk", ID.H))) ?? "null");
    expect(state).toMatchObject({ v: 1, seenAt: "2026-03-02T13:30:00.000Z", firstPriority: "P3" });
  });

  it("lets retention drop a closed incident's history state with the ticket, and keeps an open one's", async () => {
    await pollVersion(BACKFILL_FROM, "incidents-history-v1");
    const key = incidentStateKey("topdesk", ID.H);
    // still open: kept however old
    await store.purgeBefore(Date.parse("2030-01-01T00:00:00Z"));
    expect(await store.getMeta(key)).not.toBeNull();

    const [v3] = fixture<Array<Record<string, unknown>>>("incidents-history-v3");
    const closed = {
      ...v3,
      closed: true,
      closedDate: "2026-03-02T14:00:00.000+0000",
      modificationDate: "2026-03-02T14:00:00.000+0000",
    };
    const { connector } = makeConnector(store);
    mockVersion();
    tas().get(`${API}/incidents`).query(listQuery("2026-03-02T09:00:00Z")).reply(200, [closed]);
    mockTrail(ID.H, "progresstrail-action");
    expect((await runSync({ store, connectors: [connector] })).ok).toBe(true);

    await store.purgeBefore(Date.parse("2026-03-02T14:00:00Z"));
    expect(await store.getMeta(key)).not.toBeNull();
    await store.purgeBefore(Date.parse("2026-03-02T14:00:01Z"));
    expect(await store.getMeta(key)).toBeNull();
    expect(await store.records("ticket")).toEqual([]);
  });

  it("maps a version fetched again after a failed cycle to the same ticket", async () => {
    await pollVersion(BACKFILL_FROM, "incidents-history-v1");
    const saved = await store.getMeta(watermarkKey("topdesk"));
    const once = await pollVersion("2026-03-02T09:00:00Z", "incidents-history-v2");
    // As if the watermark had not been saved after the second poll: the same version comes again,
    // while the history state already holds it.
    await store.setMeta(watermarkKey("topdesk"), saved ?? "");
    const again = await pollVersion("2026-03-02T09:00:00Z", "incidents-history-v2");
    expect(again).toEqual(once);
  });
});
