/**
 * Defender's vulnerability export is a snapshot without history, so history is made here: each
 * read is compared with what the previous read saw (state.ts). Pure: the rows, the machines and
 * the moment of the read come in; records and the next state go out.
 *
 * Vulnerabilities (T3.2, M14). One record per exposure = machine × CVE × software (without the
 * version: an upgrade that stays vulnerable is the same open exposure, and Defender keeps its
 * first-seen time, graph-chat.md §4.2). Only exposures with CVSS ≥ 8.0 are recorded (M14's
 * population), and once recorded they are followed whatever their score becomes.
 * - `detectedAt` = Defender's `firstSeenTimestamp` (the earliest of the exposure's rows).
 * - `mitigatedAt` = the first read in which the exposure no longer appears. Defender says when
 *   it last saw a vulnerability, not when it was fixed, so this is the earliest moment the fix
 *   is proven; it is late by at most the time between reads.
 * - An exposure that disappears while its machine has not reported since it was last seen
 *   (machine `lastSeen` not after the exposure's `lastSeenTimestamp`) is not proven fixed: it
 *   stays open until the machine reports. A machine that is no longer in Defender at all
 *   (offboarded, deleted) closes its exposures: a device taken out of service is mitigated.
 *
 * Patches (O5.1, M20). One record per machine × software version that has a vulnerability (any
 * score) with a security update available (`securityUpdateAvailable`): the version is what the
 * patch replaces. Inventory rows without a CVE make no patch.
 * - `availableAt` = the earliest `firstSeenTimestamp` of its rows; but when the version was
 *   already there at the previous read without an update being offered, the read that first
 *   saw the update (Defender does not say when an update was published).
 * - `dueAt` = `availableAt` + the patch term; `installedAt` = the first read without that
 *   version (with the same machine rule as above).
 */
import { createHash } from "node:crypto";
import type { CanonicalRecordInput } from "../../src/model/schema.js";
import { exceptionFor, type VulnerabilityException } from "./exceptions.js";
import type { VulnerabilityRow } from "./schema.js";
import type { DefenderState, TrackedPatch, TrackedVulnerability } from "./state.js";

export type VulnerabilityInput = Extract<CanonicalRecordInput, { kind: "vulnerability" }>;
export type PatchInput = Extract<CanonicalRecordInput, { kind: "patch" }>;

/** M14: the population's CVSS threshold (inclusive). */
export const CRITICAL_CVSS = 8.0;

export interface DefenderRead {
  rows: readonly VulnerabilityRow[];
  /** every machine Defender knows, by id: when it last reported (epoch ms) */
  machines: ReadonlyMap<string, { lastSeen: number | null }>;
  /** the moment of this read (epoch ms) */
  readAt: number;
}

export interface TrackOptions {
  source: string;
  /** the time a patch may take from availability to installation */
  patchTermMs: number;
  exceptions: readonly VulnerabilityException[];
}

export interface TrackResult {
  records: Array<VulnerabilityInput | PatchInput>;
  state: DefenderState;
  counts: { open: number; mitigated: number; waiting: number; patchesOpen: number; patchesInstalled: number };
}

interface Exposure {
  cve: string;
  cvss: number | null;
  asset: string;
  machineId: string;
  detectedAt: number;
  lastSeenAt: number | null;
}

interface PatchGroup {
  asset: string;
  machineId: string;
  label: string;
  firstSeen: number;
  lastSeenAt: number | null;
}

