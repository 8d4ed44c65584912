/**
 * All tickets of the demo: the random population (a room in each title, title-details.ts), the
 * showcase and the signal patterns, each told as a whole story, numbered in order of creation
 * (I2603-0042 style), cut at `now` (whatever lies after it has not happened yet, which leaves a
 * realistic open backlog), with changes linked to the incidents they caused and a CSAT rating
 * on about 30 % of the resolved tickets.
 */
import type { CanonicalRecordInput, TicketType } from "../model/schema.js";
import { iso, localParts, MINUTE } from "./calendar.js";
import { changeStory, standardChangeStory } from "./change-story.js";
import type { Rng } from "./rng.js";
import { showcaseSpecs } from "./showcase.js";
import { signalPatternSpecs } from "./signal-patterns.js";
import { supportStory } from "./support-story.js";
import { plannedTicketCount, randomTicketSpec } from "./ticket-plan.js";
import type { DraftTicket, StoryContext, TicketSpec } from "./ticket-spec.js";
import { type DraftEvent, toEventInput } from "./timeline.js";
import { withRoom } from "./title-details.js";
import type { DemoWindow } from "./window.js";

export type TicketInput = Extract<CanonicalRecordInput, { kind: "ticket" }>;

const ID_PREFIX: Record<TicketType, string> = {
  incident: "I",
  "security-incident": "SI",
  "service-request": "SR",
  "workplace-request": "WP",
  "standard-change": "SC",
  change: "C",
};

function tell(ctx: StoryContext, spec: TicketSpec): DraftTicket {
  if (spec.type === "change") return changeStory(ctx, spec);
  if (spec.type === "standard-change") return standardChangeStory(ctx, spec);
  return supportStory(ctx, spec);
}

/** "I2603-0042": type prefix, local year and month of creation, sequence within that month. */
function assignIds(drafts: readonly DraftTicket[]): string[] {
  const counters = new Map<string, number>();
  return drafts.map((d) => {
    const local = localParts(d.spec.createdAt);
    const key = `${ID_PREFIX[d.spec.type]}${String(local.year).slice(2)}${String(local.month).padStart(2, "0")}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${key}-${String(n).padStart(4, "0")}`;
  });
}

/** Whether the ticket's latest resolution stands (resolved and not reopened since). */
function isResolved(events: readonly DraftEvent[]): boolean {
  let resolved = false;
  for (const e of events) {
    if (e.type === "resolved") resolved = true;
    if (e.type === "reopened") resolved = false;
  }
  return resolved;
}

/** About 30 % of resolved tickets get rated, on a 1–10 or a 1–5 scale; unhappy callers score lower. */
function drawCsat(rng: Rng, draft: DraftTicket): { score: number; scale: number } | null {
  if (draft.spec.type === "change" || !rng.chance(0.3)) return null;
  const down = draft.unhappy ? 3 : 0;
  if (rng.chance(0.6)) {
    const score = rng.weighted([
      [10, 22],
      [9, 26],
      [8, 27],
      [7, 14],
      [6, 5],
      [5, 2],
      [4, 1.5],
      [3, 1],
      [2, 0.5],
      [1, 1],
    ] as const);
    return { score: Math.max(1, score - (down > 0 ? rng.int(0, down) : 0)), scale: 10 };
  }
  const score = rng.weighted([
    [5, 40],
    [4, 46],
    [3, 9],
    [2, 3],
    [1, 2],
  ] as const);
  return { score: Math.max(1, score - (down > 0 ? rng.int(0, 1) : 0)), scale: 5 };
}

/**
 * A change's `caused-incident` names an incident registered after the change was executed
 * (within three days); the attribution is recorded half an hour after that incident arrived.
 */
function linkCausedIncidents(drafts: readonly DraftTicket[], ids: readonly string[], now: number): void {
  const incidents = drafts
    .map((d, i) => ({ at: d.spec.createdAt, id: ids[i] as string, type: d.spec.type }))
    .filter((t) => t.type === "incident");
  for (const d of drafts) {
    const executed = d.events.find((e) => e.type === "executed");
    for (const e of d.events) {
      if (e.type !== "caused-incident" || executed === undefined) continue;
      const match = incidents.find(
        (t) => t.at > executed.at + 10 * MINUTE && t.at < executed.at + 3 * 86_400_000,
      );
      if (match === undefined) continue;
      e.ticket = match.id;
      e.at = Math.min(now, match.at + 30 * MINUTE);
    }
  }
}

export function generateTickets(w: DemoWindow, rng: Rng, ticketsPerMonth: number): TicketInput[] {
  const storyRng = rng.fork("stories");
  const ctx: StoryContext = { cal: w.cal, rng: storyRng };
  const planRng = rng.fork("plan");
  const roomRng = rng.fork("rooms");
  const specs: TicketSpec[] = [];
  const count = plannedTicketCount(w, ticketsPerMonth);
  for (let i = 0; i < count; i++) specs.push(withRoom(randomTicketSpec(w, planRng), roomRng));
  specs.push(...showcaseSpecs(w, rng.fork("showcase")));
  // Last, so every other story draws exactly what it drew without them.
  specs.push(...signalPatternSpecs(w, rng.fork("signal-patterns")));

  const drafts = specs.map((spec) => tell(ctx, spec));
  drafts.sort((a, b) => a.spec.createdAt - b.spec.createdAt);
  // What lies after now has not happened yet.
  for (const d of drafts) d.events = d.events.filter((e) => e.at <= w.now);
  const ids = assignIds(drafts);
  linkCausedIncidents(drafts, ids, w.now);

  const csatRng = rng.fork("csat");
  const patternCsatRng = rng.fork("signal-patterns-csat");
  return drafts.map((d, i): TicketInput => {
    const events = d.events.sort((a, b) => a.at - b.at); // linking may have moved an event
    return {
      kind: "ticket",
      id: ids[i] as string,
      source: "demo",
      type: d.spec.type,
      priority: d.spec.priority,
      createdAt: iso(d.spec.createdAt),
      location: d.spec.location,
      catalogItem: d.spec.catalogItem,
      csat: isResolved(events) ? drawCsat(d.spec.signalPattern === true ? patternCsatRng : csatRng, d) : null,
      leadTimeDays: d.leadTimeDays,
      title: d.spec.subject.title,
      events: events.map(toEventInput),
    };
  });
}
