/**
 * The cycle benchmark's input: a service desk's full export as JSON Lines for the `file`
 * connector, deterministic for a seed. Open tickets are P2–P4 incidents and requests, each
 * answered in time, one in four paused in the last day (half of them still paused), and created recently enough
 * (`CREATED_WITHIN`) that no clock is at risk at the bench's instant nor 15 minutes later;
 * closed tickets spread over the year before it.
 *
 * The windows assume the bench's `now`, Wednesday 10:30 in a Mon–Fri 08:00–18:00 window, and
 * the example supplier norms (P3 24 and P4 40 business hours; P2 8 h from the catalog). The
 * oldest P3, created Monday 14:00, has used 4 + 10 + 2.5 = 16.5 of its 24 business hours: 69 %,
 * below the 75 % at-risk share for the 15 minutes the steady cycles add; P2 (Tuesday 16:00:
 * 4.5 of 8 h, 56 %) and P4 (Friday 14:00: 26.5 of 40 h, 66 %) likewise. The bench checks the
 * outcome anyway: the cold cycle must record no alert.
 */
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { createRng, type Rng } from "../src/demo/rng.js";
import { HOUR_MS, MINUTE_MS } from "../src/model/instant.js";

export interface TicketCounts {
  open: number;
  closed: number;
  events: number;
}

const DAY_MS = 24 * HOUR_MS;
/** How long before `now` an open ticket of each priority may have been created. */
const CREATED_WITHIN = { P2: 18.5 * HOUR_MS, P3: 44.5 * HOUR_MS, P4: 116.5 * HOUR_MS } as const;
/** The newest open ticket: its response (at most 30 minutes in) lies before `now`. */
const NEWEST_OPEN_MS = 40 * MINUTE_MS;
/** Closed tickets were created in the year before `now`, their last one closed a day before it. */
const CLOSED_SPAN = { from: 365 * DAY_MS, to: 6 * DAY_MS } as const;
const OPEN_PRIORITIES = [
  ["P2", 15],
  ["P3", 45],
  ["P4", 40],
] as const;
const CLOSED_PRIORITIES = [["P1", 2], ...OPEN_PRIORITIES] as const;
const TYPES = [
  ["incident", 60],
  ["service-request", 30],
  ["workplace-request", 10],
] as const;
const LOCATIONS = ["Utrecht", "Amsterdam", "Zwolle", "Den Haag", null];

type Event = Record<string, unknown> & { at: number };
type Draft = { createdAt: number; line: (id: string) => string; events: number };

/** Writes the export, tickets in order of creation as a source lists them; fsynced. */
export function writeCycleTickets(
  path: string,
  { open, closed, now, seed }: { open: number; closed: number; now: number; seed: number },
): TicketCounts {
  const rng = createRng(seed);
  const openRng = rng.fork("open");
  const closedRng = rng.fork("closed");
  const drafts: Draft[] = [];
  for (let n = 0; n < open; n++) drafts.push(openTicket(openRng, now));
  for (let n = 0; n < closed; n++) drafts.push(closedTicket(closedRng, now));
  drafts.sort((a, b) => a.createdAt - b.createdAt);
  const fd = openSync(path, "w");
  try {
    for (let from = 0; from < drafts.length; from += 1_000) {
      const chunk = drafts.slice(from, from + 1_000).map((d, i) => d.line(`SD-${from + i + 100_001}`));
      writeSync(fd, `${chunk.join("\n")}\n`);
    }
    // On disk before any clock starts, so flushing the input is not counted as syncing it.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { open, closed, events: drafts.reduce((sum, d) => sum + d.events, 0) };
}

/**
 * Answered within 30 minutes; one in four paused for the caller in the last day (shorter than
 * the 72 hours after which a pause alerts), half of those resumed since, half still paused.
 */
function openTicket(rng: Rng, now: number): Draft {
  const priority = rng.weighted(OPEN_PRIORITIES);
  const createdAt = minute(now - rng.float(NEWEST_OPEN_MS, CREATED_WITHIN[priority]));
  const events = handling(rng, createdAt);
  const answered = (events.at(-1) as Event).at;
  if (rng.chance(0.25)) {
    const pausedAt = minute(rng.float(Math.max(answered + MINUTE_MS, now - DAY_MS), now - 5 * MINUTE_MS));
    events.push({ at: pausedAt, type: "paused", reason: "customer" });
    if (rng.chance(0.5)) events.push({ at: minute(rng.float(pausedAt + MINUTE_MS, now)), type: "resumed" });
  }
  if (rng.chance(0.5)) events.push(internalNote(rng, answered, now));
  return draft(rng, createdAt, priority, events, null);
}

/** Answered, resolved within two days, closed one to three days later. */
function closedTicket(rng: Rng, now: number): Draft {
  const priority = rng.weighted(CLOSED_PRIORITIES);
  const createdAt = minute(now - rng.float(CLOSED_SPAN.to, CLOSED_SPAN.from));
  const events = handling(rng, createdAt);
  const answered = (events.at(-1) as Event).at;
  const resolvedAt = minute(answered + rng.float(HOUR_MS, 2 * DAY_MS));
  events.push(internalNote(rng, answered, resolvedAt));
  events.push({ at: resolvedAt, type: "resolved" });
  events.push({ at: minute(resolvedAt + rng.float(DAY_MS, 3 * DAY_MS)), type: "closed" });
  const csat = rng.chance(0.3) ? { score: rng.int(1, 10), scale: 10 } : null;
  return draft(rng, createdAt, priority, events, csat);
}

/** The automatic acknowledgement, the assignment and the first substantive response. */
function handling(rng: Rng, createdAt: number): Event[] {
  return [
    { at: createdAt + MINUTE_MS, type: "comment", visibleToCaller: true, automated: true },
    {
      at: createdAt + rng.int(2, 4) * MINUTE_MS,
      type: "assigned",
      owner: `op-${rng.int(1, 40)}`,
      group: rng.pick(["servicedesk", "2nd-line", "werkplek"]),
      party: null,
    },
    { at: createdAt + rng.int(5, 30) * MINUTE_MS, type: "comment", visibleToCaller: true, automated: false },
  ];
}

function internalNote(rng: Rng, from: number, to: number): Event {
  return { at: minute(rng.float(from, to)), type: "comment", visibleToCaller: false, automated: false };
}

function draft(
  rng: Rng,
  createdAt: number,
  priority: string,
  events: Event[],
  csat: { score: number; scale: number } | null,
): Draft {
  const type = rng.weighted(TYPES);
  const location = rng.pick(LOCATIONS);
  const floor = rng.int(0, 6);
  return {
    createdAt,
    events: events.length,
    line: (id) =>
      JSON.stringify({
        kind: "ticket",
        id,
        source: "servicedesk",
        type,
        priority,
        createdAt: iso(createdAt),
        location,
        catalogItem: null,
        csat,
        leadTimeDays: null,
        title: `${id}: printer op verdieping ${floor} reageert niet`,
        events: events.map((e) => ({ ...e, at: iso(e.at) })),
      }),
  };
}

const minute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

/** Epoch ms → ISO 8601 at +01:00, the offset of a Dutch winter export (the instant is exact either way). */
function iso(ms: number): string {
  return `${new Date(ms + HOUR_MS).toISOString().slice(0, 19)}+01:00`;
}
