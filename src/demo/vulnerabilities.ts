/**
 * Vulnerabilities found by the scanner (T3.2): mixed CVSS scores; the critical ones (≥ 8) are
 * mostly mitigated within 14 days, two only after it, one is covered by an exception approved in
 * time, and one is still open past its deadline. CVE numbers are made up for the demo.
 */
import type { CanonicalRecordInput } from "../model/schema.js";
import { DAY, HOUR, iso, localParts } from "./calendar.js";
import type { Rng } from "./rng.js";
import type { DemoWindow } from "./window.js";

export type VulnerabilityInput = Extract<CanonicalRecordInput, { kind: "vulnerability" }>;

/** Servers, network gear and management components: the assets scans and patches are about. */
export const INFRA_ASSETS = {
  servers: [
    "SRV-DC-01",
    "SRV-DC-02",
    "SRV-FILE-01",
    "SRV-SQL-01",
    "SRV-APP-01",
    "SRV-APP-02",
    "SRV-PRINT-01",
    "SRV-RDS-01",
  ],
  network: [
    "FW-UTR-01",
    "FW-AMF-01",
    "FW-ZWL-01",
    "FW-DHG-01",
    "SW-UTR-CORE-01",
    "SW-AMF-CORE-01",
    "SW-ZWL-CORE-01",
    "SW-DHG-CORE-01",
    "AP-CTRL-01",
    "VPN-GW-01",
  ],
  management: ["MGMT-INTUNE-CONNECTOR", "MGMT-BACKUP-01", "MGMT-MONITOR-01"],
} as const;

interface Draft {
  cvss: number;
  asset: string;
  detectedAt: number;
  mitigatedAt: number | null;
  exception: { approvedAt: number; until: number } | null;
}

export function generateVulnerabilities(
  w: DemoWindow,
  rng: Rng,
  endpoints: readonly string[],
): VulnerabilityInput[] {
  const assets = [...INFRA_ASSETS.servers, ...INFRA_ASSETS.network, ...INFRA_ASSETS.management];
  const anyAsset = (): string => (rng.chance(0.7) ? rng.pick(assets) : rng.pick(endpoints));
  // Detection moments that leave room for the outcome to have happened before now.
  const latest = Math.max(w.start, w.now - 30 * DAY);
  const detected = (): number => rng.float(w.start, latest);
  const drafts: Draft[] = [];
  const critical = (): number => Math.round(rng.float(8, 10) * 10) / 10;

  for (let i = 0; i < 24; i++) {
    const detectedAt = rng.float(w.start, w.now - 2 * HOUR);
    const mitigatedAt = rng.chance(0.75) ? detectedAt + rng.float(3, 45) * DAY : null;
    drafts.push({
      cvss: Math.round(rng.float(3.1, 7.9) * 10) / 10,
      asset: anyAsset(),
      detectedAt,
      mitigatedAt,
      exception: null,
    });
  }
  for (let i = 0; i < 9; i++) {
    const detectedAt = rng.float(w.start, w.now - 2 * HOUR);
    drafts.push({
      cvss: critical(),
      asset: anyAsset(),
      detectedAt,
      mitigatedAt: detectedAt + rng.float(1, 13) * DAY,
      exception: null,
    });
  }
  // The two late ones fall close together (and near the open one), so earlier quarters stay green.
  for (let i = 0; i < 2; i++) {
    const detectedAt = Math.max(w.start, w.now - rng.float(32, 45) * DAY);
    drafts.push({
      cvss: critical(),
      asset: anyAsset(),
      detectedAt,
      mitigatedAt: detectedAt + rng.float(16, 25) * DAY,
      exception: null,
    });
  }
  const excepted = detected();
  drafts.push({
    cvss: 8.8,
    asset: "SRV-APP-02",
    detectedAt: excepted,
    mitigatedAt: null,
    exception: { approvedAt: excepted + rng.float(4, 10) * DAY, until: excepted + 120 * DAY },
  });
  drafts.push({
    cvss: 9.1,
    asset: "VPN-GW-01",
    detectedAt: Math.max(w.start, w.now - rng.float(18, 26) * DAY),
    mitigatedAt: null,
    exception: null,
  });

  drafts.sort((a, b) => a.detectedAt - b.detectedAt);
  return drafts.map((d, i) => {
    const mitigatedAt = d.mitigatedAt !== null && d.mitigatedAt <= w.now ? d.mitigatedAt : null;
    const approved = d.exception !== null && d.exception.approvedAt <= w.now ? d.exception : null;
    return {
      kind: "vulnerability",
      id: `VULN-${String(i + 1).padStart(4, "0")}`,
      source: "demo",
      cve: `CVE-${localParts(d.detectedAt).year}-${rng.int(20000, 59999)}`,
      cvss: d.cvss,
      asset: d.asset,
      detectedAt: iso(d.detectedAt),
      mitigatedAt: mitigatedAt === null ? null : iso(mitigatedAt),
      exception:
        approved === null ? null : { approvedAt: iso(approved.approvedAt), until: iso(approved.until) },
    };
  });
}
