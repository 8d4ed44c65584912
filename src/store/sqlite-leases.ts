/**
 * Leases in SQLite (migration 4). Each change is a single statement, and SQLite lets one writer at
 * a time into the file, so two processes racing for a lease cannot both take it.
 */
import type BetterSqlite3 from "better-sqlite3";
import { ACQUIRE_LEASE_SET, checkedTtl, type LeaseRow, toLease } from "./lease-row.js";
import type { Lease } from "./types.js";

export class SqliteLeases {
  readonly #acquire: BetterSqlite3.Statement<[string, string, number, number], LeaseRow>;
  readonly #release: BetterSqlite3.Statement<[string, string]>;
  readonly #all: BetterSqlite3.Statement<[], LeaseRow>;

  constructor(db: BetterSqlite3.Database) {
    this.#acquire = db.prepare(
      `INSERT INTO leases (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET ${ACQUIRE_LEASE_SET}`,
    );
    this.#release = db.prepare("DELETE FROM leases WHERE name = ? AND holder = ?");
    this.#all = db.prepare("SELECT name, holder, acquired_at, expires_at FROM leases ORDER BY name");
  }

  acquire(name: string, holder: string, now: number, ttlMs: number): Lease | null {
    const row = this.#acquire.get(name, holder, now, now + checkedTtl(ttlMs));
    return row === undefined ? null : toLease(row);
  }

  release(name: string, holder: string): void {
    this.#release.run(name, holder);
  }

  all(): Lease[] {
    return this.#all.all().map(toLease);
  }
}
