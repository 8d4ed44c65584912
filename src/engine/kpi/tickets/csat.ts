/**
 * O3.3 / M10 / decision 8: share of rated, resolved tickets scored 7/10 or higher. Population:
 * tickets other than changes (M16) with a rating, counted in the period of their final
 * resolution. A rating on a 1–5 scale goes through the configured map (default 5→10, 4→8, 3→6,
 * 2→4, 1→2); any other rating is normalised linearly (score / scale × 10).
 */
import type { ContractRules } from "../../../config/schema/contract.js";
import type { Ticket } from "../../../model/schema.js";
import { figuresOnly, verdictOnly } from "../population.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { measureOf } from "./common.js";
import { shareScore, targetOf } from "./score.js";
import { countedTickets, resolvedParts, resolvedServiceTickets } from "./select.js";

/** The KPI's own threshold ("7/10 or higher"), not a configurable norm. */
export const CSAT_THRESHOLD = 7;

type FivePointKey = keyof ContractRules["csat"]["fromFivePoint"];
const FIVE_POINT_KEYS: readonly string[] = ["1", "2", "3", "4", "5"] satisfies FivePointKey[];

/** A rating on 0–10; null for a ticket without one. */
export function normalisedCsat(csat: Ticket["csat"], rules: ContractRules): number | null {
  if (csat === null) return null;
  const key = String(csat.score);
  if (csat.scale === 5 && FIVE_POINT_KEYS.includes(key)) return rules.csat.fromFivePoint[key as FivePointKey];
  return (csat.score / csat.scale) * 10;
}

export const scoreCsat: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "csat");
  const { name, momentOf } = resolvedServiceTickets;
  const { analyses, positions } = countedTickets(input, context, name, momentOf);
  const figures = figuresOnly(context);
  const cases: CaseResult[] = [];
  for (let i = 0; i < positions.length; i++) {
    const index = positions[i] as number;
    const { ticket, resolvedAt } = resolvedParts(analyses.at(index));
    if (ticket.csat === null) continue;
    const score = normalisedCsat(ticket.csat, context.rules) as number;
    const verdict = score >= CSAT_THRESHOLD - 1e-9 ? "within" : "breached";
    if (figures) {
      cases.push(verdictOnly(verdict));
      continue;
    }
    cases.push({
      id: ticket.id,
      source: ticket.source,
      value: score,
      deadline: null,
      stoppedAt: resolvedAt,
      verdict,
      note: `rated ${ticket.csat.score}/${ticket.csat.scale}`,
    });
  }
  const map = context.rules.csat.fromFivePoint;
  return shareScore(cases, targetOf(kpi, context.rules.targetShareWithoutPercentage), {
    notes: [
      `a rating counts when ≥ ${CSAT_THRESHOLD} on 0–10; 1–5 ratings mapped ${FIVE_POINT_KEYS.map((k) => `${k}→${map[k as FivePointKey]}`).join(", ")}, other scales score / scale × 10`,
      "population: rated tickets other than changes, counted in the period of resolution (M10, M16)",
    ],
  });
};
