/**
 * Builders for the ticket-KPI suites: tickets written as canonical JSON and parsed with the
 * model's own schema, the contract's calendar (Amsterdam, Mon–Fri 08:00–18:00, Dutch holidays),
 * KPI definitions as a catalog would give them, and results read back as Amsterdam wall-clock
 * text so expected values can be checked by eye.
 */
import { DateTime } from "luxon";
import { contractRulesSchema } from "../../../../src/config/schema/contract.js";
import { businessCalendar } from "../../../../src/engine/calendar/index.js";
import type {
  KpiDefinition,
  KpiInput,
  KpiScore,
  MeasureSpec,
  Norm,
  Period,
  ScoringContext,
} from "../../../../src/engine/kpi/types.js";
import { type ClockPolicy, DEFAULT_CLOCK_POLICY } from "../../../../src/engine/timeline/index.js";
import { parseInstant } from "../../../../src/model/instant.js";
import { type CanonicalRecordInput, type Ticket, ticketRecord } from "../../../../src/model/schema.js";

type TicketInput = Extract<CanonicalRecordInput, { kind: "ticket" }>;
export type EventInput = NonNullable<TicketInput["events"]>[number];

/** A canonical ticket line, parsed. */
export function ticket(
  id: string,
  fields: {
    type?: TicketInput["type"];
    priority?: TicketInput["priority"];
    createdAt: string;
    csat?: TicketInput["csat"];
  },
  events: EventInput[] = [],
): Ticket {
  return ticketRecord.parse({
    kind: "ticket",
    id,
    source: "test",
    type: fields.type ?? "incident",
    priority: fields.priority === undefined ? "P3" : fields.priority,
    createdAt: fields.createdAt,
    csat: fields.csat ?? null,
    events,
  });
}

/** Event builders, in canonical JSON. */
export const ev = {
  reply: (at: string) => ({ at, type: "comment", visibleToCaller: true, automated: false }) as const,
  autoReply: (at: string) => ({ at, type: "comment", visibleToCaller: true, automated: true }) as const,
  note: (at: string) => ({ at, type: "comment", visibleToCaller: false, automated: false }) as const,
  assigned: (
    at: string,
    owner: string | null,
    group: string | null = "servicedesk",
    party: string | null = null,
  ) => ({ at, type: "assigned", owner, group, party }) as const,
  priority: (at: string, priority: "P1" | "P2" | "P3" | "P4") =>
    ({ at, type: "priority", priority }) as const,
  major: (at: string, value = true) => ({ at, type: "major", value }) as const,
  target: (at: string, due: string) => ({ at, type: "target", due }) as const,
  paused: (at: string, reason: "customer" | "third-party" | "other") =>
    ({ at, type: "paused", reason }) as const,
  resumed: (at: string) => ({ at, type: "resumed" }) as const,
  stabilized: (at: string) => ({ at, type: "stabilized" }) as const,
  contained: (at: string) => ({ at, type: "contained" }) as const,
  resolved: (at: string) => ({ at, type: "resolved" }) as const,
  reopened: (at: string) => ({ at, type: "reopened" }) as const,
  closed: (at: string) => ({ at, type: "closed" }) as const,
  ready: (at: string) => ({ at, type: "ready" }) as const,
};

/** ISO text with offset → epoch ms; a typo in a test is an error. */
export function at(text: string): number {
  const parsed = parseInstant(text);
  if (parsed === null) throw new Error(`bad instant in test: ${text}`);
  return parsed;
}

/** Epoch ms → Amsterdam wall-clock ISO text with offset. */
export function ams(ms: number | null): string | null {
  if (ms === null) return null;
  return DateTime.fromMillis(ms, { zone: "Europe/Amsterdam" }).toISO({ suppressMilliseconds: true });
}

export const calendar = businessCalendar({
  serviceWindow: {
    timezone: "Europe/Amsterdam",
    days: ["mon", "tue", "wed", "thu", "fri"],
    from: "08:00",
    to: "18:00",
  },
  holidays: { country: "NL" },
});

/** Months in Amsterdam; the summer-time change of 2026 is on 29 March. */
export const MARCH_2026: Period = {
  label: "2026-03",
  kind: "month",
  start: at("2026-03-01T00:00:00+01:00"),
  end: at("2026-04-01T00:00:00+02:00"),
};
export const APRIL_2026: Period = {
  label: "2026-04",
  kind: "month",
  start: at("2026-04-01T00:00:00+02:00"),
  end: at("2026-05-01T00:00:00+02:00"),
};

export function context(options: {
  now: string;
  period?: Period;
  policy?: ClockPolicy;
  rules?: Record<string, unknown>;
}): ScoringContext {
  return {
    period: options.period ?? MARCH_2026,
    calendar,
    policy: options.policy ?? DEFAULT_CLOCK_POLICY,
    rules: contractRulesSchema.parse(options.rules ?? {}),
    now: at(options.now),
  };
}

export function kpi(
  id: string,
  measure: MeasureSpec,
  norms: { norm?: Norm | null; partNorms?: Record<string, Norm>; clock?: "business" | "clock" | null } = {},
): KpiDefinition {
  return {
    id,
    goal: id.startsWith("T") ? "T2" : (id.slice(0, 2) as KpiDefinition["goal"]),
    name: { nl: id, en: id },
    measure,
    norm: norms.norm ?? null,
    partNorms: norms.partNorms ?? {},
    clock: norms.clock ?? null,
    normStatus: "client",
    minimumRequirement: true,
    cadence: ["monthly"],
    meeting: "operational",
    agenda: "on-deviation",
  };
}

export function input(tickets: Ticket[]): KpiInput {
  return {
    tickets,
    devices: [],
    patches: [],
    vulnerabilities: [],
    outages: [],
    backupRuns: [],
    restoreTests: [],
    eolItems: [],
    securityExceptions: [],
    improvements: [],
    evidence: [],
  };
}

/** The cases of a score by id, instants as Amsterdam text. */
export function casesById(score: KpiScore) {
  return Object.fromEntries(
    score.cases.map((c) => [
      c.id,
      {
        verdict: c.verdict,
        value: c.value,
        deadline: ams(c.deadline),
        stoppedAt: ams(c.stoppedAt),
        ...(c.part === undefined ? {} : { part: c.part }),
      },
    ]),
  );
}

/** The summary figures of a score. */
export function summary(score: KpiScore) {
  return { score: score.score, target: score.target, met: score.met, n: score.n };
}

export function noteOf(score: KpiScore, id: string): string | undefined {
  return score.cases.find((c) => c.id === id)?.note;
}
