/**
 * The alert ledger's row as both backends store it (snake_case columns, instants as epoch ms), and
 * its mapping to `AlertRecord`. PostgreSQL adds a `tenant` column that never leaves the store.
 */
import type { AlertRecord, AlertStatus } from "./types.js";

export interface AlertRow {
  id: number;
  alert_key: string;
  thread: string;
  channel: string;
  source: string;
  ticket: string;
  clock: string;
  transition: string;
  deadline: number;
  payload: string;
  status: AlertStatus;
  created_at: number;
  not_before: number;
  attempts: number;
  attempted_at: number | null;
  settled_at: number | null;
  last_error: string | null;
  message_channel: string | null;
  message_ts: string | null;
}

/** The columns a load writes, in this order (every one but `id`: the target numbers its own rows). */
export const ALERT_LOAD_COLUMNS = [
  "alert_key",
  "thread",
  "channel",
  "source",
  "ticket",
  "clock",
  "transition",
  "deadline",
  "payload",
  "status",
  "created_at",
  "not_before",
  "attempts",
  "attempted_at",
  "settled_at",
  "last_error",
  "message_channel",
  "message_ts",
] as const satisfies ReadonlyArray<keyof AlertRow>;

export function toAlertRecord(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    key: row.alert_key,
    thread: row.thread,
    channel: row.channel,
    source: row.source,
    ticket: row.ticket,
    clock: row.clock,
    transition: row.transition,
    deadline: row.deadline,
    payload: row.payload,
    status: row.status,
    createdAt: row.created_at,
    notBefore: row.not_before,
    attempts: row.attempts,
    attemptedAt: row.attempted_at,
    settledAt: row.settled_at,
    lastError: row.last_error,
    message:
      row.message_channel !== null && row.message_ts !== null
        ? { channel: row.message_channel, ts: row.message_ts }
        : null,
  };
}

/** The row a dumped alert is loaded as, without `id`. */
export function toAlertLoadRow(alert: AlertRecord): Omit<AlertRow, "id"> {
  return {
    alert_key: alert.key,
    thread: alert.thread,
    channel: alert.channel,
    source: alert.source,
    ticket: alert.ticket,
    clock: alert.clock,
    transition: alert.transition,
    deadline: alert.deadline,
    payload: alert.payload,
    status: alert.status,
    created_at: alert.createdAt,
    not_before: alert.notBefore,
    attempts: alert.attempts,
    attempted_at: alert.attemptedAt,
    settled_at: alert.settledAt,
    last_error: alert.lastError,
    message_channel: alert.message?.channel ?? null,
    message_ts: alert.message?.ts ?? null,
  };
}
