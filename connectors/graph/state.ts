/**
 * What the connector keeps between polls (the store's meta table, via `deps.state`): Defender
 * keeps no history (graph-chat.md §4.2, "To collect historic data, customers must save the data
 * in their own data storages"), so the open exposures and outstanding patches it last saw are
 * remembered here, to notice when one disappears. Ids, CVEs, scores and times only.
 */
import { z } from "zod";

export interface TrackedVulnerability {
  cve: string;
  cvss: number;
  /** the device name as Defender writes it */
  asset: string;
  machineId: string;
  /** ISO, Defender's firstSeenTimestamp */
  detectedAt: string;
  /** ISO, Defender's lastSeenTimestamp at the last read, or null */
  lastSeenAt: string | null;
}

export interface TrackedPatch {
  asset: string;
  machineId: string;
  /** the label fixed when the patch was first seen */
  patch: string;
  /** ISO */
  availableAt: string;
  lastSeenAt: string | null;
}

export interface DefenderState {
  v: 1;
  /** ISO moment of the last complete Defender read; null before the first */
  readAt: string | null;
  vulnerabilities: Record<string, TrackedVulnerability>;
  patches: Record<string, TrackedPatch>;
}

export const EMPTY_DEFENDER_STATE: DefenderState = { v: 1, readAt: null, vulnerabilities: {}, patches: {} };

export function defenderStateKey(connector: string): string {
  return `graph:${connector}:defender`;
}

const iso = z.string().min(1);
const schema = z.object({
  v: z.literal(1),
  readAt: iso.nullable(),
  vulnerabilities: z.record(
    z.string(),
    z.object({
      cve: z.string(),
      cvss: z.number(),
      asset: z.string(),
      machineId: z.string(),
      detectedAt: iso,
      lastSeenAt: iso.nullable(),
    }),
  ),
  patches: z.record(
    z.string(),
    z.object({
      asset: z.string(),
      machineId: z.string(),
      patch: z.string(),
      availableAt: iso,
      lastSeenAt: iso.nullable(),
    }),
  ),
});

/**
 * The stored state; an absent value is the empty state. An unreadable one is an error, not a
 * fresh start: starting over would silently lose the mitigation times of everything tracked.
 */
export function parseDefenderState(text: string | null, connector: string): DefenderState {
  if (text === null) return EMPTY_DEFENDER_STATE;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `connector "${connector}" (graph): the stored Defender history (meta key ${defenderStateKey(connector)}) is unreadable; ` +
        "delete that key to start the history afresh (mitigations seen so far stay stored as records)",
    );
  }
  return parsed.data;
}
