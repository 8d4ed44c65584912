/**
 * Everything the ticket KPIs read from one ticket, computed once per report: its known history,
 * open/resolved spans, which rare kinds of event it holds, SLA clocks and major-incident update
 * schedule. Twenty KPIs read the same 200,000 tickets; computing a ticket's clocks once instead
 * of once per KPI is what keeps a quarter report within its time budget.
 *
 * History, spans and facts are read in one pass when the analysis is made. Each clock and the
 * schedule are computed on first use (a service request never needs its clocks for any ticket
 * KPI, a P3 incident never its stabilisation clock) and then kept.
 */
import type { Instant } from "../../../model/instant.js";
import type { Ticket } from "../../../model/schema.js";
import type { BusinessCalendar } from "../../calendar/types.js";
import {
  CLOCK_NAMES,
  type ClockName,
  type ClockOutcome,
  type ClockPolicy,
  clockOfHistory,
  type MajorUpdateSchedule,
  majorUpdateSchedule,
  type PrioritySegment,
  prioritySegments,
} from "../../timeline/index.js";
import { type KnownHistory, knownHistory, toSecond } from "../../timeline/known-history.js";
import type { ScoringContext } from "../types.js";
import {
  type HistoryFact,
  type HistoryFacts,
  holdsFact,
  readHistory,
  readTicketAsIs,
  type TicketLifecycle,
} from "./lifecycle.js";

/** What a ticket's analysis depends on besides the ticket: the same for every KPI of a report. */
export interface AnalysisContext {
  calendar: BusinessCalendar;
  policy: ClockPolicy;
  now: Instant;
}

export interface TicketAnalysis {
  readonly ticket: Ticket;
  /** Events known at now (whole seconds, none before creation); null when created after now. */
  readonly history: KnownHistory | null;
  /** Null when created after now. */
  readonly lifecycle: TicketLifecycle | null;
  /**
   * Whether the known history holds such an event (see `HistoryFact`). Ask this before reading
   * the events for something most tickets never have: another pass over every ticket's events
   * costs a report about a tenth of a second.
   */
  holds(fact: HistoryFact): boolean;
  /** The clock as known at now, or null when the policy gives the ticket's type no such clock. */
  clock(name: ClockName): ClockOutcome | null;
  /** Null when the ticket never became major (as known at now). */
  majorSchedule(): MajorUpdateSchedule | null;
}

export type TicketAnalyser = (ticket: Ticket) => TicketAnalysis;

class Analysis implements TicketAnalysis {
  readonly history: KnownHistory | null;
  readonly lifecycle: TicketLifecycle | null;
  private readonly facts: HistoryFacts;
  private segments: readonly PrioritySegment[] | undefined;
  /** By position in CLOCK_NAMES; each clock is computed on first use (see `clock`). */
  private clocks: Array<ClockOutcome | null | undefined> | undefined;
  private schedule: MajorUpdateSchedule | null | undefined;

  constructor(
    readonly ticket: Ticket,
    private readonly context: AnalysisContext,
  ) {
    // Mostly nothing in the events needs dropping or moving (a closed period): then the ticket
    // serves as its own history, read in place. 200,000 kept copies would be memory the garbage
    // collector has to walk.
    const horizon = toSecond(context.now);
    const asIs = readTicketAsIs(ticket, horizon);
    this.history = asIs === null ? knownHistory(ticket, horizon) : ticket;
    const reading = asIs ?? (this.history === null ? null : readHistory(this.history, horizon));
    this.lifecycle = reading?.lifecycle ?? null;
    this.facts = reading?.facts ?? 0;
  }

  holds(fact: HistoryFact): boolean {
    return holdsFact(this.facts, fact);
  }

  // One clock at a time: most tickets need only some (an incident's stabilisation clock counts
  // only where it was ever P1, and the clock KPIs skip computing the others).
  clock(name: ClockName): ClockOutcome | null {
    if (this.history === null) return null;
    this.clocks ??= CLOCK_NAMES.map(() => undefined);
    const index = CLOCK_NAMES.indexOf(name);
    let outcome = this.clocks[index];
    if (outcome === undefined) {
      this.segments ??= this.holds("priority")
        ? prioritySegments(this.ticket.priority, this.history)
        : // What `prioritySegments` gives a history without priority changes, without reading it.
          [{ priority: this.ticket.priority, from: this.history.createdAt, until: null }];
      outcome = clockOfHistory(this.ticket, this.history, this.segments, name, this.context);
      this.clocks[index] = outcome;
    }
    return outcome;
  }

  majorSchedule(): MajorUpdateSchedule | null {
    if (this.schedule === undefined) {
      // Most tickets never become major: skip the schedule's own pass over the history.
      this.schedule = this.holds("major") ? majorUpdateSchedule(this.ticket, this.context) : null;
    }
    return this.schedule;
  }
}

