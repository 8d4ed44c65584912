/**
 * O1.11 / M7: a major incident is compliant when none of its caller updates came late; it counts
 * once, in the period of its stabilisation, and the KPI asks for every one of them (share 1).
 *
 * M7 names the period of stabilisation where M5 would name the first late due. The specific rule
 * is followed, so each incident counts exactly once however long it stays open; an incident not
 * stabilised at report time whose first late due lies in the period is listed as `excluded`
 * ("counts when stabilised"), so it cannot hide.
 */

import type { MajorUpdateSchedule } from "../../timeline/index.js";
import type { CaseResult, KpiScorer } from "../types.js";
import type { TicketAnalysis } from "./analysis.js";
import { isIncident, localTime, measureOf, minutesText } from "./common.js";
import { shareScore } from "./score.js";
import { countedTickets } from "./select.js";

/** M7: target share 100 %, whatever the catalog writes. */
const TARGET = 1;

/** The incident's schedule when it ever owed updates (flagged major after stabilisation: never). */
function scheduleOf(analysis: TicketAnalysis): MajorUpdateSchedule | null {
  if (!isIncident(analysis.ticket)) return null;
  const schedule = analysis.majorSchedule();
  return schedule === null || schedule.runs.length === 0 ? null : schedule;
}

/** Stabilised: counted at stabilisation; running with a late update: listed at that update's due. */
function momentOf(analysis: TicketAnalysis) {
  const schedule = scheduleOf(analysis);
  if (schedule === null) return null;
  return schedule.stabilisedAt ?? schedule.updates.find((u) => u.late)?.due ?? null;
}

export const scoreMajorUpdates: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "major-updates");
  const { calendar } = context;
  const { analyses, positions } = countedTickets(input, context, "major-updates", momentOf);
  const cases: CaseResult[] = [];
  for (let i = 0; i < positions.length; i++) {
    const index = positions[i] as number;
    const { ticket } = analyses.at(index);
    const schedule = scheduleOf(analyses.at(index)) as MajorUpdateSchedule;
    const firstLate = schedule.updates.find((u) => u.late) ?? null;
    const base = { id: ticket.id, source: ticket.source, value: null, deadline: firstLate?.due ?? null };
    const lateText =
      firstLate === null
        ? ""
        : `update due ${localTime(firstLate.due, calendar)} ${
            firstLate.actual === null ? "never came" : `came ${localTime(firstLate.actual, calendar)}`
          }`;
    if (schedule.stabilisedAt === null) {
      cases.push({
        ...base,
        stoppedAt: null,
        verdict: "excluded",
        note: `not stabilised at report time; ${lateText}; counts in the period of its stabilisation`,
      });
      continue;
    }
    const owed = schedule.updates.length;
    cases.push({
      ...base,
      stoppedAt: schedule.stabilisedAt,
      verdict: firstLate === null ? "within" : "breached",
      note: firstLate === null ? `${owed} update${owed === 1 ? "" : "s"} owed, all in time` : lateText,
    });
  }
  const { firstMs, intervalMs, clock } = context.policy.majorUpdates;
  return shareScore(cases, TARGET, {
    notes: [
      `first update ≤ ${minutesText(firstMs)} after becoming major, then ≤ ${minutesText(intervalMs)} after the previous one (${clock} clock), until stabilisation`,
      "updates: caller-visible comments written by a person; counted in the period of stabilisation (M7)",
      "target share 1: every major incident compliant (M7)",
    ],
  });
};
