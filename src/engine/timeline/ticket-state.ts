/**
 * A ticket's state at one instant, replayed from its events. For live views and for rules that
 * look at a single moment (backlog age, ownership checks); the clocks use spans instead.
 */
import type { Instant } from "../../model/instant.js";
import type { PauseReason, Priority, Ticket } from "../../model/schema.js";
import { knownHistory } from "./known-history.js";

export interface TicketState {
  /** False before `createdAt`; every other field then holds its creation value. */
  created: boolean;
  priority: Priority | null;
  owner: string | null;
  group: string | null;
  party: string | null;
  major: boolean;
  /** Reason of the latest `paused` not yet ended by `resumed` or `resolved`, whatever clock it stops. */
  paused: PauseReason | null;
  resolved: boolean;
  closed: boolean;
  /** Created, not resolved and not closed. */
  open: boolean;
}

/**
 * The state as of `at`, with the events at `at` itself applied (half-open: a change at t is in
 * force from t). `reopened` undoes both `resolved` and `closed`: a reopened ticket is open again.
 */
export function ticketStateAt(ticket: Ticket, at: Instant): TicketState {
  const state: TicketState = {
    created: false,
    priority: ticket.priority,
    owner: null,
    group: null,
    party: null,
    major: false,
    paused: null,
    resolved: false,
    closed: false,
    open: false,
  };
  const history = knownHistory(ticket, at);
  if (history === null) return state;
  state.created = true;
  for (const event of history.events) {
    switch (event.type) {
      case "priority":
        state.priority = event.priority;
        break;
      case "assigned":
        // The assignment as a whole holds from this moment: a null field clears it.
        state.owner = event.owner;
        state.group = event.group;
        state.party = event.party;
        break;
      case "major":
        state.major = event.value;
        break;
      case "paused":
        state.paused = event.reason;
        break;
      case "resumed":
        state.paused = null;
        break;
      case "resolved":
        state.resolved = true;
        state.paused = null;
        break;
      case "reopened":
        state.resolved = false;
        state.closed = false;
        break;
      case "closed":
        state.closed = true;
        break;
      default:
        break;
    }
  }
  state.open = !state.resolved && !state.closed;
  return state;
}
