/**
 * Two instances on one database racing for the same thing: exactly one may win. On PostgreSQL the
 * statements really run at once on separate connections; SQLite serialises them, and must give
 * the same answers.
 */
import { describe, expect, it } from "vitest";
import type { AlertIntent, Store } from "../../src/store/types.js";
import { BACKENDS, useBackend } from "./backends.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const ROUNDS = 25;

function intent(key: string): AlertIntent {
  return {
    key,
    thread: `thread-${key}`,
    channel: "slack:C1",
    source: "topdesk",
    ticket: "I1",
    clock: "response",
    transition: "at-risk",
    deadline: T0,
    payload: "{}",
    notBefore: T0,
  };
}

describe.each(BACKENDS)("two instances on %s", (_name, make) => {
  const backend = useBackend(make);
  const pair = async (): Promise<[Store, Store]> => [
    await backend.current.open("race"),
    await backend.current.open("race"),
  ];

  it("give each lease to exactly one of them", async () => {
    const [first, second] = await pair();
    const names = Array.from({ length: ROUNDS }, (_, i) => `lease-${i}`);
    const results = await Promise.all(
      names.map((name) =>
        Promise.all([
          first.acquireLease(name, "one", T0, 60_000),
          second.acquireLease(name, "two", T0, 60_000),
        ]),
      ),
    );
    for (const [a, b] of results) expect([a, b].filter((lease) => lease !== null)).toHaveLength(1);
    const holders = new Map(results.map(([a, b]) => [(a ?? b)?.name, (a ?? b)?.holder]));
    expect(new Map((await first.leases()).map((l) => [l.name, l.holder]))).toEqual(holders);
  });

  it("let exactly one of them claim each alert's send", async () => {
    const [first, second] = await pair();
    const keys = Array.from({ length: ROUNDS }, (_, i) => `claim-${i}`);
    // Both record the same alerts at once: each key is recorded once.
    const recorded = await Promise.all([
      first.recordAlerts(keys.map(intent), T0),
      second.recordAlerts(keys.map(intent), T0),
    ]);
    expect(recorded[0] + recorded[1]).toBe(ROUNDS);
    const rows = (await first.unsettledAlerts()).filter((row) => row.key.startsWith("claim-"));
    expect(rows).toHaveLength(ROUNDS);
    const claims = await Promise.all(
      rows.map((row) =>
        Promise.all([
          first.updateAlert(row.id, { kind: "attempt", at: T0, attempts: row.attempts }),
          second.updateAlert(row.id, { kind: "attempt", at: T0, attempts: row.attempts }),
        ]),
      ),
    );
    for (const [a, b] of claims) expect(Number(a) + Number(b)).toBe(1);
    const after = (await second.unsettledAlerts()).filter((row) => row.key.startsWith("claim-"));
    expect(after.map((row) => [row.status, row.attempts])).toEqual(rows.map(() => ["sending", 1]));
  });
});
