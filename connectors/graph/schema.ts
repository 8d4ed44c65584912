/**
 * zod schemas for the Graph and Defender responses this connector reads, with only the fields it
 * uses (graph-chat.md §2, §3, §4.2, §5, §6). The `$select` lists below ask for exactly these.
 */
import { z } from "zod";
import { explainBadInstant, parseInstant } from "../../src/model/instant.js";

/**
 * Intune writes `0001-01-01T00:00:00Z` (.NET's DateTime.MinValue) for a device that never
 * synced. It is a valid ISO text but not a moment: the mapper reads it as "no sync".
 */
export const NEVER = /^0001-01-01T00:00:00(\.0+)?Z$/;

/** A Graph DateTimeOffset: ISO 8601 with `Z` or an offset (or Intune's "never"). */
export const graphTime = z.string().refine((text) => NEVER.test(text) || parseInstant(text) !== null, {
  error: (issue) => explainBadInstant(String(issue.input)),
});

const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d{1,9})?)?$/;

/**
 * A Defender timestamp, as epoch ms. The export APIs write `2020-11-03 10:13:34.8476880` without
 * a zone (Defender docs, get-assessment-software-vulnerabilities.md §1.6.2); the machine API
 * writes ISO with `Z`. The zone-less form is read as UTC, the zone every other Defender time is
 * in (graph-chat.md §4.2 marks this as assumed, not documented).
 */
export const defenderTime = z.string().transform((text, ctx) => {
  const at = parseInstant(ZONELESS.test(text) ? `${text}Z` : text);
  if (at === null) {
    ctx.addIssue({ code: "custom", message: explainBadInstant(text) });
    return z.NEVER;
  }
  return at;
});

/** One page of an OData collection. Items are checked one by one by the caller. */
export const pageSchema = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().min(1).optional(),
});
export type Page = z.output<typeof pageSchema>;

/** `GET /deviceManagement/managedDevices` (§2) */
export const MANAGED_DEVICE_FIELDS = [
  "id",
  "complianceState",
  "lastSyncDateTime",
  "operatingSystem",
  "osVersion",
  "azureADDeviceId",
] as const;
export const managedDeviceSchema = z.object({
  id: z.string().min(1),
  /** compliant | noncompliant | conflict | error | inGracePeriod | configManager | unknown */
  complianceState: z.string().nullish(),
  lastSyncDateTime: graphTime.nullish(),
  operatingSystem: z.string().nullish(),
  osVersion: z.string().nullish(),
  /** = Entra `device.deviceId`; all zeros when the device is not registered in Entra ID */
  azureADDeviceId: z.string().nullish(),
});
export type ManagedDevice = z.output<typeof managedDeviceSchema>;

/** `GET /devices` (§3): the join key and what Conditional Access reads. */
export const ENTRA_DEVICE_FIELDS = ["deviceId", "isCompliant"] as const;
export const entraDeviceSchema = z.object({
  deviceId: z.string().nullish(),
  isCompliant: z.boolean().nullish(),
});
export type EntraDevice = z.output<typeof entraDeviceSchema>;

/** `GET /admin/serviceAnnouncement/issues` (§5); the posts are not asked for. */
export const ISSUE_FIELDS = [
  "id",
  "service",
  "classification",
  "status",
  "isResolved",
  "startDateTime",
  "endDateTime",
  "lastModifiedDateTime",
] as const;
export const serviceHealthIssueSchema = z.object({
  id: z.string().min(1),
  service: z.string().min(1),
  /** incident | advisory | unknownFutureValue; real responses also use PascalCase (§9.6) */
  classification: z.string().min(1),
  status: z.string().nullish(),
  isResolved: z.boolean().nullish(),
  startDateTime: graphTime,
  endDateTime: graphTime.nullish(),
  lastModifiedDateTime: graphTime.nullish(),
});
export type ServiceHealthIssue = z.output<typeof serviceHealthIssueSchema>;

/** `POST /$batch` (§6): one response per request, matched by id, in any order. */
export const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).nullish(),
      body: z.unknown().optional(),
    }),
  ),
});

/** Defender `GET /api/machines` (§4.3): which machines exist and when each last reported. */
export const machineSchema = z.object({
  id: z.string().min(1),
  computerDnsName: z.string().nullish(),
  lastSeen: defenderTime.nullish(),
});
export type DefenderMachine = z.output<typeof machineSchema>;
export const machinePageSchema = z.object({
  value: z.array(machineSchema),
  "@odata.nextLink": z.string().min(1).optional(),
});

/** CvssScore is documented as a String ("6.2"); JSON samples show numbers. Both are read. */
const cvss = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value === "") return null;
    const score = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(score) || score < 0 || score > 10) {
      ctx.addIssue({
        code: "custom",
        message: `CVSS score ${JSON.stringify(value)} is not a number from 0 to 10`,
      });
      return z.NEVER;
    }
    return score;
  });

/**
 * Defender `GET /api/machines/SoftwareVulnerabilitiesByMachine` (§4.2): one row per device ×
 * software × version × CVE; rows with `cveId: null` are software inventory, not vulnerabilities.
 */
export const vulnerabilityRowSchema = z.object({
  deviceId: z.string().min(1),
  deviceName: z.string().nullish(),
  softwareVendor: z.string().nullish(),
  softwareName: z.string().nullish(),
  softwareVersion: z.string().nullish(),
  cveId: z.string().nullish(),
  cvssScore: cvss,
  firstSeenTimestamp: defenderTime,
  lastSeenTimestamp: defenderTime.nullish(),
  securityUpdateAvailable: z.boolean().nullish(),
  recommendedSecurityUpdate: z.string().nullish(),
  recommendedSecurityUpdateId: z.string().nullish(),
});
export type VulnerabilityRow = z.output<typeof vulnerabilityRowSchema>;
export const vulnerabilityPageSchema = z.object({
  value: z.array(vulnerabilityRowSchema),
  "@odata.nextLink": z.string().min(1).optional(),
});

/**
 * Graph and Defender error bodies: `{"error": {"code": …, "message": …}}`. Intune nests another
 * JSON document in `message` (`{"_version": 3, "Message": …}`); its `Message` is taken. The HTTP
 * error shortens the result to one line.
 */
export function describeGraphError(body: unknown): string | null {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error !== "object" || error === null) return null;
  const { code } = error as { code?: unknown };
  const message = unnest((error as { message?: unknown }).message);
  const text = [typeof code === "string" ? code : null, message]
    .filter((part) => part !== null && part !== "")
    .join(": ");
  return text === "" ? null : text;
}

function unnest(message: unknown): string | null {
  if (typeof message !== "string") return null;
  if (!message.trimStart().startsWith("{")) return message;
  try {
    const inner: unknown = (JSON.parse(message) as { Message?: unknown }).Message;
    return typeof inner === "string" ? inner : message;
  } catch {
    return message;
  }
}
