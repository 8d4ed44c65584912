/**
 * CSAT beside the SLA, over the same tickets: the rated incidents and security incidents
 * finally resolved in the period (O3.3's population, narrowed to the tickets O1.2–O1.9 measure)
 * that have at least one clock with a norm. Within norm: every such clock (response,
 * resolution) met its norm, as known at now. Satisfied: rated 7/10 or higher (M10, the
 * configured 1–5 map). The signal is the gap, within norm minus satisfied; its cases are the
 * tickets within norm that were rated below 7: green on paper, red for the caller.
 */
import type { Priority } from "../../model/schema.js";
import type { TicketAnalysis } from "../kpi/tickets/analysis.js";
import { isIncident, localTime } from "../kpi/tickets/common.js";
import { CSAT_THRESHOLD, normalisedCsat } from "../kpi/tickets/csat.js";
import type { ClockOutcome } from "../timeline/index.js";
import type { SignalContext, TicketObserver } from "./context.js";
import { Meter } from "./meter.js";
import type { ExperienceRow, ExperienceTable, SignalCase } from "./types.js";

interface Tally {
  n: number;
  within: number;
  satisfied: number;
}

export interface SatisfactionObserver extends TicketObserver {
  gap: Meter;
  table(): ExperienceTable;
}

export function satisfactionObserver(context: SignalContext): SatisfactionObserver {
  const { slots, rules, calendar } = context;
  const gap = new Meter(slots);
  const byPeriod = slots.periods.map(newTally);
  const byPriority = new Map<string, Tally>();
  const byGroup = new Map<string, Tally>();
  return {
    gap,
    observe(analysis) {
      const { ticket, lifecycle } = analysis;
      if (ticket.csat === null || lifecycle === null || lifecycle.resolvedAt === null || !isIncident(ticket))
        return;
      const slot = slots.slotOf(lifecycle.resolvedAt);
      if (slot < 0) return;
      const clocks = [analysis.clock("response"), analysis.clock("resolution")].filter(
        (c): c is ClockOutcome => c !== null && c.allowedMs !== null,
      );
      if (clocks.length === 0) return;
      const within = clocks.every((c) => c.status === "met");
      const score = normalisedCsat(ticket.csat, rules) as number;
      const satisfied = score >= CSAT_THRESHOLD - 1e-9;
      gap.count(slot, (within ? 1 : 0) - (satisfied ? 1 : 0), 1);
      add(byPeriod[slot] as Tally, within, satisfied);
      if (slot !== slots.report) return;
      const resolution = analysis.clock("resolution");
      add(tallyOf(byPriority, resolution?.priority ?? ticket.priority ?? "no priority"), within, satisfied);
      add(tallyOf(byGroup, groupAt(analysis, lifecycle.resolvedAt) ?? "no group"), within, satisfied);
      if (within && !satisfied) {
        gap.hit(
          slot,
          (): SignalCase => ({
            id: ticket.id,
            source: ticket.source,
            note: `rated ${ticket.csat?.score}/${ticket.csat?.scale} although every clock was within norm; resolved ${localTime(lifecycle.resolvedAt as number, calendar)}`,
            instants: [
              { what: "registered", at: lifecycle.createdAt },
              { what: "resolved", at: lifecycle.resolvedAt as number },
            ],
          }),
        );
      }
    },
    table() {
      return {
        byPeriod: slots.periods.map((p, slot) => row(p.label, byPeriod[slot] as Tally)),
        byPriority: [...byPriority].sort(byKey).map(([key, tally]) => row(key, tally)),
        byGroup: [...byGroup].sort(byKey).map(([key, tally]) => row(key, tally)),
      };
    },
  };
}

const newTally = (): Tally => ({ n: 0, within: 0, satisfied: 0 });

function add(tally: Tally, within: boolean, satisfied: boolean): void {
  tally.n++;
  if (within) tally.within++;
  if (satisfied) tally.satisfied++;
}

function tallyOf(map: Map<string, Tally>, key: Priority | string): Tally {
  let tally = map.get(key);
  if (tally === undefined) {
    tally = newTally();
    map.set(key, tally);
  }
  return tally;
}

function row(key: string, tally: Tally): ExperienceRow {
  return {
    key,
    n: tally.n,
    withinNorm: tally.n === 0 ? null : tally.within / tally.n,
    satisfied: tally.n === 0 ? null : tally.satisfied / tally.n,
  };
}

const byKey = (a: [string, Tally], b: [string, Tally]): number => a[0].localeCompare(b[0]);

/** The resolver group assigned at the resolution (the last `assigned` up to it). */
function groupAt(analysis: TicketAnalysis, resolvedAt: number): string | null {
  let group: string | null = null;
  for (const event of analysis.history?.events ?? []) {
    if (event.at > resolvedAt) break;
    if (event.type === "assigned") group = event.group;
  }
  return group;
}