/** One ticket's analysis; clocks and the major schedule are computed at most once, on first use. */
export function analyseTicket(ticket: Ticket, context: AnalysisContext): TicketAnalysis {
  return new Analysis(ticket, context);
}

/** A single-ticket analyser with its own cache (live timers): each ticket analysed once while it lives. */
export function createTicketAnalyser(context: AnalysisContext): TicketAnalyser {
  const cache = new WeakMap<Ticket, TicketAnalysis>();
  const { calendar, policy, now } = context;
  const own = { calendar, policy, now };
  return (ticket) => {
    let analysis = cache.get(ticket);
    if (analysis === undefined) {
      analysis = analyseTicket(ticket, own);
      cache.set(ticket, analysis);
    }
    return analysis;
  };
}

/** The analyses of one ticket list, by position, each computed on first use. */
export interface TicketAnalyses {
  readonly tickets: readonly Ticket[];
  /** The analysis of `tickets[index]`. */
  at(index: number): TicketAnalysis;
  /**
   * A value derived from the whole list, computed once per key (a KPI's counting moments, the
   * same for every period scored from these analyses). The key must name everything the value
   * depends on besides the tickets, calendar, policy and now.
   */
  derived<T>(key: string, compute: () => T): T;
}

function positional(tickets: readonly Ticket[], analyse: TicketAnalyser): TicketAnalyses {
  const cache: Array<TicketAnalysis | undefined> = new Array(tickets.length);
  const derivedValues = new Map<string, unknown>();
  return {
    tickets,
    at(index) {
      let analysis = cache[index];
      if (analysis === undefined) {
        analysis = analyse(tickets[index] as Ticket);
        cache[index] = analysis;
      }
      return analysis;
    },
    derived<T>(key: string, compute: () => T): T {
      if (!derivedValues.has(key)) derivedValues.set(key, compute());
      return derivedValues.get(key) as T;
    },
  };
}

/**
 * Analyses by position rather than by ticket: every scorer walks the same list, and an array
 * lookup costs nothing next to a hash lookup per ticket per KPI (a WeakMap over 200,000 tickets
 * read by 17 KPIs costs about a second).
 */
export function createTicketAnalyses(tickets: readonly Ticket[], context: AnalysisContext): TicketAnalyses {
  const { calendar, policy, now } = context;
  const own = { calendar, policy, now };
  return positional(tickets, (ticket) => analyseTicket(ticket, own));
}

/**
 * A scoring context that may carry the report's analyser (or analyses). A report runner that
 * makes one with `createTicketAnalyser(context)` (or `createTicketAnalyses(input.tickets,
 * context)`) decides how long analyses live; it must be made with the same calendar, policy and
 * now as the context.
 */
export interface TicketScoringContext extends ScoringContext {
  ticketAnalyser?: TicketAnalyser;
  ticketAnalyses?: TicketAnalyses;
}

interface SharedAnalyses extends AnalysisContext {
  analyses: TicketAnalyses;
}

// Positional views over a context's analyser, one per ticket list: the analyser is asked once
// per ticket, every later read is an array lookup.
const viaAnalyser = new WeakMap<TicketAnalyser, WeakMap<readonly Ticket[], TicketAnalyses>>();

// Memo for runners that pass nothing: an analysis is a pure function of (ticket, calendar,
// policy, now), so the KPIs of one report share one set as long as every scorer receives the
// same `input.tickets` array, whatever context object it gets. Held weakly by that array; only
// the latest calendar, policy and now per array are kept.
const shared = new WeakMap<readonly Ticket[], SharedAnalyses>();

/**
 * The analyses every ticket scorer reads `tickets` through: the context's own analyses, else a
 * positional view over the context's analyser, else the set shared by the ticket list (which must
 * not change while its KPIs are scored: moments are kept by position).
 */
export function ticketAnalysesFor(tickets: readonly Ticket[], context: TicketScoringContext): TicketAnalyses {
  if (context.ticketAnalyses?.tickets === tickets) return context.ticketAnalyses;
  const analyser = context.ticketAnalyser;
  if (analyser !== undefined) {
    let byList = viaAnalyser.get(analyser);
    if (byList === undefined) {
      byList = new WeakMap();
      viaAnalyser.set(analyser, byList);
    }
    let analyses = byList.get(tickets);
    if (analyses === undefined) {
      analyses = positional(tickets, analyser);
      byList.set(tickets, analyses);
    }
    return analyses;
  }
  const entry = shared.get(tickets);
  const { calendar, policy, now } = context;
  if (entry !== undefined && entry.calendar === calendar && entry.policy === policy && entry.now === now) {
    return entry.analyses;
  }
  const analyses = createTicketAnalyses(tickets, context);
  shared.set(tickets, { calendar, policy, now, analyses });
  return analyses;
}
