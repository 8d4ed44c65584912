/**
 * The story check: everything wrong with one ticket's events, as text. Time order, pause and
 * resolution state machines, closure, event types that belong to other ticket types, and the
 * auto-acknowledgement at the start.
 */
import { at, type EventInput, eventsOf, isResolved, type TicketInput } from "./fixture.js";

/** Events allowed after closure: follow-up that does not reopen the ticket. */
const AFTER_CLOSE = new Set(["rca-shared", "docs-updated", "caused-incident"]);
const ONLY_ON: Partial<Record<EventInput["type"], readonly TicketInput["type"][]>> = {
  contained: ["security-incident"],
  "go-no-go": ["change"],
  "rolled-back": ["change"],
  "caused-incident": ["change"],
  "docs-updated": ["change"],
  executed: ["change", "standard-change"],
  rework: ["standard-change"],
  ready: ["workplace-request"],
};

/** Everything wrong with one ticket's story, as text (empty when the story holds). */
export function storyProblems(t: TicketInput, byId: ReadonlyMap<string, TicketInput>): string[] {
  const problems: string[] = [];
  const say = (what: string): void => {
    problems.push(`${t.id}: ${what}`);
  };
  const events = eventsOf(t);
  let previous = at(t.createdAt);
  let paused = false;
  let resolved = false;
  let closed = false;
  let major = false;
  let priority = t.priority;
  for (const e of events) {
    const time = at(e.at);
    if (time < previous) say(`${e.type} at ${e.at} is out of order or before creation`);
    previous = time;
    if (closed && !AFTER_CLOSE.has(e.type)) say(`${e.type} after closed`);
    if (ONLY_ON[e.type] !== undefined && !ONLY_ON[e.type]?.includes(t.type)) say(`${e.type} on a ${t.type}`);
    switch (e.type) {
      case "paused":
        if (paused) say("paused twice");
        paused = true;
        break;
      case "resumed":
        if (!paused) say("resumed without paused");
        paused = false;
        break;
      case "resolved":
        if (resolved) say("resolved twice");
        if (paused) say("resolved while paused");
        resolved = true;
        break;
      case "reopened":
        if (!resolved) say("reopened while not resolved");
        resolved = false;
        break;
      case "closed":
        if (!resolved) say("closed while not resolved");
        closed = true;
        break;
      case "major":
        major = e.value;
        break;
      case "rca-shared":
        if (!major) say("rca-shared on a ticket that was never major");
        break;
      case "priority":
        if (e.priority === priority) say(`priority set to the same ${e.priority}`);
        priority = e.priority;
        break;
      case "stabilized":
        if (priority !== "P1") say(`stabilized while ${priority}`);
        break;
      case "target":
        if (at(e.due) <= time) say("target due before it was set");
        break;
      case "assigned":
        if (e.party != null && e.owner == null) say("outside party without an owner");
        break;
      case "caused-incident":
        if (e.ticket != null && byId.get(e.ticket)?.type !== "incident")
          say(`caused-incident names ${e.ticket}`);
        break;
    }
  }
  const ack = events.find((e) => e.type === "comment");
  if (ack?.type !== "comment" || !ack.automated || !ack.visibleToCaller)
    say("does not start with an auto-acknowledgement");
  else if (at(ack.at) - at(t.createdAt) > 60_000) say("auto-acknowledgement later than a minute");
  if (t.csat != null && !isResolved(t)) say("rated while not resolved");
  return problems;
}
