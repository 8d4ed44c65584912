/**
 * Intune + Entra devices → `device` snapshots (O5.2, M13) and service health issues → `outage`
 * records (O4.3, M12). Pure: no HTTP, no store, no clock (the snapshot moment is passed in).
 * Enum values from Graph are compared without regard to case: the schema documents camelCase,
 * real responses also carry PascalCase (graph-chat.md §9.6).
 */
import { DateTime } from "luxon";
import { parseInstant } from "../../src/model/instant.js";
import type { CanonicalRecordInput } from "../../src/model/schema.js";
import { type EntraDevice, type ManagedDevice, NEVER, type ServiceHealthIssue } from "./schema.js";

export type DeviceInput = Extract<CanonicalRecordInput, { kind: "device" }>;
export type OutageInput = Extract<CanonicalRecordInput, { kind: "outage" }>;

/**
 * The snapshot key of a sync: the start of its day in the contract's zone. Every sync of one day
 * writes the same `at`, so the day's last sync replaces the earlier ones (the store keys devices
 * by id and `at`), and a month keeps one state per device per day.
 * @example snapshotAt(Date.parse("2026-03-02T12:00:00Z"), "Europe/Amsterdam") // → "2026-03-02T00:00:00+01:00"
 */
export function snapshotAt(now: number, zone: string): string {
  const day = DateTime.fromMillis(now, { zone }).startOf("day");
  const text = day.toISO({ suppressMilliseconds: true });
  if (!day.isValid || text === null) throw new RangeError(`unknown time zone: ${zone}`);
  return text;
}

/** Intune writes this as `azureADDeviceId` of a device that is not registered in Entra ID. */
const NO_ENTRA_ID = "00000000-0000-0000-0000-000000000000";

/** The Entra key of an Intune device, or null when it has none (graph-chat.md §3, pitfall 4). */
export function entraKeyOf(device: Pick<ManagedDevice, "azureADDeviceId">): string | null {
  const id = device.azureADDeviceId?.trim().toLowerCase();
  return id === undefined || id === "" || id === NO_ENTRA_ID ? null : id;
}

/**
 * Compliant is what Conditional Access would let through (O5.2 "compliant via Conditional Access
 * / Entra ID"):
 * - Intune `compliant`, unless Entra ID holds the device as not compliant (`isCompliant: false`,
 *   what the "require compliant device" grant reads);
 * - `configManager` (co-managed, compliance owned by Configuration Manager): Entra's `isCompliant`;
 * - anything else (`noncompliant`, `inGracePeriod`, `conflict`, `error`, `unknown`) is not compliant.
 * A device whose Entra object is missing is judged by Intune alone.
 */
export function mapDevice(
  device: ManagedDevice,
  entra: EntraDevice | undefined,
  at: string,
  source: string,
): DeviceInput {
  const state = device.complianceState?.trim() || "unknown";
  const word = state.toLowerCase();
  const entraSays = entra?.isCompliant ?? null;
  let compliant: boolean;
  let note = "";
  if (word === "configmanager") {
    compliant = entraSays === true;
    note = entraSays === null ? " (Entra ID: no compliance reported)" : "";
  } else {
    compliant = word === "compliant" && entraSays !== false;
    if (word === "compliant" && entraSays === false) note = " (Entra ID: not compliant)";
  }
  const lastSync = device.lastSyncDateTime;
  const os = [device.operatingSystem, device.osVersion].filter((part) => part != null && part.trim() !== "");
  return {
    kind: "device",
    id: device.id,
    source,
    at,
    compliant,
    state: `${state}${note}`,
    // A device that never synced has Intune's "0001-01-01" (no moment at all): no lastSyncAt.
    lastSyncAt: lastSync == null || NEVER.test(lastSync) ? null : utc(lastSync),
    os: os.length === 0 ? null : os.join(" "),
  };
}

/** Issue statuses after which the service is back (serviceHealthStatus values, §5). */
const CLOSED = new Set([
  "servicerestored",
  "postincidentreviewpublished",
  "falsepositive",
  "resolved",
  "resolvedexternal",
  "mitigated",
  "mitigatedexternal",
]);

/**
 * A service health issue as an outage of `m365:<service>`, with Microsoft's start and end. An
 * issue that is not resolved stays open (`end: null`) whatever `endDateTime` says: open issues
 * may carry a placeholder there (graph-chat.md §5.1 item 4). A resolved issue without an
 * `endDateTime` ends at its last modification, the latest moment Microsoft vouched for. The
 * classification is `incident` or `advisory` in lower case; an issue Microsoft closed as
 * `falsePositive` becomes `false-positive`, which no availability KPI counts (decision 11).
 * Clipping to the service window is the engine's work (M12), so times are kept as they are.
 */
export function mapIssue(issue: ServiceHealthIssue, source: string): OutageInput {
  const status = issue.status?.toLowerCase() ?? "";
  const resolved = issue.isResolved ?? CLOSED.has(status);
  const endText = known(issue.endDateTime) ?? known(issue.lastModifiedDateTime);
  return {
    kind: "outage",
    id: issue.id,
    source,
    service: `m365:${issue.service.trim()}`,
    location: null,
    start: utc(issue.startDateTime),
    end: resolved && endText !== null ? utc(endText) : null,
    classification: status === "falsepositive" ? "false-positive" : issue.classification.trim().toLowerCase(),
  };
}

/**
 * Whether an issue's service is one of `inScope` (case-insensitive); every service is, when the
 * list is not set.
 */
export function serviceInScope(service: string, inScope: readonly string[] | undefined): boolean {
  if (inScope === undefined) return true;
  const name = service.trim().toLowerCase();
  return inScope.some((scoped) => scoped.trim().toLowerCase() === name);
}

function known(text: string | null | undefined): string | null {
  return text == null || NEVER.test(text) ? null : text;
}

/** ISO text (validated by the schema) → the same instant in UTC, `…Z`. */
function utc(text: string): string {
  return new Date(parseInstant(text) as number).toISOString();
}
