/**
 * What a ticket story is asked to tell: the ticket's type, priority and creation moment, plus
 * traits (late or not, paused, handed over, reopened, …). Random tickets draw their traits here;
 * the showcase (showcase.ts) sets them by hand so every pattern the KPIs need is present in every
 * data set, whatever the seed and size.
 */
import type { Priority, TicketType } from "../model/schema.js";
import type { DemoCalendar } from "./calendar.js";
import type { Rng } from "./rng.js";
import type { DraftEvent } from "./timeline.js";
import type { TitleEntry } from "./titles.js";

/** The contract's norms in minutes on the ticket's clock (P1 clock, others business). */
export const RESPONSE_NORM: Record<Priority, number> = { P1: 15, P2: 60, P3: 240, P4: 480 };
export const RESOLUTION_NORM: Record<Priority, number> = { P1: 2880, P2: 480, P3: 1440, P4: 2400 };
export const STABILISATION_NORM = 240;
export const CONTAINMENT_NORM: Record<Priority, number> = { P1: 240, P2: 1440, P3: 2880, P4: 4800 };
export const WORKPLACE_READY_NORM = 3000;

export interface SupportTraits {
  /** group and owner in one assignment (else group first, owner just before the response) */
  directAssign: boolean;
  lateResponse: boolean;
  /** resolution (P1: definitive fix) after the norm */
  late: boolean;
  lateStabilisation: boolean;
  lateContainment: boolean;
  /** open for weeks: waiting on parts, a vendor or the caller */
  longRunner: boolean;
  major: "no" | "from-start" | "later";
  /** a major incident with one update interval over 60 minutes */
  sloppyUpdates: boolean;
  customerPause: "none" | "short" | "long";
  /** a customer pause that starts when 10–40 minutes of the resolution norm are left */
  pauseNearDeadline: boolean;
  /** three short customer pauses in one ticket */
  recurringPauses: boolean;
  /** an outside party joins for a while (T2.4) */
  partySpan: boolean;
  /** …and the ticket goes quiet for more than a service day during that span */
  coordinationGap: boolean;
  groupHandover: boolean;
  ownerHandover: boolean;
  /** the owner is removed and set again later (breaks O3.2 continuous ownership) */
  ownerGap: boolean;
  reopen: boolean;
  priorityChange: "none" | "upgrade" | "downgrade-early" | "downgrade-late";
  /** the first response names an expected completion time */
  explicitTarget: boolean;
  /** an expected time passes without a proactive update */
  missTarget: boolean;
  /** minutes to stabilisation, when a story needs a fixed one (the live major incident) */
  stabilisation?: number;
  /** active minutes to resolution, when a story needs a fixed one (tickets open at now) */
  resolveAfter?: number;
}

export interface ChangeTraits {
  noGoFirst: boolean;
  lateExecution: boolean;
  rolledBack: boolean;
  causedIncident: boolean;
  docs: "in-time" | "late" | "never";
  rework: boolean;
  customerPause: boolean;
  /** standard change with an agreed lead time on the ticket */
  leadTimeOverride: boolean;
  /** decided and carried out within days (keeps the showcase inside short windows) */
  quick?: boolean;
}

export interface TicketSpec {
  type: TicketType;
  priority: Priority | null;
  createdAt: number;
  location: string | null;
  subject: TitleEntry;
  catalogItem: string | null;
  support: SupportTraits;
  change: ChangeTraits;
  /** one of the signal patterns (signal-patterns.ts): rated from its own stream */
  signalPattern?: boolean;
}

export interface DraftTicket {
  spec: TicketSpec;
  leadTimeDays: number | null;
  events: DraftEvent[];
  /** the caller has reason to be unhappy (late, reopened): CSAT drawn lower */
  unhappy: boolean;
}

export interface StoryContext {
  cal: DemoCalendar;
  rng: Rng;
}

