/**
 * T1.2 (M20): an end-of-support item is in time when signalled at least 90 days before its
 * `eosDate`: a case per M5 with stop `signalledAt` and deadline `eosDate` − 90 days. The 90 days
 * are calendar days on the wall calendar of the contract's zone, so the deadline keeps the
 * eosDate's time of day across a DST change. The value is null: the note says how many days
 * ahead the item was signalled.
 */
import type { CaseResult, KpiScorer } from "../types.js";
import { calendarDaysBetween, knownAt, measureOf, minusCalendar, toSecond } from "./common.js";
import { deadlineCase } from "./deadline-case.js";
import { shareScore, shareTarget, targetNote } from "./score.js";

/** M20: signalled at least this many days before end of support. */
export const EOL_NOTICE_DAYS = 90;

export const scoreEolSignalling: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "eol-signalling");
  const now = toSecond(context.now);
  const zone = context.calendar.zone;
  const cases: CaseResult[] = [];
  for (const item of input.eolItems) {
    const eosDate = toSecond(item.eosDate);
    const stopAt = knownAt(item.signalledAt, now);
    const ahead =
      stopAt === null
        ? "not signalled"
        : `signalled ${calendarDaysBetween(stopAt, eosDate, zone)} days before end of support`;
    const counted = deadlineCase(
      {
        id: item.id ?? item.asset,
        source: item.source,
        stopAt,
        deadline: minusCalendar(eosDate, { days: EOL_NOTICE_DAYS }, zone),
        value: null,
        note: `${item.asset}: ${ahead}`,
      },
      { ...context, now },
    );
    if (counted !== null) cases.push(counted);
  }
  const target = shareTarget(kpi.norm, null);
  return shareScore(cases, target, {
    notes: [
      `deadline: eosDate − ${EOL_NOTICE_DAYS} calendar days (${zone}); counted per M5`,
      targetNote(target, "norm"),
    ],
  });
};