export function trackDefender(
  previous: DefenderState,
  read: DefenderRead,
  options: TrackOptions,
): TrackResult {
  const { exposures, patchGroups } = aggregate(read.rows);
  const readAtIso = iso(read.readAt);
  const previousReadAt = previous.readAt === null ? null : Date.parse(previous.readAt);
  const records: TrackResult["records"] = [];
  const counts = { open: 0, mitigated: 0, waiting: 0, patchesOpen: 0, patchesInstalled: 0 };
  const next: DefenderState = { v: 1, readAt: readAtIso, vulnerabilities: {}, patches: {} };

  /** Gone from the export: proven closed, unless its machine has not reported since. */
  const closed = (machineId: string, lastSeenAt: string | null): boolean => {
    const machine = read.machines.get(machineId);
    if (machine === undefined) return true;
    if (machine.lastSeen === null) return false;
    return lastSeenAt === null || machine.lastSeen > Date.parse(lastSeenAt);
  };

  const vulnerability = (id: string, tracked: TrackedVulnerability, mitigatedAt: string | null) => {
    const exception = exceptionFor(
      tracked.cve,
      { name: tracked.asset, machineId: tracked.machineId },
      options.exceptions,
    );
    records.push({
      kind: "vulnerability",
      id,
      source: options.source,
      cve: tracked.cve,
      cvss: tracked.cvss,
      asset: tracked.asset,
      detectedAt: tracked.detectedAt,
      mitigatedAt,
      exception:
        exception === null
          ? null
          : {
              approvedAt: iso(exception.approvedAt),
              until: exception.until === null ? null : iso(exception.until),
            },
    });
  };

  for (const [id, exposure] of exposures) {
    const known = previous.vulnerabilities[id];
    const cvss = exposure.cvss ?? known?.cvss ?? null;
    if (cvss === null || (known === undefined && cvss < CRITICAL_CVSS)) continue;
    const tracked: TrackedVulnerability = {
      cve: exposure.cve,
      cvss,
      asset: exposure.asset,
      machineId: exposure.machineId,
      detectedAt: earliest(known?.detectedAt, exposure.detectedAt),
      lastSeenAt: exposure.lastSeenAt === null ? (known?.lastSeenAt ?? null) : iso(exposure.lastSeenAt),
    };
    next.vulnerabilities[id] = tracked;
    vulnerability(id, tracked, null);
    counts.open++;
  }
  for (const [id, known] of Object.entries(previous.vulnerabilities)) {
    if (exposures.has(id)) continue;
    if (closed(known.machineId, known.lastSeenAt)) {
      vulnerability(id, known, readAtIso);
      counts.mitigated++;
    } else {
      next.vulnerabilities[id] = known;
      vulnerability(id, known, null);
      counts.waiting++;
    }
  }

  const patch = (id: string, tracked: TrackedPatch, installedAt: string | null) => {
    records.push({
      kind: "patch",
      id,
      source: options.source,
      asset: tracked.asset,
      patch: tracked.patch,
      availableAt: tracked.availableAt,
      dueAt: iso(Date.parse(tracked.availableAt) + options.patchTermMs),
      installedAt,
    });
  };
  for (const [id, group] of patchGroups) {
    const known = previous.patches[id];
    // Already there at the last read but not patchable then: the update came out since.
    const availableAt =
      known?.availableAt ??
      iso(previousReadAt !== null && group.firstSeen < previousReadAt ? read.readAt : group.firstSeen);
    const tracked: TrackedPatch = {
      asset: group.asset,
      machineId: group.machineId,
      patch: known?.patch ?? group.label,
      availableAt,
      lastSeenAt: group.lastSeenAt === null ? (known?.lastSeenAt ?? null) : iso(group.lastSeenAt),
    };
    next.patches[id] = tracked;
    patch(id, tracked, null);
    counts.patchesOpen++;
  }
  for (const [id, known] of Object.entries(previous.patches)) {
    if (patchGroups.has(id)) continue;
    if (closed(known.machineId, known.lastSeenAt)) {
      patch(id, known, readAtIso);
      counts.patchesInstalled++;
    } else {
      next.patches[id] = known;
      patch(id, known, null);
      counts.patchesOpen++;
    }
  }
  return { records, state: next, counts };
}

/** Rows → exposures (with a CVE) and patch groups (with an update available), by record id. */
function aggregate(rows: readonly VulnerabilityRow[]) {
  const exposures = new Map<string, Exposure>();
  const patchGroups = new Map<string, PatchGroup>();
  for (const row of rows) {
    const machineId = row.deviceId.toLowerCase();
    const asset = (row.deviceName?.trim() || machineId).slice(0, 200);
    const software = `${row.softwareVendor ?? ""}|${row.softwareName ?? ""}`;
    const lastSeen = row.lastSeenTimestamp ?? null;
    // Rows without a CVE are software inventory: no identified vulnerability, no patch for O5.1.
    if (row.cveId == null || row.cveId.trim() === "") continue;
    const cve = row.cveId.trim().toUpperCase();
    const id = recordId(machineId, `${cve}|${software}`);
    const seen = exposures.get(id);
    exposures.set(id, {
      cve,
      cvss: maxOf(seen?.cvss ?? null, row.cvssScore),
      asset,
      machineId,
      detectedAt: Math.min(seen?.detectedAt ?? Number.POSITIVE_INFINITY, row.firstSeenTimestamp),
      lastSeenAt: maxOf(seen?.lastSeenAt ?? null, lastSeen),
    });
    if (row.securityUpdateAvailable === true) {
      const version = row.softwareVersion ?? "";
      const patchId = recordId(machineId, `${software}|${version}`);
      const group = patchGroups.get(patchId);
      patchGroups.set(patchId, {
        asset,
        machineId,
        label: group?.label ?? patchLabel(row),
        firstSeen: Math.min(group?.firstSeen ?? Number.POSITIVE_INFINITY, row.firstSeenTimestamp),
        lastSeenAt: maxOf(group?.lastSeenAt ?? null, lastSeen),
      });
    }
  }
  return { exposures, patchGroups };
}

/**
 * `<machine>|<rest>`; a rest that would make the id longer than the canonical 200 characters is
 * replaced by its hash (ids must stay stable, never truncated into collisions).
 */
export function recordId(machineId: string, rest: string): string {
  const id = `${machineId}|${rest}`;
  return id.length <= 200
    ? id
    : `${machineId}|${createHash("sha256").update(rest).digest("hex").slice(0, 32)}`;
}

/** `microsoft/windows_11 10.0.22631.3593 (update 5034441)` */
function patchLabel(row: VulnerabilityRow): string {
  const software = [row.softwareVendor, row.softwareName].filter((p) => p != null && p !== "").join("/");
  const update = row.recommendedSecurityUpdateId ?? row.recommendedSecurityUpdate;
  const label = `${software || "software"} ${row.softwareVersion ?? ""}`.trim();
  return (update == null || update === "" ? label : `${label} (update ${update})`).slice(0, 200);
}

function maxOf(a: number | null, b: number | null | undefined): number | null {
  if (b == null) return a;
  return a === null ? b : Math.max(a, b);
}

function earliest(known: string | undefined, seen: number): string {
  return known === undefined || seen < Date.parse(known) ? iso(seen) : known;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
