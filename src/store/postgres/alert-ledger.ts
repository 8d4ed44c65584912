/**
 * The alert ledger in PostgreSQL, with the semantics of SQLite's (src/store/alert-ledger.ts).
 * Exactly-once across instances rests on two statements: the insert that ignores a known key, and
 * the claim, an UPDATE conditional on the attempts the caller read. Under READ COMMITTED a second
 * claimant waits for the first one's row lock, then re-checks the condition against the committed
 * row and finds it no longer holds.
 */
import { ALERT_LOAD_COLUMNS, type AlertRow, toAlertLoadRow, toAlertRecord } from "../alert-row.js";
import type { AlertIntent, AlertRecord, AlertUpdate, ChatMessageRef, ThreadMessage } from "../types.js";
import type { Queryable } from "./database.js";

export class PgAlertLedger {
  readonly #db: Queryable;
  readonly #tenant: string;

  constructor(db: Queryable, tenant: string) {
    this.#db = db;
    this.#tenant = tenant;
  }

  /** Inserts the intents whose key is new, in one statement (in the given order); returns how many were new. */
  async record(intents: readonly AlertIntent[], at: number): Promise<number> {
    if (intents.length === 0) return 0;
    const column = <T>(pick: (intent: AlertIntent) => T) => intents.map(pick);
    const result = await this.#db.query(
      `INSERT INTO alert_ledger (tenant, alert_key, thread, channel, source, ticket, clock, transition, deadline, payload, status, created_at, not_before)
       SELECT $1, u.alert_key, u.thread, u.channel, u.source, u.ticket, u.clock, u.transition, u.deadline, u.payload, 'pending', $2, u.not_before
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[], $12::bigint[])
         WITH ORDINALITY AS u(alert_key, thread, channel, source, ticket, clock, transition, deadline, payload, not_before, position)
       ORDER BY u.position
       ON CONFLICT (tenant, alert_key) DO NOTHING`,
      [
        this.#tenant,
        at,
        column((i) => i.key),
        column((i) => i.thread),
        column((i) => i.channel),
        column((i) => i.source),
        column((i) => i.ticket),
        column((i) => i.clock),
        column((i) => i.transition),
        column((i) => i.deadline),
        column((i) => i.payload),
        column((i) => i.notBefore),
      ],
    );
    return result.rowCount ?? 0;
  }

  async known(keys: readonly string[]): Promise<Set<string>> {
    const result = await this.#db.query<{ alert_key: string }>(
      "SELECT alert_key FROM alert_ledger WHERE tenant = $1 AND alert_key = ANY($2::text[])",
      [this.#tenant, keys],
    );
    return new Set(result.rows.map((row) => row.alert_key));
  }

  async unsettled(): Promise<AlertRecord[]> {
    const result = await this.#db.query<AlertRow>(
      `SELECT * FROM alert_ledger WHERE tenant = $1 AND status IN ('pending', 'sending') ORDER BY created_at, id`,
      [this.#tenant],
    );
    return result.rows.map(toAlertRecord);
  }

  async threadMessage(thread: string): Promise<ChatMessageRef | null> {
    const result = await this.#db.query<{ message_channel: string; message_ts: string }>(
      `SELECT message_channel, message_ts FROM alert_ledger
       WHERE tenant = $1 AND thread = $2 AND status = 'sent' AND message_ts IS NOT NULL ORDER BY id DESC LIMIT 1`,
      [this.#tenant, thread],
    );
    const row = result.rows[0];
    return row === undefined ? null : { channel: row.message_channel, ts: row.message_ts };
  }

  /** As SQLite's: the latest sent row with a message of each thread, in one statement. */
  async threadMessages(threads: readonly string[]): Promise<Map<string, ThreadMessage>> {
    const found = new Map<string, ThreadMessage>();
    if (threads.length === 0) return found;
    const result = await this.#db.query<{
      thread: string;
      transition: string;
      message_channel: string;
      message_ts: string;
    }>(
      `SELECT DISTINCT ON (thread) thread, transition, message_channel, message_ts FROM alert_ledger
       WHERE tenant = $1 AND thread = ANY($2::text[]) AND status = 'sent' AND message_ts IS NOT NULL
       ORDER BY thread, id DESC`,
      [this.#tenant, threads],
    );
    for (const row of result.rows) {
      found.set(row.thread, {
        message: { channel: row.message_channel, ts: row.message_ts },
        transition: row.transition,
      });
    }
    return found;
  }

  async update(id: number, update: AlertUpdate): Promise<boolean> {
    const set = async (assignments: string, ...values: unknown[]) => {
      const result = await this.#db.query(
        `UPDATE alert_ledger SET ${assignments} WHERE tenant = $1 AND id = $2`,
        [this.#tenant, id, ...values],
      );
      return (result.rowCount ?? 0) > 0;
    };
    switch (update.kind) {
      case "attempt": {
        // A claim: only while nobody made an attempt since the caller read the row.
        const result = await this.#db.query(
          `UPDATE alert_ledger SET status = 'sending', attempts = attempts + 1, attempted_at = $3
           WHERE tenant = $1 AND id = $2 AND attempts = $4 AND status IN ('pending', 'sending')`,
          [this.#tenant, id, update.at, update.attempts],
        );
        return (result.rowCount ?? 0) > 0;
      }
      case "sent":
        return set(
          "status = 'sent', settled_at = $3, last_error = NULL, message_channel = $4, message_ts = $5",
          update.at,
          update.message?.channel ?? null,
          update.message?.ts ?? null,
        );
      case "defer":
        return set(
          "status = $3, not_before = $4, last_error = $5",
          update.uncertain ? "sending" : "pending",
          update.notBefore,
          update.error,
        );
      case "settle":
        return set(
          "status = $3, settled_at = $4, last_error = $5",
          update.status,
          update.at,
          update.error ?? null,
        );
    }
  }

  /** As SQLite's: settled rows recorded before `before` whose ticket is not open in the store. */
  async prune(before: number): Promise<number> {
    const result = await this.#db.query(
      `DELETE FROM alert_ledger a
       WHERE a.tenant = $1 AND a.status NOT IN ('pending', 'sending') AND a.created_at < $2
         AND NOT EXISTS (SELECT 1 FROM records r
                         WHERE r.tenant = a.tenant AND r.kind = 'ticket' AND r.source = a.source
                           AND r.key = a.ticket AND r.open)`,
      [this.#tenant, before],
    );
    return result.rowCount ?? 0;
  }

  /**
   * Writes dumped alerts as they were (status, attempts, times, message), keyed by alert key; ids
   * are this ledger's own. The alerts' keys must be distinct.
   */
  async load(alerts: readonly AlertRecord[]): Promise<void> {
    if (alerts.length === 0) return;
    const rows = alerts.map(toAlertLoadRow);
    const types = ALERT_LOAD_COLUMNS.map((column) => PG_TYPES[column]);
    const params = ALERT_LOAD_COLUMNS.map((column) => rows.map((row) => row[column]));
    await this.#db.query(
      `INSERT INTO alert_ledger (tenant, ${ALERT_LOAD_COLUMNS.join(", ")})
       SELECT $1, ${ALERT_LOAD_COLUMNS.map((c) => `u.${c}`).join(", ")}
       FROM unnest(${types.map((type, i) => `$${i + 2}::${type}[]`).join(", ")}) WITH ORDINALITY
         AS u(${ALERT_LOAD_COLUMNS.join(", ")}, position)
       ORDER BY position
       ON CONFLICT (tenant, alert_key) DO UPDATE SET
         ${ALERT_LOAD_COLUMNS.filter((c) => c !== "alert_key")
           .map((c) => `${c} = excluded.${c}`)
           .join(", ")}`,
      [this.#tenant, ...params],
    );
  }
}

const PG_TYPES: Record<(typeof ALERT_LOAD_COLUMNS)[number], string> = {
  alert_key: "text",
  thread: "text",
  channel: "text",
  source: "text",
  ticket: "text",
  clock: "text",
  transition: "text",
  deadline: "bigint",
  payload: "text",
  status: "text",
  created_at: "bigint",
  not_before: "bigint",
  attempts: "integer",
  attempted_at: "bigint",
  settled_at: "bigint",
  last_error: "text",
  message_channel: "text",
  message_ts: "text",
};
