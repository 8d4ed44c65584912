/**
 * JSM's own SLA per request, kept as a small snapshot beside the records: the canonical ticket has
 * no place for it (its `extra` is dropped on parse), and the `timers` command shows it next to the
 * contract's clocks (sla-check.ts). One meta key per request, `jsm:<connector>:sla:<issue key>`,
 * value the JSON of `JsmSlaSnapshot`: metric names, cycle times and durations, no texts or people.
 */
import { z } from "zod";
import type { KeyValueState } from "../types.js";
import type { SlaRecord } from "./schema.js";

export interface SlaCycleSnapshot {
  /** the cycle still runs (JSM's `ongoingCycle`) */
  ongoing: boolean;
  startAt: number;
  /** completed cycles only */
  stopAt: number | null;
  breachAt: number | null;
  breached: boolean;
  /** goal, elapsed and remaining on the SLA's own calendar, pauses excluded (§3.2) */
  goalMs: number | null;
  elapsedMs: number | null;
  remainingMs: number | null;
  /** ongoing cycles: paused at `fetchedAt` */
  paused: boolean | null;
  /** ongoing cycles: whether `fetchedAt` lay inside the SLA calendar's working hours */
  withinCalendarHours: boolean | null;
}

export interface SlaMetricSnapshot {
  id: string;
  name: string;
  /** completed cycles oldest first, then the ongoing one */
  cycles: SlaCycleSnapshot[];
}

export interface JsmSlaSnapshot {
  v: 1;
  ticket: string;
  /** when JSM was asked: its elapsed and remaining times are as at this moment */
  fetchedAt: number;
  metrics: SlaMetricSnapshot[];
}

export function jsmSlaStateKey(connector: string, ticketId: string): string {
  return `jsm:${connector}:sla:${ticketId}`;
}

/** The API's SLA records → a snapshot. Pure. */
export function slaSnapshot(
  ticket: string,
  records: readonly SlaRecord[],
  fetchedAt: number,
): JsmSlaSnapshot {
  return {
    v: 1,
    ticket,
    fetchedAt,
    metrics: records.map((record) => ({
      id: record.id,
      name: record.name,
      cycles: [
        ...[...record.completedCycles]
          .sort((a, b) => a.startTime - b.startTime)
          .map((c) => ({
            ongoing: false,
            startAt: c.startTime,
            stopAt: c.stopTime,
            breachAt: c.breachTime ?? null,
            breached: c.breached,
            goalMs: c.goalDuration?.millis ?? null,
            elapsedMs: c.elapsedTime?.millis ?? null,
            remainingMs: c.remainingTime?.millis ?? null,
            paused: null,
            withinCalendarHours: null,
          })),
        ...(record.ongoingCycle == null
          ? []
          : [
              {
                ongoing: true,
                startAt: record.ongoingCycle.startTime,
                stopAt: null,
                breachAt: record.ongoingCycle.breachTime ?? null,
                breached: record.ongoingCycle.breached,
                goalMs: record.ongoingCycle.goalDuration?.millis ?? null,
                elapsedMs: record.ongoingCycle.elapsedTime?.millis ?? null,
                remainingMs: record.ongoingCycle.remainingTime?.millis ?? null,
                paused: record.ongoingCycle.paused ?? null,
                withinCalendarHours: record.ongoingCycle.withinCalendarHours ?? null,
              },
            ]),
      ],
    })),
  };
}

const ms = z.number().nullable();
const snapshotSchema = z.object({
  v: z.literal(1),
  ticket: z.string(),
  fetchedAt: z.number(),
  metrics: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      cycles: z.array(
        z.object({
          ongoing: z.boolean(),
          startAt: z.number(),
          stopAt: ms,
          breachAt: ms,
          breached: z.boolean(),
          goalMs: ms,
          elapsedMs: ms,
          remainingMs: ms,
          paused: z.boolean().nullable(),
          withinCalendarHours: z.boolean().nullable(),
        }),
      ),
    }),
  ),
});

/** The stored snapshot, or null when none was stored or it is unreadable. */
export function parseSlaSnapshot(text: string | null): JsmSlaSnapshot | null {
  if (text === null) return null;
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The last SLA snapshot stored for a ticket of this connector, for the `timers` command.
 * @example await readJsmSlaSnapshot(store, "jira", "SUP-1842") // → { v: 1, ticket: "SUP-1842", fetchedAt, metrics: [...] }
 */
export async function readJsmSlaSnapshot(
  state: Pick<KeyValueState, "getMeta">,
  connector: string,
  ticketId: string,
): Promise<JsmSlaSnapshot | null> {
  return parseSlaSnapshot(await state.getMeta(jsmSlaStateKey(connector, ticketId)));
}
