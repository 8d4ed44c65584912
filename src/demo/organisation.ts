/**
 * The demo organisation: Stichting ICT Beheer with four locations, five resolver groups, 25
 * pseudonymous operators, three Microsoft 365 services, outside parties and the standard-change
 * catalog ("SWC", appendix 13). Names are generic: no person appears anywhere in the demo.
 */
import type { Rng } from "./rng.js";

export const ORGANISATION = "Stichting ICT Beheer";

export const LOCATIONS = ["Utrecht", "Amersfoort", "Zwolle", "Den Haag"] as const;
export type Location = (typeof LOCATIONS)[number];
/** Relative size of each location (share of staff, devices and tickets). */
export const LOCATION_WEIGHTS: ReadonlyArray<readonly [Location, number]> = [
  ["Utrecht", 40],
  ["Amersfoort", 24],
  ["Zwolle", 20],
  ["Den Haag", 16],
];
export const LOCATION_CODES: Record<Location, string> = {
  Utrecht: "UTR",
  Amersfoort: "AMF",
  Zwolle: "ZWL",
  "Den Haag": "DHG",
};

export const GROUPS = ["servicedesk", "werkplek", "netwerk", "security", "applicaties"] as const;
export type Group = (typeof GROUPS)[number];

const GROUP_SIZES: ReadonlyArray<readonly [Group, number]> = [
  ["servicedesk", 8],
  ["werkplek", 6],
  ["netwerk", 4],
  ["security", 3],
  ["applicaties", 4],
];

/** Operators `op-01` … `op-25`, numbered group by group. */
export const OPERATORS: Readonly<Record<Group, readonly string[]>> = (() => {
  const result = {} as Record<Group, string[]>;
  let n = 1;
  for (const [group, size] of GROUP_SIZES) {
    result[group] = Array.from({ length: size }, () => `op-${String(n++).padStart(2, "0")}`);
  }
  return result;
})();

/** An operator of the group, other than `except` when the group has anyone else. */
export function pickOperator(rng: Rng, group: Group, except?: string | null): string {
  const members = OPERATORS[group];
  const others = members.filter((op) => op !== except);
  return rng.pick(others.length > 0 ? others : members);
}

export const M365_SERVICES = ["Exchange Online", "SharePoint Online", "Microsoft Teams"] as const;

/** Outside parties a ticket can wait on (T2.4 multi-party tickets, third-party pauses). */
export const PARTIES = {
  netwerk: ["KPN", "glasvezelleverancier"],
  werkplek: ["hardwareleverancier", "printerleverancier"],
  applicaties: ["Microsoft", "leverancier zaaksysteem", "leverancier HR-pakket"],
  security: ["SOC-dienstverlener", "Microsoft"],
  servicedesk: ["Microsoft"],
} as const satisfies Record<Group, readonly string[]>;

/** The standard-change catalog with the supplier's lead time per item, in working days (O2.1). */
export const STANDARD_CHANGE_CATALOG = {
  "SWC-01": { name: "Account nieuwe medewerker", leadTimeDays: 3, group: "werkplek" },
  "SWC-02": { name: "Account blokkeren bij uitdienst", leadTimeDays: 1, group: "servicedesk" },
  "SWC-03": { name: "Gedeelde mailbox aanmaken", leadTimeDays: 2, group: "applicaties" },
  "SWC-04": { name: "Rechten op map of site", leadTimeDays: 2, group: "applicaties" },
  "SWC-05": { name: "Standaardsoftware installeren", leadTimeDays: 3, group: "werkplek" },
  "SWC-06": { name: "Teams-team aanmaken", leadTimeDays: 2, group: "applicaties" },
  "SWC-07": { name: "Distributielijst wijzigen", leadTimeDays: 2, group: "servicedesk" },
  "SWC-08": { name: "Mobiel toestel uitgeven", leadTimeDays: 5, group: "werkplek" },
} as const satisfies Record<string, { name: string; leadTimeDays: number; group: Group }>;
export type CatalogItem = keyof typeof STANDARD_CHANGE_CATALOG;

/** Lead time per catalog item in working days, in the shape of the O2.1 config map. */
export const STANDARD_CHANGE_LEAD_TIMES: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(STANDARD_CHANGE_CATALOG).map(([item, entry]) => [item, entry.leadTimeDays]),
);
