/**
 * T1.4 (M20), two parts.
 * - `backups`: share of the `backup-run` records scheduled in the period (and known at now) that
 *   succeeded. Runs that never produced a record cannot be seen: the schedule itself is not an input.
 * - `restore-test`: met when a successful `restore-test` lies in the 12 calendar months up to the
 *   period's end ([end − 12 months, end), in the contract's zone). A pass/fail part: score 1 or 0,
 *   n = 1; its target is the part norm, else 1 (the rule itself says when it is met).
 */
import type { RestoreTest } from "../../../model/schema.js";
import { inPeriod } from "../population.js";
import type { CaseResult, KpiScorer, PartResult, ScoringContext } from "../types.js";
import { localTime, measureOf, minusCalendar, toSecond } from "./common.js";
import { partsScore, sharePart, shareTarget, targetNote } from "./score.js";

export const scoreBackups: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "backups");
  const now = toSecond(context.now);
  const runs: CaseResult[] = [];
  for (const run of input.backupRuns) {
    const scheduledAt = toSecond(run.scheduledAt);
    if (scheduledAt > now || !inPeriod(scheduledAt, context.period)) continue;
    const result: CaseResult = {
      id: run.id ?? `${run.job}@${localTime(scheduledAt, context.calendar)}`,
      part: "backups",
      value: null,
      deadline: null,
      stoppedAt: scheduledAt,
      verdict: run.success ? "within" : "breached",
    };
    if (run.source !== undefined) result.source = run.source;
    if (!run.success) result.note = `job ${run.job} failed`;
    runs.push(result);
  }
  const backupsTarget = shareTarget(kpi.partNorms.backups, null);
  const restore = restoreTestPart(input.restoreTests, shareTarget(kpi.partNorms["restore-test"], 1), {
    ...context,
    now,
  });
  const notes = [
    "backups: successful share of the backup runs scheduled in the period",
    `backups ${targetNote(backupsTarget, "part norm")}`,
    restore.note,
  ];
  const parts = [sharePart(runs, backupsTarget, "backups"), restore.part];
  return partsScore(parts, [...runs, ...restore.cases], { notes });
};

function restoreTestPart(
  tests: readonly RestoreTest[],
  target: number | null,
  context: ScoringContext,
): { part: PartResult; cases: CaseResult[]; note: string } {
  const { period, calendar, now } = context;
  const from = minusCalendar(period.end, { months: 12 }, calendar.zone);
  const to = Math.min(period.end, now + 1);
  const window = `restore-test: a successful test in [${localTime(from, calendar)}, ${localTime(period.end, calendar)})`;
  if (now < period.start) {
    return { part: { name: "restore-test", score: null, target, met: null, n: 0 }, cases: [], note: window };
  }
  const cases: CaseResult[] = [];
  let found = false;
  let olderSuccess: RestoreTest | null = null;
  for (const test of tests) {
    const at = toSecond(test.at);
    if (at < from) {
      if (test.success && (olderSuccess === null || test.at > olderSuccess.at)) olderSuccess = test;
      continue;
    }
    if (at >= to) continue;
    found ||= test.success;
    cases.push(restoreCase(test, test.success ? "within" : "breached", test.success ? undefined : "failed"));
  }
  if (olderSuccess !== null) {
    cases.push(restoreCase(olderSuccess, "excluded", "older than 12 months before the period's end"));
  }
  const score = found ? 1 : 0;
  const met = target === null ? null : score >= target - 1e-12;
  const note = `${window}${target === null ? "; no norm configured" : ""}`;
  return { part: { name: "restore-test", score, target, met, n: 1 }, cases, note };
}

function restoreCase(
  test: RestoreTest,
  verdict: CaseResult["verdict"],
  note: string | undefined,
): CaseResult {
  const at = toSecond(test.at);
  const result: CaseResult = {
    id: test.id ?? `restore-test@${new Date(at).toISOString()}`,
    part: "restore-test",
    value: null,
    deadline: null,
    stoppedAt: at,
    verdict,
  };
  if (test.source !== undefined) result.source = test.source;
  if (note !== undefined) result.note = note;
  return result;
}
