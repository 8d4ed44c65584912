/**
 * O5.1 (M20): a patch is in time when installed no later than its `dueAt`; each patch record is a
 * case per M5 (stop `installedAt`, deadline `dueAt`, both on the clock). The value is the time
 * from availability to installation in clock minutes (elapsed so far while not installed).
 */
import type { CaseResult, KpiScorer } from "../types.js";
import { knownAt, measureOf, toMinutes, toSecond } from "./common.js";
import { deadlineCase } from "./deadline-case.js";
import { shareScore, shareTarget, targetNote } from "./score.js";

export const scorePatchCompliance: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "patch-compliance");
  const now = toSecond(context.now);
  const cases: CaseResult[] = [];
  for (const patch of input.patches) {
    const availableAt = toSecond(patch.availableAt);
    if (availableAt > now) continue;
    const stopAt = knownAt(patch.installedAt, now);
    const counted = deadlineCase(
      {
        id: patch.id ?? `${patch.asset}|${patch.patch}`,
        source: patch.source,
        stopAt,
        deadline: toSecond(patch.dueAt),
        value: toMinutes((stopAt ?? now) - availableAt),
        note: `patch ${patch.patch} on ${patch.asset}`,
      },
      { ...context, now },
    );
    if (counted !== null) cases.push(counted);
  }
  const target = shareTarget(kpi.norm, null);
  return shareScore(cases, target, {
    notes: ["in time: installedAt ≤ dueAt; counted per M5", targetNote(target, "norm")],
  });
};
