/**
 * The alert ledger in SQLite (migration 3): what the alert step records, claims, confirms and
 * settles. Every change is one statement, so each is atomic on its own; the row's status is the
 * whole truth about an alert, which is what lets a restart pick up where a crash left off.
 */
import type BetterSqlite3 from "better-sqlite3";
import { type AlertRow, toAlertRecord } from "./alert-row.js";
import type { AlertIntent, AlertRecord, AlertUpdate, ChatMessageRef, ThreadMessage } from "./types.js";

/** SQLite allows 32,766 parameters; key lookups go in chunks well under that. */
const CHUNK = 500;

export class SqliteAlertLedger {
  readonly #db: BetterSqlite3.Database;
  readonly #insert: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO alert_ledger (alert_key, thread, channel, source, ticket, clock, transition, deadline, payload, status, created_at, not_before)
       VALUES (@key, @thread, @channel, @source, @ticket, @clock, @transition, @deadline, @payload, 'pending', @createdAt, @notBefore)
       ON CONFLICT (alert_key) DO NOTHING`,
    );
  }

  /** Inserts the intents whose key is new, in one transaction; returns how many were new. */
  record(intents: readonly AlertIntent[], at: number): number {
    let inserted = 0;
    this.#db.transaction(() => {
      for (const intent of intents) inserted += this.#insert.run({ ...intent, createdAt: at }).changes;
    })();
    return inserted;
  }

  known(keys: readonly string[]): Set<string> {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK);
      const sql = `SELECT alert_key FROM alert_ledger WHERE alert_key IN (${chunk.map(() => "?").join(", ")})`;
      for (const key of this.#db
        .prepare<string[], string>(sql)
        .pluck()
        .all(...chunk))
        found.add(key);
    }
    return found;
  }

  unsettled(): AlertRecord[] {
    return this.#db
      .prepare<[], AlertRow>(
        "SELECT * FROM alert_ledger WHERE status IN ('pending', 'sending') ORDER BY created_at, id",
      )
      .all()
      .map(toAlertRecord);
  }

  /** The message the thread's latest sent alert is shown in, if any. */
  threadMessage(thread: string): ChatMessageRef | null {
    const row = this.#db
      .prepare<[string], { message_channel: string; message_ts: string }>(
        `SELECT message_channel, message_ts FROM alert_ledger
         WHERE thread = ? AND status = 'sent' AND message_ts IS NOT NULL ORDER BY id DESC LIMIT 1`,
      )
      .get(thread);
    return row === undefined ? null : { channel: row.message_channel, ts: row.message_ts };
  }

  /**
   * `threadMessage` for many threads: their sent rows with a message, oldest first, so that the
   * latest one of each thread is kept (served by the index on thread, id).
   */
  threadMessages(threads: readonly string[]): Map<string, ThreadMessage> {
    const found = new Map<string, ThreadMessage>();
    for (let i = 0; i < threads.length; i += CHUNK) {
      const chunk = threads.slice(i, i + CHUNK);
      const sql = `SELECT thread, transition, message_channel, message_ts FROM alert_ledger
                   WHERE thread IN (${chunk.map(() => "?").join(", ")}) AND status = 'sent' AND message_ts IS NOT NULL
                   ORDER BY id`;
      const rows = this.#db
        .prepare<
          string[],
          { thread: string; transition: string; message_channel: string; message_ts: string }
        >(sql)
        .all(...chunk);
      for (const row of rows) {
        found.set(row.thread, {
          message: { channel: row.message_channel, ts: row.message_ts },
          transition: row.transition,
        });
      }
    }
    return found;
  }

  /** Applies the change; false when it did not (an `attempt` whose claim was taken). */
  update(id: number, update: AlertUpdate): boolean {
    const run = (sql: string, ...params: Array<string | number | null>) =>
      this.#db.prepare(`UPDATE alert_ledger SET ${sql} WHERE id = ?`).run(...params, id).changes > 0;
    switch (update.kind) {
      case "attempt": {
        // A claim: only while nobody made an attempt since the caller read the row.
        const claim = this.#db.prepare(
          `UPDATE alert_ledger SET status = 'sending', attempts = attempts + 1, attempted_at = ?
           WHERE id = ? AND attempts = ? AND status IN ('pending', 'sending')`,
        );
        return claim.run(update.at, id, update.attempts).changes > 0;
      }
      case "sent":
        return run(
          "status = 'sent', settled_at = ?, last_error = NULL, message_channel = ?, message_ts = ?",
          update.at,
          update.message?.channel ?? null,
          update.message?.ts ?? null,
        );
      case "defer":
        return run(
          "status = ?, not_before = ?, last_error = ?",
          update.uncertain ? "sending" : "pending",
          update.notBefore,
          update.error,
        );
      case "settle":
        return run(
          "status = ?, settled_at = ?, last_error = ?",
          update.status,
          update.at,
          update.error ?? null,
        );
    }
  }

  /**
   * Removes settled rows recorded before `before` whose ticket is no longer open in the store, so
   * that no alert of a ticket that can still move is ever forgotten (and then sent again).
   */
  prune(before: number): number {
    return this.#db
      .prepare<[number]>(
        `DELETE FROM alert_ledger
         WHERE status NOT IN ('pending', 'sending') AND created_at < ?
           AND NOT EXISTS (SELECT 1 FROM records r
                           WHERE r.kind = 'ticket' AND r.source = alert_ledger.source
                             AND r.key = alert_ledger.ticket AND r.open = 1)`,
      )
      .run(before).changes;
  }
}
