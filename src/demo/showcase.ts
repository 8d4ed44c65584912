/**
 * Hand-placed tickets that every demo data set contains, whatever its seed and size, so that
 * each KPI and signal has a case to show: a live major incident at `now`, one that becomes major
 * later, late updates, downgrades just before a deadline, reopens, a weekend pause, an owner gap,
 * a multi-party ticket that went quiet, long-open tickets, a rolled-back change, … The random
 * population (ticket-plan.ts) adds the volume and the ordinary cases around them.
 */
import type { Priority, TicketType } from "../model/schema.js";
import { HOUR, MINUTE } from "./calendar.js";
import { type CatalogItem, LOCATIONS, STANDARD_CHANGE_CATALOG } from "./organisation.js";
import type { Rng } from "./rng.js";
import { subjectOf } from "./ticket-plan.js";
import {
  type ChangeTraits,
  plainChangeTraits,
  plainSupportTraits,
  type SupportTraits,
  type TicketSpec,
} from "./ticket-spec.js";
import { P1_TITLES, type TitleEntry } from "./titles.js";
import { type DemoWindow, momentAt, workingDaysBeforeNow } from "./window.js";

interface Case {
  type: TicketType;
  priority: Priority | null;
  /** fraction of the window and hour of day, or an explicit moment */
  at: { f: number; hour: number; weekday?: number } | number;
  support?: Partial<SupportTraits>;
  change?: Partial<ChangeTraits>;
  catalogItem?: CatalogItem;
  subject?: TitleEntry;
}