/** Early priority corrections after assessment (the late downgrade is drawn with lateness). */
const PRIORITY_CHANGES: Record<
  Priority,
  ReadonlyArray<readonly [SupportTraits["priorityChange"], number]>
> = {
  P1: [["none", 1]],
  P2: [
    ["none", 97],
    ["downgrade-early", 3],
  ],
  P3: [
    ["none", 95],
    ["upgrade", 2],
    ["downgrade-early", 3],
  ],
  P4: [
    ["none", 97],
    ["upgrade", 3],
  ],
};

export function drawSupportTraits(rng: Rng, type: TicketType, priority: Priority): SupportTraits {
  const p1 = priority === "P1";
  const security = type === "security-incident";
  const lateShare = { P1: 0.015, P2: 0.015, P3: 0.05, P4: 0.05 }[priority];
  const late = rng.chance(lateShare);
  const downgradeLate = late && !p1 && priority !== "P4" && rng.chance(0.3);
  const partySpan = rng.chance(security ? 0.3 : p1 ? 0.25 : 0.05);
  const ownerGap = !p1 && !downgradeLate && rng.chance(0.025);
  return {
    directAssign: p1 || security || rng.chance(0.3),
    lateResponse: rng.chance(p1 ? 0.015 : 0.025),
    late,
    lateStabilisation: p1 && rng.chance(0.015),
    lateContainment: security && rng.chance(0.015),
    longRunner: !p1 && !late && rng.chance(0.002),
    major: p1 && type === "incident" && rng.chance(0.2) ? "from-start" : "no",
    sloppyUpdates: rng.chance(0.1),
    customerPause: p1
      ? "none"
      : rng.weighted([
          ["none", 84],
          ["short", 11],
          ["long", 5],
        ] as const),
    pauseNearDeadline: false,
    recurringPauses: false,
    partySpan: partySpan && !downgradeLate,
    coordinationGap: partySpan && rng.chance(0.08),
    groupHandover: !security && rng.chance(p1 ? 0.1 : 0.2),
    ownerHandover: rng.chance(0.08),
    ownerGap,
    reopen: rng.chance(0.04),
    priorityChange: downgradeLate ? "downgrade-late" : rng.weighted(PRIORITY_CHANGES[priority]),
    explicitTarget: !p1 && rng.chance(0.3),
    missTarget: rng.chance(0.15),
  };
}

export function drawChangeTraits(rng: Rng, type: TicketType): ChangeTraits {
  const change = type === "change";
  return {
    noGoFirst: change && rng.chance(0.08),
    lateExecution: rng.chance(change ? 0.005 : 0.05),
    rolledBack: change && rng.chance(0.015),
    causedIncident: change && rng.chance(0.015),
    docs: rng.weighted([
      ["in-time", 995],
      ["late", 5],
    ] as const),
    rework: !change && rng.chance(0.025),
    customerPause: !change && rng.chance(0.08),
    leadTimeOverride: !change && rng.chance(0.2),
  };
}

/** Traits that tell a plain story; the showcase starts from these. */
export function plainSupportTraits(): SupportTraits {
  return {
    directAssign: false,
    lateResponse: false,
    late: false,
    lateStabilisation: false,
    lateContainment: false,
    longRunner: false,
    major: "no",
    sloppyUpdates: false,
    customerPause: "none",
    pauseNearDeadline: false,
    recurringPauses: false,
    partySpan: false,
    coordinationGap: false,
    groupHandover: false,
    ownerHandover: false,
    ownerGap: false,
    reopen: false,
    priorityChange: "none",
    explicitTarget: false,
    missTarget: false,
  };
}

export function plainChangeTraits(): ChangeTraits {
  return {
    noGoFirst: false,
    lateExecution: false,
    rolledBack: false,
    causedIncident: false,
    docs: "in-time",
    rework: false,
    customerPause: false,
    leadTimeOverride: false,
  };
}
