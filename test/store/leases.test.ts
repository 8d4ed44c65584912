import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.js";
import { BACKENDS, useBackend } from "./backends.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const TTL = 30_000;

describe.each(BACKENDS)("leases on %s", (_name, make) => {
  const backend = useBackend(make);
  let store: Store;
  beforeEach(async () => {
    store = await backend.current.fresh();
  });

  it("gives a free lease to the first holder, until now + ttl", async () => {
    expect(await store.leases()).toEqual([]);
    const lease = { name: "sync:td", holder: "a", acquiredAt: T0, expiresAt: T0 + TTL };
    expect(await store.acquireLease("sync:td", "a", T0, TTL)).toEqual(lease);
    expect(await store.leases()).toEqual([lease]);
  });

  it("refuses another holder while the lease is in force, up to its last millisecond", async () => {
    await store.acquireLease("sync:td", "a", T0, TTL);
    expect(await store.acquireLease("sync:td", "b", T0 + 1, TTL)).toBeNull();
    expect(await store.acquireLease("sync:td", "b", T0 + TTL - 1, TTL)).toBeNull();
    expect((await store.leases()).map((l) => [l.holder, l.expiresAt])).toEqual([["a", T0 + TTL]]);
  });

  it("lets another holder take over once the lease has lapsed", async () => {
    await store.acquireLease("sync:td", "a", T0, TTL);
    const lapsedAt = T0 + TTL;
    expect(await store.acquireLease("sync:td", "b", lapsedAt, TTL)).toEqual({
      name: "sync:td",
      holder: "b",
      acquiredAt: lapsedAt,
      expiresAt: lapsedAt + TTL,
    });
    expect(await store.acquireLease("sync:td", "a", lapsedAt + 1, TTL)).toBeNull();
  });

  it("extends a lease its holder renews, keeping when it was first taken", async () => {
    await store.acquireLease("sync:td", "a", T0, TTL);
    expect(await store.acquireLease("sync:td", "a", T0 + 10_000, TTL)).toEqual({
      name: "sync:td",
      holder: "a",
      acquiredAt: T0,
      expiresAt: T0 + 40_000,
    });
    // Past the first expiry, but within the renewed one: still a's.
    expect(await store.acquireLease("sync:td", "b", T0 + 35_000, TTL)).toBeNull();
  });

  it("counts a holder's return after its lease lapsed as a new acquisition", async () => {
    await store.acquireLease("sync:td", "a", T0, TTL);
    expect(await store.acquireLease("sync:td", "a", T0 + 45_000, TTL)).toMatchObject({
      acquiredAt: T0 + 45_000,
      expiresAt: T0 + 75_000,
    });
  });

  it("releases only for the holder", async () => {
    await store.acquireLease("sync:td", "a", T0, TTL);
    await store.releaseLease("sync:td", "b");
    expect(await store.acquireLease("sync:td", "b", T0 + 1, TTL)).toBeNull();
    await store.releaseLease("sync:td", "a");
    expect(await store.leases()).toEqual([]);
    expect(await store.acquireLease("sync:td", "b", T0 + 2, TTL)).toMatchObject({ holder: "b" });
  });

  it("keeps leases of different names apart, listed by name", async () => {
    await store.acquireLease("sync:td", "a", T0, TTL);
    expect(await store.acquireLease("alerts", "b", T0, TTL)).toMatchObject({ holder: "b" });
    expect((await store.leases()).map((l) => `${l.name}=${l.holder}`)).toEqual(["alerts=b", "sync:td=a"]);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses a ttl of %s ms", async (ttl) => {
    await expect(store.acquireLease("sync:td", "a", T0, ttl)).rejects.toThrow(
      /lease ttl must be a positive whole number of milliseconds/,
    );
    expect(await store.leases()).toEqual([]);
  });

  it("is shared by two instances on one database", async () => {
    const first = await backend.current.open("acme");
    const second = await backend.current.open("acme");
    expect(await first.acquireLease("sync:td", "instance-1", T0, TTL)).not.toBeNull();
    expect(await second.acquireLease("sync:td", "instance-2", T0 + 1, TTL)).toBeNull();
    expect(await second.leases()).toEqual([
      { name: "sync:td", holder: "instance-1", acquiredAt: T0, expiresAt: T0 + TTL },
    ]);
    // instance-1 is killed: no renewal, so instance-2 takes over once the lease lapses.
    expect(await second.acquireLease("sync:td", "instance-2", T0 + TTL, TTL)).toMatchObject({
      holder: "instance-2",
    });
  });
});
