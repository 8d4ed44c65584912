/**
 * Builders for the signal suites: tickets written as canonical JSON and parsed with the model's
 * own schema, the contract's calendar (Amsterdam, Mon–Fri 08:00–18:00, Dutch holidays), the
 * contract's clock policy with the demo supplier's P3/P4 norms, and the signals section of a
 * hand-made ticket list, so every expected value can be checked by eye.
 */
import { contractRulesSchema } from "../../../src/config/schema/contract.js";
import { businessCalendar } from "../../../src/engine/calendar/index.js";
import { createTicketAnalyses } from "../../../src/engine/kpi/tickets/index.js";
import type { Period } from "../../../src/engine/kpi/types.js";
import { parsePeriod, precedingPeriods } from "../../../src/engine/report/period.js";
import { computeSignals } from "../../../src/engine/signals/index.js";
import type { SignalId, SignalReport, SignalsSection } from "../../../src/engine/signals/types.js";
import { DEFAULT_CLOCK_POLICY, overrideClockPolicy } from "../../../src/engine/timeline/index.js";
import { HOUR_MS, MINUTE_MS, parseInstant } from "../../../src/model/instant.js";
import { type CanonicalRecordInput, type Ticket, ticketRecord } from "../../../src/model/schema.js";

type TicketInput = Extract<CanonicalRecordInput, { kind: "ticket" }>;
export type EventInput = NonNullable<TicketInput["events"]>[number];

export const ZONE = "Europe/Amsterdam";
export const MARCH = parsePeriod("2026-03", ZONE);
/** After March: every March figure is final. */
export const APRIL_FIRST = "2026-04-01T09:00:00+02:00";

export const calendar = businessCalendar({
  serviceWindow: { timezone: ZONE, days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" },
  holidays: { country: "NL" },
});

const business = (ms: number) => ({ ms, clock: "business" as const });
/** The contract's norms plus the demo supplier's: P3 response 4 h, resolution 24 h; P4 8 h and 40 h. */
export const policy = overrideClockPolicy(DEFAULT_CLOCK_POLICY, {
  clocks: {
    response: { P3: business(4 * HOUR_MS), P4: business(8 * HOUR_MS) },
    resolution: { P3: business(24 * HOUR_MS), P4: business(40 * HOUR_MS) },
  },
});

export interface TicketFields {
  type?: TicketInput["type"];
  priority?: TicketInput["priority"];
  createdAt: string;
  location?: string | null;
  title?: string | null;
  csat?: TicketInput["csat"];
  source?: string;
}

/** A canonical ticket line, parsed; an incident of P3 at Utrecht about "Printer" unless told. */
export function ticket(id: string, fields: TicketFields, events: EventInput[] = []): Ticket {
  return ticketRecord.parse({
    kind: "ticket",
    id,
    source: fields.source ?? "test",
    type: fields.type ?? "incident",
    priority: fields.priority === undefined ? "P3" : fields.priority,
    createdAt: fields.createdAt,
    location: fields.location === undefined ? "Utrecht" : fields.location,
    title: fields.title === undefined ? "Printer drukt niet af" : fields.title,
    csat: fields.csat ?? null,
    events,
  });
}

/** Event builders, in canonical JSON. */
export const ev = {
  reply: (at: string) => ({ at, type: "comment", visibleToCaller: true, automated: false }) as const,
  autoReply: (at: string) => ({ at, type: "comment", visibleToCaller: true, automated: true }) as const,
  note: (at: string) => ({ at, type: "comment", visibleToCaller: false, automated: false }) as const,
  assigned: (at: string, group: string | null = "servicedesk", owner: string | null = "op-01") =>
    ({ at, type: "assigned", owner, group, party: null }) as const,
  priority: (at: string, priority: "P1" | "P2" | "P3" | "P4") =>
    ({ at, type: "priority", priority }) as const,
  target: (at: string, due: string) => ({ at, type: "target", due }) as const,
  paused: (at: string, reason: "customer" | "third-party" | "other" = "customer") =>
    ({ at, type: "paused", reason }) as const,
  resumed: (at: string) => ({ at, type: "resumed" }) as const,
  resolved: (at: string) => ({ at, type: "resolved" }) as const,
  reopened: (at: string) => ({ at, type: "reopened" }) as const,
  closed: (at: string) => ({ at, type: "closed" }) as const,
};

/** ISO text with offset → epoch ms; a typo in a test is an error. */
export function at(text: string): number {
  const parsed = parseInstant(text);
  if (parsed === null) throw new Error(`bad instant in test: ${text}`);
  return parsed;
}

export const minutes = (n: number): number => n * MINUTE_MS;

export interface SignalsOptions {
  now?: string;
  period?: Period;
  /** preceding months of the period, oldest first; default none */
  trend?: number;
  rules?: Record<string, unknown>;
}

/** The signals section of a report over these tickets (March 2026 unless told, made on 1 April). */
export function signalsOf(tickets: readonly Ticket[], options: SignalsOptions = {}): SignalsSection {
  const now = at(options.now ?? APRIL_FIRST);
  const period = options.period ?? MARCH;
  return computeSignals({
    analyses: createTicketAnalyses(tickets, { calendar, policy, now }),
    period,
    trendPeriods: precedingPeriods(period, options.trend ?? 0, ZONE),
    calendar,
    policy,
    rules: contractRulesSchema.parse(options.rules ?? {}),
    now,
  });
}

export function signalOf(section: SignalsSection, id: SignalId): SignalReport {
  const found = section.signals.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no signal ${id}`);
  return found;
}

/** A signal's figure of the report's period and its case ids. */
export function figureOf(tickets: readonly Ticket[], id: SignalId, options: SignalsOptions = {}) {
  const signal = signalOf(signalsOf(tickets, options), id);
  return { value: signal.value, n: signal.n, hits: signal.hits, cases: signal.cases.map((c) => c.id) };
}

/** A signal of a report section with neutral defaults, for renderer and BI-row tests. */
export function signal(fields: Partial<SignalReport> & Pick<SignalReport, "id">): SignalReport {
  return {
    group: "clock-management",
    title: `${fields.id} title`,
    definition: `${fields.id} definition`,
    value: null,
    n: 0,
    hits: 0,
    baseline: null,
    baselinePeriods: 0,
    deviation: null,
    maxRise: 0.01,
    ceiling: 0.02,
    flagged: false,
    flaggedBy: [],
    trend: [],
    cases: [],
    suggestedMeasure: `${fields.id} measure`,
    ...fields,
  };
}
