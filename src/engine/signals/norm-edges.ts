/**
 * Where stopped response and resolution times lie relative to their norm. Work finished by the
 * clock rather than by the need piles up just under the deadline; a share KPI cannot see that,
 * as 99 % of the norm is as green as 10 %. Population: the response and resolution clocks of
 * incidents and security incidents counted in the period (M5) that stopped and have a norm;
 * each lands in a bucket of elapsed ÷ allowed, in steps of a tenth: (0, 10 %] (0 included), …,
 * (90 %, 100 %], (100 %, 110 %], …, (140 %, 150 %], and above 150 %. Norms are inclusive (M1):
 * exactly 100 % is within. The signal per clock is the share in (1 − edgeShare, 1].
 */
import type { Priority } from "../../model/schema.js";
import { durationWords, type SignalContext, type TicketObserver } from "./context.js";
import { Meter } from "./meter.js";
import type { NormEdgeClock, NormEdgeDistribution } from "./types.js";

/** Buckets of a tenth of the norm up to 150 %, then one for everything above. */
export const NORM_EDGE_BUCKETS = 16;
const STEP = 0.1;

/** The bucket of elapsed ÷ allowed: (i/10, (i+1)/10], 0 in the first, above 1.5 in the last. */
export function normEdgeBucket(ratio: number): number {
  // Rounded first, so a ratio of exactly 0.3 that arrives as 0.30000000000000004 stays in (0.2, 0.3].
  const tenths = Math.ceil(Math.round(ratio * 1e9) / 1e8) - 1;
  return Math.min(NORM_EDGE_BUCKETS - 1, Math.max(0, tenths));
}

const CLOCKS: readonly NormEdgeClock[] = ["response", "resolution"];
const PRIORITIES: readonly Priority[] = ["P1", "P2", "P3", "P4"];

export interface NormEdgeObserver extends TicketObserver {
  edges: Record<NormEdgeClock, Meter>;
  distributions(): NormEdgeDistribution[];
}

export function normEdgeObserver(context: SignalContext): NormEdgeObserver {
  const { slots, settings } = context;
  const edges = { response: new Meter(slots), resolution: new Meter(slots) };
  const edgeShares = {
    response: settings.responseNormEdge.edgeShare,
    resolution: settings.resolutionNormEdge.edgeShare,
  };
  // counts[clock][priority][bucket], for the report's period only.
  const counts = Object.fromEntries(
    CLOCKS.map((clock) => [
      clock,
      Object.fromEntries(PRIORITIES.map((p) => [p, new Array(NORM_EDGE_BUCKETS).fill(0)])),
    ]),
  ) as Record<NormEdgeClock, Record<Priority, number[]>>;
  return {
    edges,
    observe(analysis, _index, clocks) {
      for (const clock of CLOCKS) {
        const counted = clocks[clock];
        if (counted === null) continue;
        const { outcome, slot } = counted;
        if (outcome.allowedMs === null || outcome.allowedMs === 0 || outcome.stopAt === null) continue;
        const ratio = outcome.elapsedMs / outcome.allowedMs;
        // Within the norm (inclusive) and above its last `edgeShare`.
        const atEdge = ratio <= 1 + 1e-9 && ratio > 1 - edgeShares[clock] + 1e-9;
        edges[clock].share(
          slot,
          !atEdge
            ? null
            : () => ({
                id: analysis.ticket.id,
                source: analysis.ticket.source,
                note: `${clock} after ${durationWords(outcome.elapsedMs)}: ${Math.round(ratio * 1000) / 10} % of the ${outcome.priority ?? ""} norm (${durationWords(outcome.allowedMs as number)})`,
                instants: [
                  { what: "stopped", at: outcome.stopAt as number },
                  { what: "deadline", at: outcome.deadline as number },
                ],
              }),
        );
        if (slot === slots.report && outcome.priority !== null) {
          const buckets = counts[clock][outcome.priority];
          const bucket = normEdgeBucket(ratio);
          buckets[bucket] = (buckets[bucket] as number) + 1;
        }
      }
    },
    distributions() {
      const result: NormEdgeDistribution[] = [];
      for (const clock of CLOCKS) {
        for (const priority of PRIORITIES) {
          const buckets = counts[clock][priority];
          const n = buckets.reduce((sum, count) => sum + count, 0);
          if (n === 0) continue;
          result.push({
            clock,
            priority,
            n,
            buckets: buckets.map((count, i) => ({
              from: round(i * STEP),
              to: i === NORM_EDGE_BUCKETS - 1 ? null : round((i + 1) * STEP),
              count,
            })),
          });
        }
      }
      return result;
    },
  };
}

const round = (value: number): number => Math.round(value * 100) / 100;
