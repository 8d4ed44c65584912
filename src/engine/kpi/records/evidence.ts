/**
 * Attested KPIs (M20): T1.1 needs an `evidence` record for the KPI in each calendar quarter that
 * the period touches (window `each-quarter`); S2.1 and S2.2 one in the 12 calendar months up to
 * the period's end (window `12-months`). Each required piece of evidence is a case; the score is
 * the share present. A slot that has not ended at now and has no evidence yet is not counted yet
 * (it may still come). Quarters and months are those of the contract's zone.
 */
import type { Instant } from "../../../model/instant.js";
import type { Evidence } from "../../../model/schema.js";
import type { CaseResult, KpiScorer, ScoringContext } from "../types.js";
import { localTime, measureOf, minusCalendar, quartersBetween, toSecond } from "./common.js";
import { shareScore, shareTarget, targetNote } from "./score.js";

interface Slot {
  label: string;
  start: Instant;
  end: Instant;
}

export const scoreEvidence: KpiScorer = (input, kpi, context) => {
  const { window } = measureOf(kpi, "evidence");
  const now = toSecond(context.now);
  const { period, calendar } = context;
  const slots: Slot[] =
    window === "each-quarter"
      ? quartersBetween(period.start, period.end, calendar.zone)
      : [
          {
            label: "12 months",
            start: minusCalendar(period.end, { months: 12 }, calendar.zone),
            end: period.end,
          },
        ];
  const found = slots.map((): Evidence | null => null);
  for (const evidence of input.evidence) {
    const at = toSecond(evidence.at);
    if (evidence.kpi !== kpi.id || at > now) continue;
    slots.forEach((slot, i) => {
      const known = found[i] ?? null;
      if (at >= slot.start && at < slot.end && (known === null || evidence.at > known.at))
        found[i] = evidence;
    });
  }

  const cases: CaseResult[] = [];
  let notYet = 0;
  slots.forEach((slot, i) => {
    const result = slotCase(kpi.id, slot, found[i] ?? null, { ...context, now });
    if (result === null) notYet++;
    else cases.push(result);
  });
  const target = shareTarget(kpi.norm, 1);
  const notes = [
    window === "each-quarter"
      ? `an evidence record for ${kpi.id} in each quarter of the period`
      : `an evidence record for ${kpi.id} in the 12 months up to ${localTime(period.end, calendar)}`,
    targetNote(target, kpi.norm === null ? "M20: all required evidence" : "norm"),
  ];
  if (notYet > 0)
    notes.push(
      `${notYet} evidence slot${notYet === 1 ? "" : "s"} not ended yet and without evidence: not counted yet`,
    );
  return shareScore(cases, target, { notes });
};

function slotCase(
  kpiId: string,
  slot: Slot,
  evidence: Evidence | null,
  context: ScoringContext,
): CaseResult | null {
  const { calendar } = context;
  const range = `${localTime(slot.start, calendar)} to ${localTime(slot.end, calendar)}`;
  if (evidence === null && slot.end > context.now) return null;
  const result: CaseResult = {
    id: `${kpiId} ${slot.label}`,
    value: null,
    deadline: slot.end,
    stoppedAt: evidence === null ? null : toSecond(evidence.at),
    verdict: evidence === null ? "breached" : "within",
    note: evidence === null ? `no evidence from ${range}` : `${evidence.what} (${range})`,
  };
  if (evidence?.source !== undefined) result.source = evidence.source;
  return result;
}