function cases(w: DemoWindow, rng: Rng): Case[] {
  const friday = 5;
  return [
    // Live major incident: updates so far, not yet stabilised at `now`.
    {
      type: "incident",
      priority: "P1",
      at: w.now - Math.round(rng.float(100, 130) * MINUTE),
      support: { directAssign: true, major: "from-start", stabilisation: 200 },
      subject: P1_TITLES[1],
    },
    { type: "incident", priority: "P1", at: { f: 0.22, hour: 2 }, support: { major: "from-start" } },
    {
      type: "incident",
      priority: "P1",
      at: { f: 0.58, hour: 14 },
      support: { major: "from-start", sloppyUpdates: true, stabilisation: 180 },
    },
    {
      type: "incident",
      priority: "P2",
      at: { f: 0.4, hour: 10 },
      support: { major: "later" },
      subject: P1_TITLES[0],
    },
    {
      type: "incident",
      priority: "P2",
      at: { f: 0.3, hour: 9 },
      support: { late: true, priorityChange: "downgrade-late" },
    },
    {
      type: "incident",
      priority: "P3",
      at: { f: 0.75, hour: 9 },
      support: { late: true, priorityChange: "downgrade-late" },
    },
    {
      type: "incident",
      priority: "P2",
      at: { f: 0.45, hour: 11 },
      support: { priorityChange: "downgrade-early" },
    },
    { type: "incident", priority: "P4", at: { f: 0.5, hour: 13 }, support: { priorityChange: "upgrade" } },
    { type: "incident", priority: "P3", at: { f: 0.35, hour: 10 }, support: { reopen: true } },
    { type: "service-request", priority: "P4", at: { f: 0.65, hour: 15 }, support: { reopen: true } },
    {
      type: "incident",
      priority: "P4",
      at: { f: 0.2, hour: 16, weekday: friday },
      support: { customerPause: "long" },
    },
    {
      type: "workplace-request",
      priority: "P3",
      at: { f: 0.55, hour: 9 },
      support: { customerPause: "short" },
    },
    { type: "service-request", priority: "P3", at: { f: 0.48, hour: 10 }, support: { ownerGap: true } },
    {
      type: "incident",
      priority: "P3",
      at: { f: 0.62, hour: 11 },
      support: { groupHandover: true, ownerHandover: true },
    },
    { type: "incident", priority: "P2", at: { f: 0.33, hour: 9 }, support: { partySpan: true } },
    {
      type: "incident",
      priority: "P3",
      at: { f: 0.7, hour: 10 },
      support: { partySpan: true, coordinationGap: true, resolveAfter: 3000 },
    },
    {
      type: "incident",
      priority: "P3",
      at: { f: 0.52, hour: 9 },
      support: { explicitTarget: true, late: true, missTarget: true },
    },
    {
      type: "incident",
      priority: "P4",
      at: { f: 0.27, hour: 10 },
      support: { explicitTarget: true, late: true },
    },
    { type: "incident", priority: "P2", at: { f: 0.15, hour: 16 }, support: { lateResponse: true } },
    { type: "incident", priority: "P3", at: { f: 0.8, hour: 11 }, support: { late: true } },
    { type: "security-incident", priority: "P1", at: { f: 0.42, hour: 3 }, support: { partySpan: true } },
    {
      type: "security-incident",
      priority: "P2",
      at: { f: 0.6, hour: 10 },
      support: { lateContainment: true },
    },
    { type: "security-incident", priority: "P2", at: { f: 0.85, hour: 9 }, support: { partySpan: true } },
    { type: "workplace-request", priority: "P3", at: { f: 0.38, hour: 9 }, support: { late: true } },
    // Open for weeks at `now` (T2.6 backlog age).
    {
      type: "incident",
      priority: "P3",
      at: workingDaysBeforeNow(w, rng, 13),
      support: { longRunner: true, resolveAfter: 20 * 600, partySpan: true },
    },
    {
      type: "service-request",
      priority: "P4",
      at: workingDaysBeforeNow(w, rng, 24),
      support: { longRunner: true, resolveAfter: 40 * 600, customerPause: "long" },
    },
    { type: "change", priority: null, at: { f: 0.1, hour: 10 }, change: { rolledBack: true, quick: true } },
    {
      type: "change",
      priority: "P3",
      at: { f: 0.2, hour: 11 },
      change: { causedIncident: true, quick: true },
    },
    { type: "change", priority: "P2", at: { f: 0.55, hour: 14 }, change: { noGoFirst: true, docs: "late" } },
    {
      type: "change",
      priority: null,
      at: { f: 0.6, hour: 9 },
      change: { lateExecution: true, docs: "never" },
    },
    {
      type: "standard-change",
      priority: "P4",
      at: { f: 0.25, hour: 10 },
      catalogItem: "SWC-05",
      change: { rework: true },
    },
    {
      type: "standard-change",
      priority: "P3",
      at: { f: 0.55, hour: 14 },
      catalogItem: "SWC-08",
      change: { lateExecution: true, leadTimeOverride: true },
    },
    {
      type: "standard-change",
      priority: "P3",
      at: { f: 0.45, hour: 10 },
      catalogItem: "SWC-01",
      change: { customerPause: true },
    },
  ];
}

export function showcaseSpecs(w: DemoWindow, rng: Rng): TicketSpec[] {
  return cases(w, rng).map((c, i) => {
    const createdAt =
      typeof c.at === "number"
        ? Math.max(w.start, c.at)
        : momentAt(w, rng, c.at.f, c.at.hour, c.at.weekday ?? undefined);
    const item = c.catalogItem === undefined ? null : STANDARD_CHANGE_CATALOG[c.catalogItem];
    const subject =
      item !== null
        ? { title: item.name, group: item.group }
        : (c.subject ?? subjectOf(rng, c.type, c.priority));
    return {
      type: c.type,
      priority: c.priority,
      createdAt: Math.floor(Math.min(createdAt, w.now - HOUR / 60) / 1000) * 1000,
      location: LOCATIONS[i % LOCATIONS.length] ?? null,
      subject,
      catalogItem: c.catalogItem ?? null,
      support: { ...plainSupportTraits(), ...c.support },
      change: { ...plainChangeTraits(), ...c.change },
    };
  });
}
