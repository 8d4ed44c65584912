/**
 * Tickets that came back: reopened after a resolution, registered again for the same subject
 * shortly after one was resolved (split or re-registered, which restarts every clock), and
 * tickets whose caller had to come back while it was open.
 *
 * The canonical model holds no contacts of the caller (connectors leave the caller's own mails
 * and comments out, and keep no caller identity), so contacts are derived: a reopen (the caller
 * said it was not fixed) and a ticket of the same subject registered while this one was open
 * (the caller tried again), see same-subject.ts.
 *
 * Populations (tickets other than changes, M16): reopened and repeated contacts count in the
 * period of the final resolution (as O3.2–O3.4); re-registered counts in the period the new
 * ticket was registered.
 */
import type { TicketAnalyses, TicketAnalysis } from "../kpi/tickets/analysis.js";
import { isServiceTicket, localTime } from "../kpi/tickets/common.js";
import type { TicketLifecycle } from "../kpi/tickets/lifecycle.js";
import type { SignalContext, TicketObserver } from "./context.js";
import { Meter } from "./meter.js";
import { SubjectTickets, sameSubjectLinks } from "./same-subject.js";
import type { SignalCase, SignalInstant } from "./types.js";

export interface ComebackMeters {
  reopened: Meter;
  reRegistered: Meter;
  repeatedContacts: Meter;
}

export interface ComebackObserver extends TicketObserver, ComebackMeters {
  /** After every ticket was observed: links the tickets of a subject and fills the meters. */
  finish(): void;
}

export function comebackObserver(context: SignalContext, analyses: TicketAnalyses): ComebackObserver {
  const { slots, settings, calendar } = context;
  const reopened = new Meter(slots);
  const reRegistered = new Meter(slots);
  const repeatedContacts = new Meter(slots);
  const size = analyses.tickets.length;
  const subjects = new SubjectTickets(size);
  const reopens = new Uint32Array(size);
  // Tickets the meters count: created by now and not a change.
  const counted = new Uint8Array(size);
  return {
    reopened,
    reRegistered,
    repeatedContacts,
    observe(analysis, index) {
      const lifecycle = analysis.lifecycle;
      if (lifecycle === null || !isServiceTicket(analysis.ticket)) return;
      counted[index] = 1;
      subjects.record(index, analysis.ticket, lifecycle.createdAt, lifecycle.resolvedAt);
      reopens[index] = lifecycle.reopenedAt.length;
    },
    finish() {
      const links = sameSubjectLinks(subjects, context);
      const { createdAt, resolvedAt } = subjects;
      for (let index = 0; index < size; index++) {
        if (counted[index] === 0) continue;
        const registeredIn = slots.slotOf(createdAt[index] as number);
        if (registeredIn >= 0) {
          const earlier = links.reRegisters[index] as number;
          reRegistered.share(
            registeredIn,
            earlier < 0 ? null : () => reRegisteredCase(analyses.at(index), analyses.at(earlier), context),
          );
        }
        // NaN (still open) is in no slot.
        const resolvedIn = slots.slotOf(resolvedAt[index] as number);
        if (resolvedIn < 0) continue;
        const reopenCount = reopens[index] as number;
        reopened.share(
          resolvedIn,
          reopenCount === 0 ? null : () => reopenedCase(analyses.at(index), context),
        );
        const duplicates = links.duplicates[index] as number;
        const repeated = reopenCount + duplicates >= settings.repeatedContacts.minContacts;
        repeatedContacts.share(
          resolvedIn,
          repeated
            ? () =>
                contactsCase(
                  analyses.at(index),
                  duplicates,
                  links.firstDuplicate[index] as number,
                  analyses,
                  calendar,
                )
            : null,
        );
      }
    },
  };
}

function reopenedCase(analysis: TicketAnalysis, context: SignalContext): SignalCase {
  const lifecycle = analysis.lifecycle as TicketLifecycle;
  const reopens = lifecycle.reopenedAt;
  const instants: SignalInstant[] = reopens.map((at, i) => ({
    what: `reopened${reopens.length > 1 ? ` ${i + 1}` : ""}`,
    at,
  }));
  instants.push({ what: "finally resolved", at: lifecycle.resolvedAt as number });
  return {
    id: analysis.ticket.id,
    source: analysis.ticket.source,
    note: `reopened ${reopens.length === 1 ? "once" : `${reopens.length} times`}, first at ${localTime(reopens[0] as number, context.calendar)}`,
    instants,
  };
}

function reRegisteredCase(
  analysis: TicketAnalysis,
  earlier: TicketAnalysis,
  context: SignalContext,
): SignalCase {
  const resolvedAt = (earlier.lifecycle as TicketLifecycle).resolvedAt as number;
  const createdAt = (analysis.lifecycle as TicketLifecycle).createdAt;
  return {
    id: analysis.ticket.id,
    source: analysis.ticket.source,
    note: `same location and subject as ${earlier.ticket.id}, resolved ${localTime(resolvedAt, context.calendar)}`,
    instants: [
      { what: `${earlier.ticket.id} resolved`, at: resolvedAt },
      { what: "registered", at: createdAt },
    ],
  };
}

function contactsCase(
  analysis: TicketAnalysis,
  duplicates: number,
  firstDuplicateAt: number,
  analyses: TicketAnalyses,
  calendar: SignalContext["calendar"],
): SignalCase {
  const lifecycle = analysis.lifecycle as TicketLifecycle;
  const firstDuplicate = firstDuplicateAt < 0 ? null : analyses.at(firstDuplicateAt);
  const parts: string[] = [];
  const instants: SignalInstant[] = lifecycle.reopenedAt.map((at) => ({ what: "reopened", at }));
  if (lifecycle.reopenedAt.length > 0) parts.push(`reopened ${lifecycle.reopenedAt.length}×`);
  if (firstDuplicate !== null) {
    const at = (firstDuplicate.lifecycle as TicketLifecycle).createdAt;
    parts.push(
      `${duplicates} ticket${duplicates === 1 ? "" : "s"} of the same subject registered while open (first ${firstDuplicate.ticket.id} at ${localTime(at, calendar)})`,
    );
    instants.push({ what: `${firstDuplicate.ticket.id} registered`, at });
  }
  instants.sort((a, b) => a.at - b.at);
  return { id: analysis.ticket.id, source: analysis.ticket.source, note: parts.join("; "), instants };
}
