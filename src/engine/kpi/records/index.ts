/**
 * Scorers of the KPIs computed from non-ticket records (M12–M14, M20): availability, patches,
 * devices, vulnerabilities, security exceptions, end-of-life items, backups, the improvement
 * register and attested evidence.
 */
import type { KpiScorer, MeasureRule } from "../types.js";
import { scoreAvailability } from "./availability.js";
import { scoreBackups } from "./backups.js";
import { scoreCriticalVulnerabilities } from "./critical-vulnerabilities.js";
import { scoreDeviceCompliance } from "./device-compliance.js";
import { scoreEolSignalling } from "./eol-signalling.js";
import { scoreEvidence } from "./evidence.js";
import { scoreImprovementCycle } from "./improvement-cycle.js";
import { scorePatchCompliance } from "./patch-compliance.js";
import { scoreSecurityExceptions } from "./security-exceptions.js";

export const recordScorers: Partial<Record<MeasureRule, KpiScorer>> = {
  availability: scoreAvailability,
  "patch-compliance": scorePatchCompliance,
  "device-compliance": scoreDeviceCompliance,
  "critical-vulnerabilities": scoreCriticalVulnerabilities,
  "security-exceptions": scoreSecurityExceptions,
  "eol-signalling": scoreEolSignalling,
  backups: scoreBackups,
  "improvement-cycle": scoreImprovementCycle,
  evidence: scoreEvidence,
};

export {
  scoreAvailability,
  scoreBackups,
  scoreCriticalVulnerabilities,
  scoreDeviceCompliance,
  scoreEolSignalling,
  scoreEvidence,
  scoreImprovementCycle,
  scorePatchCompliance,
  scoreSecurityExceptions,
};
