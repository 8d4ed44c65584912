/**
 * The random ticket population: how many, which types and priorities, when they arrive (office
 * hours on working days, a few evenings and weekends; P1 around the clock) and where.
 */
import type { Priority, TicketType } from "../model/schema.js";
import { type CatalogItem, LOCATION_WEIGHTS, STANDARD_CHANGE_CATALOG } from "./organisation.js";
import type { Rng } from "./rng.js";
import { drawChangeTraits, drawSupportTraits, type TicketSpec } from "./ticket-spec.js";
import {
  CHANGE_TITLES,
  INCIDENT_TITLES,
  P1_TITLES,
  SECURITY_TITLES,
  SERVICE_REQUEST_TITLES,
  type TitleEntry,
  WORKPLACE_TITLES,
} from "./titles.js";
import { atTime, type DemoDay, type DemoWindow } from "./window.js";

const TYPE_WEIGHTS: ReadonlyArray<readonly [TicketType, number]> = [
  ["incident", 55],
  ["service-request", 24],
  ["security-incident", 3],
  ["workplace-request", 6],
  ["standard-change", 9],
  ["change", 3],
];

/** Priority mix per type; overall about P1 2 %, P2 13 %, P3 50 %, P4 35 %. */
const PRIORITY_WEIGHTS: Record<TicketType, ReadonlyArray<readonly [Priority | null, number]>> = {
  incident: [
    ["P1", 3],
    ["P2", 18],
    ["P3", 49],
    ["P4", 30],
  ],
  "security-incident": [
    ["P1", 10],
    ["P2", 35],
    ["P3", 40],
    ["P4", 15],
  ],
  "service-request": [
    ["P2", 6],
    ["P3", 48],
    ["P4", 46],
  ],
  "workplace-request": [
    ["P3", 60],
    ["P4", 40],
  ],
  "standard-change": [
    ["P3", 50],
    ["P4", 50],
  ],
  change: [
    [null, 60],
    ["P2", 15],
    ["P3", 25],
  ],
};

const CATALOG_WEIGHTS: ReadonlyArray<readonly [CatalogItem, number]> = [
  ["SWC-01", 15],
  ["SWC-02", 12],
  ["SWC-03", 10],
  ["SWC-04", 20],
  ["SWC-05", 18],
  ["SWC-06", 8],
  ["SWC-07", 8],
  ["SWC-08", 9],
];

/** Arrivals per office hour (08 … 17): a morning peak and a smaller one after lunch. */
const HOUR_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [8, 9],
  [9, 14],
  [10, 14],
  [11, 12],
  [12, 7],
  [13, 11],
  [14, 12],
  [15, 10],
  [16, 8],
  [17, 3],
];

/** Mondays are busiest, Fridays quietest. */
const WEEKDAY_WEIGHT = [0, 1.25, 1.05, 1, 1, 0.8, 0.3, 0.3];

export function subjectOf(rng: Rng, type: TicketType, priority: Priority | null): TitleEntry {
  switch (type) {
    case "incident":
      return rng.pick(priority === "P1" ? P1_TITLES : INCIDENT_TITLES);
    case "security-incident":
      return rng.pick(SECURITY_TITLES);
    case "service-request":
      return rng.pick(SERVICE_REQUEST_TITLES);
    case "workplace-request":
      return rng.pick(WORKPLACE_TITLES);
    case "change":
      return rng.pick(CHANGE_TITLES);
    case "standard-change":
      return { title: "Standaardwijziging", group: "werkplek" };
  }
}

/** A creation moment: mostly office hours on a working day; P1 also at night and at weekends. */
/** Working days with their weekday weight, computed once per window. */
const dayWeights = new WeakMap<DemoWindow, ReadonlyArray<readonly [DemoDay, number]>>();

function weightedDays(w: DemoWindow): ReadonlyArray<readonly [DemoDay, number]> {
  let weights = dayWeights.get(w);
  if (weights === undefined) {
    weights = w.workingDays.map((d) => [d, WEEKDAY_WEIGHT[d.weekday] ?? 1] as const);
    dayWeights.set(w, weights);
  }
  return weights;
}

function arrival(w: DemoWindow, rng: Rng, priority: Priority | null): number {
  for (let attempt = 0; attempt < 20; attempt++) {
    const roll = rng.next();
    let at: number;
    if (priority === "P1" && roll < 0.4) {
      at = rng.float(w.start, w.now);
    } else if (roll < 0.94) {
      const day = rng.weighted(weightedDays(w));
      at = atTime(day, rng.weighted(HOUR_WEIGHTS), rng.int(0, 59)) + rng.int(0, 59) * 1000;
    } else if (roll < 0.98) {
      at = atTime(rng.pick(w.workingDays), rng.int(18, 22), rng.int(0, 59)) + rng.int(0, 59) * 1000;
    } else {
      const closed = w.days.filter((d) => !d.working);
      at = atTime(rng.pick(closed.length > 0 ? closed : w.days), rng.int(9, 21), rng.int(0, 59));
    }
    if (at >= w.start && at < w.now) return Math.floor(at / 1000) * 1000;
  }
  return Math.floor((w.now - 3_600_000) / 1000) * 1000;
}

export function plannedTicketCount(w: DemoWindow, ticketsPerMonth: number): number {
  const days = (w.now - w.start) / 86_400_000;
  return Math.round((ticketsPerMonth * days) / 30.4375);
}

export function randomTicketSpec(w: DemoWindow, rng: Rng): TicketSpec {
  const type = rng.weighted(TYPE_WEIGHTS);
  const priority = rng.weighted(PRIORITY_WEIGHTS[type]);
  const catalogItem = type === "standard-change" ? rng.weighted(CATALOG_WEIGHTS) : null;
  const entry = catalogItem === null ? null : STANDARD_CHANGE_CATALOG[catalogItem];
  const orgWide = type === "change" && rng.chance(0.5);
  return {
    type,
    priority,
    createdAt: arrival(w, rng, priority),
    location: orgWide ? null : rng.weighted(LOCATION_WEIGHTS),
    subject: entry === null ? subjectOf(rng, type, priority) : { title: entry.name, group: entry.group },
    catalogItem,
    support: drawSupportTraits(rng, type, priority ?? "P3"),
    change: drawChangeTraits(rng, type),
  };
}
