/**
 * Every endpoint this connector calls, with the one application permission it needs (least
 * privilege; README.md "Permissions" lists the same table). A 403 names the permission of the
 * endpoint that refused, so the person fixing it knows exactly what to grant.
 */

export type Api = "graph" | "defender";

export type Endpoint = "serviceHealth" | "managedDevices" | "entraDevices" | "machines" | "vulnerabilities";

export interface EndpointInfo {
  api: Api;
  /** what is read, for messages */
  what: string;
  /** the API the permission lives under in the app registration's "API permissions" */
  resource: "Microsoft Graph" | "WindowsDefenderATP";
  permission: string;
  kpis: readonly string[];
  /** besides a missing permission, what else a 403 from this endpoint can mean */
  alsoWhen?: string;
}

export const ENDPOINTS: Readonly<Record<Endpoint, EndpointInfo>> = {
  serviceHealth: {
    api: "graph",
    what: "Microsoft 365 service health issues",
    resource: "Microsoft Graph",
    permission: "ServiceHealth.Read.All",
    kpis: ["O4.3"],
  },
  managedDevices: {
    api: "graph",
    what: "Intune managed devices",
    resource: "Microsoft Graph",
    permission: "DeviceManagementManagedDevices.Read.All",
    kpis: ["O5.2"],
    alsoWhen: "the tenant has no active Intune license",
  },
  entraDevices: {
    api: "graph",
    what: "Entra ID devices",
    resource: "Microsoft Graph",
    permission: "Device.Read.All",
    kpis: ["O5.2"],
  },
  machines: {
    api: "defender",
    what: "Defender for Endpoint machines",
    resource: "WindowsDefenderATP",
    permission: "Machine.Read.All",
    kpis: ["T3.2", "O5.1"],
    alsoWhen: "the tenant has no Defender for Endpoint license",
  },
  vulnerabilities: {
    api: "defender",
    what: "Defender vulnerability assessment",
    resource: "WindowsDefenderATP",
    permission: "Vulnerability.Read.All",
    kpis: ["T3.2", "O5.1"],
    alsoWhen: "the tenant has no Defender Vulnerability Management license",
  },
};
