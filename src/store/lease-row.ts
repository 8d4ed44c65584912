/**
 * A lease row as both backends store it (docs/operations.md "Several instances"). A lease is in
 * force while `now < expires_at`; at `expires_at` it has lapsed and anyone may take it.
 */
import type { Lease } from "./types.js";

export interface LeaseRow {
  name: string;
  holder: string;
  acquired_at: number;
  expires_at: number;
}

export function toLease(row: LeaseRow): Lease {
  return { name: row.name, holder: row.holder, acquiredAt: row.acquired_at, expiresAt: row.expires_at };
}

/** A lease of no duration would be taken and lapse at once: always a caller's mistake. */
export function checkedTtl(ttlMs: number): number {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`lease ttl must be a positive whole number of milliseconds, got ${ttlMs}`);
  }
  return ttlMs;
}

/**
 * The `ON CONFLICT … DO UPDATE` part of the insert that takes a lease, in SQL both backends speak
 * (SQLite ≥ 3.35, PostgreSQL ≥ 9.5): the stored row is overwritten only when it has lapsed or is
 * the caller's own (a renewal, which keeps `acquired_at` while the lease was in force). RETURNING
 * yields a row only when the caller holds the lease afterwards. One statement, so it is atomic on
 * both backends: SQLite serialises writers, PostgreSQL locks the conflicting row.
 */
export const ACQUIRE_LEASE_SET = `
  holder = excluded.holder,
  acquired_at = CASE WHEN leases.holder = excluded.holder AND leases.expires_at > excluded.acquired_at
                     THEN leases.acquired_at ELSE excluded.acquired_at END,
  expires_at = excluded.expires_at
  WHERE leases.expires_at <= excluded.acquired_at OR leases.holder = excluded.holder
  RETURNING name, holder, acquired_at, expires_at`;
