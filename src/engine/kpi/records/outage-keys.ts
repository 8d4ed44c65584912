/**
 * Which outages an availability KPI reads and under which key (M12, decisions 10 and 11):
 * O1.1 every `servicedesk` outage; O4.2 `network` outages per location; O4.3 `m365:<name>`
 * outages per service, counted only for the configured classifications (default `incident`) and
 * in-scope services (default: every service seen). Outages of the KPI's service that do not count
 * are still listed, as excluded cases with the reason.
 */
import type { ContractRules } from "../../../config/schema/contract.js";
import type { Outage } from "../../../model/schema.js";

export interface OutageKey {
  /** The part the outage belongs to: a location, a service name, or "" for O1.1. */
  part: string;
  /** Why it does not count, or null when it does. */
  excludedBecause: string | null;
}

export interface OutageKeys {
  /** Null when the outage is not about this KPI's service at all. */
  keyOf(outage: Outage): OutageKey | null;
  /** The parts known in advance (O1.1: the one key; O4.3 with `inScope`), else null: every key seen. */
  fixedParts: readonly string[] | null;
  notes: string[];
}

/** Part of a network outage that names no location. */
export const NO_LOCATION = "(no location)";

const M365_PREFIX = "m365:";

export function outageKeysFor(service: "servicedesk" | "network" | "m365", rules: ContractRules): OutageKeys {
  if (service === "servicedesk") {
    return {
      keyOf: (o) => (o.service === "servicedesk" ? { part: "", excludedBecause: null } : null),
      fixedParts: [""],
      notes: [],
    };
  }
  if (service === "network") {
    return {
      keyOf: (o) =>
        o.service === "network" ? { part: o.location ?? NO_LOCATION, excludedBecause: null } : null,
      fixedParts: null,
      notes: [
        `one part per location seen in network outage records; an outage without location is part "${NO_LOCATION}"`,
      ],
    };
  }
  return m365Keys(rules.o43);
}

function m365Keys(o43: ContractRules["o43"]): OutageKeys {
  const classifications = new Set<string>(o43.classifications);
  // Service names are matched without regard to case; parts take the configured spelling.
  const inScope =
    o43.inScope === undefined ? null : new Map(o43.inScope.map((name) => [name.toLowerCase(), name]));
  const counted = o43.classifications.join(", ");
  return {
    keyOf: (o) => {
      if (!o.service.startsWith(M365_PREFIX)) return null;
      const name = o.service.slice(M365_PREFIX.length);
      const scoped = inScope === null ? name : inScope.get(name.toLowerCase());
      if (scoped === undefined)
        return { part: name, excludedBecause: "service not in scope (rules.o43.inScope)" };
      if (!classifications.has(o.classification.toLowerCase())) {
        return {
          part: scoped,
          excludedBecause: `classified "${o.classification}", not counted (rules.o43.classifications: ${counted})`,
        };
      }
      return { part: scoped, excludedBecause: null };
    },
    fixedParts: inScope === null ? null : [...inScope.values()],
    notes: [
      `counted classifications: ${counted} (rules.o43.classifications)`,
      inScope === null
        ? "in scope: every Microsoft 365 service seen in outage records (rules.o43.inScope not set)"
        : `in scope: ${[...inScope.values()].join(", ")} (rules.o43.inScope)`,
    ],
  };
}
