/**
 * A Microsoft Graph connector (shared/apis/graph-chat.md): M365 service health (O4.3), Intune
 * device compliance (O5.2) and Defender vulnerabilities (T3.2, O5.1), read with the OAuth client
 * credentials flow (§1.1) using a client secret or a certificate. Graph and Defender are separate
 * token audiences, hence separate URLs.
 */
import { z } from "zod";
import { connectorName } from "./connector-common.js";
import { apiBaseUrl } from "./urls.js";
import { evenWithOtherProblems, names, secret, section, text, wholeNumber, yesNo } from "./values.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * The private key (PEM) of a certificate uploaded to the app registration, and its thumbprint
 * as msal-node wants it: SHA-256 (`thumbprintSha256`, preferred) or the older SHA-1 (`thumbprint`).
 */
const certificate = z
  .strictObject({
    /** PEM file with the private key, relative to the config file's folder */
    path: text,
    thumbprintSha256: z
      .string()
      .regex(/^[0-9A-Fa-f]{64}$/, { message: "expected 64 hexadecimal digits" })
      .optional(),
    thumbprint: z
      .string()
      .regex(/^[0-9A-Fa-f]{40}$/, { message: "expected 40 hexadecimal digits (SHA-1)" })
      .optional(),
  })
  .refine((cert) => (cert.thumbprint === undefined) !== (cert.thumbprintSha256 === undefined), {
    message: "set exactly one of thumbprintSha256 or thumbprint",
  });

export const graphConnectorSchema = z
  .strictObject({
    type: z.literal("graph"),
    name: connectorName,
    /** directory (tenant) id, or its primary domain such as contoso.onmicrosoft.com */
    tenantId: z.string().refine((value) => GUID.test(value) || DOMAIN.test(value), {
      message: "expected the directory (tenant) id, a GUID, or a domain such as contoso.onmicrosoft.com",
    }),
    /** application (client) id of the app registration */
    clientId: z.string().regex(GUID, { message: "expected the application (client) id, a GUID" }),
    clientSecret: secret.optional(),
    certificate: certificate.optional(),
    graphUrl: apiBaseUrl().default("https://graph.microsoft.com/v1.0"),
    /** authority host without the tenant; a configured one is trusted as known (sovereign clouds) */
    loginUrl: apiBaseUrl().default("https://login.microsoftonline.com"),
    /** Defender for Endpoint API; the documented host and token audience (graph-chat.md §1.4, §4.2) */
    defenderUrl: apiBaseUrl().default("https://api.securitycenter.microsoft.com"),
    /** Microsoft 365 service names to collect, e.g. ["Exchange Online", "Microsoft Teams"]; unset: all */
    inScope: names.min(1, { message: "must list at least one service, or be left out" }).optional(),
    /** security exceptions for T3.2 (Defender's API has none): a YAML file, relative to this config */
    exceptionsFile: text.optional(),
    /** O5.1: days after a patch becomes available within which it must be installed */
    patchTermDays: wholeNumber({ min: 1 }).default(14),
    /** how often Defender is read (its export is heavy and changes slowly), in minutes */
    defenderIntervalMinutes: wholeNumber({ min: 1 }).default(240),
    /** what to read; each needs its own permission (ServiceHealth.Read.All, DeviceManagementManagedDevices.Read.All, Vulnerability.Read.All) */
    collect: section(
      z
        .strictObject({
          serviceHealth: yesNo.default(true),
          devices: yesNo.default(true),
          vulnerabilities: yesNo.default(true),
        })
        .prefault({}),
    ),
  })
  .superRefine((graph, ctx) => {
    if ((graph.clientSecret === undefined) === (graph.certificate === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: graph.clientSecret === undefined ? [] : ["certificate"],
        message: "set exactly one credential: clientSecret or certificate",
      });
    }
  }, evenWithOtherProblems);

export type GraphConnectorConfig = z.output<typeof graphConnectorSchema>;
