/**
 * T3.2 (M14): vulnerabilities with CVSS ≥ 8.0 must be mitigated within 14 calendar days of
 * detection (clock), or be covered by a formally recorded exception: one approved no later than
 * the deadline and in force at the deadline ([approvedAt, until), an exception without `until`
 * never lapses). Counted per M5. A case saved by an exception has not stopped: it counts at its
 * deadline, once that has passed. The value is detection → mitigation in clock minutes (elapsed
 * so far while not mitigated).
 */
import { DAY_MS } from "../../calendar/local-date.js";
import { inPeriod } from "../population.js";
import type { CaseResult, KpiScorer, ScoringContext } from "../types.js";
import { type AllowedTime, allowedTime } from "./allowed-time.js";
import { knownAt, localTime, measureOf, toMinutes, toSecond } from "./common.js";
import { deadlineAfter, deadlineCase } from "./deadline-case.js";
import { shareScore, shareTarget, targetNote } from "./score.js";

/** M14: the population's CVSS threshold (inclusive). */
export const CRITICAL_CVSS = 8.0;
/** M14: the resolution term when the KPI's norm gives none: 14 calendar days on the clock. */
const DEFAULT_TERM: AllowedTime = { ms: 14 * DAY_MS, clock: "clock", text: "14 calendar days (clock, M14)" };

export const scoreCriticalVulnerabilities: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "critical-vulnerabilities");
  const now = toSecond(context.now);
  const at = { ...context, now };
  const term = allowedTime(kpi, context.calendar, DEFAULT_TERM);
  const cases: CaseResult[] = [];
  for (const v of input.vulnerabilities) {
    if (v.cvss < CRITICAL_CVSS) continue;
    const detectedAt = toSecond(v.detectedAt);
    if (detectedAt > now) continue;
    const { deadline, lastInTime } = deadlineAfter(context.calendar, detectedAt, term.ms, term.clock);
    const mitigatedAt = knownAt(v.mitigatedAt, now);
    const exception = exceptionVerdict(v.exception, lastInTime, at);
    const spec = {
      id: v.id,
      source: v.source,
      stopAt: mitigatedAt,
      deadline,
      lastInTime,
      value: toMinutes((mitigatedAt ?? now) - detectedAt),
      note: noteOf(v.cve, v.cvss, exception.text),
    };
    const mitigatedInTime = mitigatedAt !== null && mitigatedAt <= lastInTime;
    const counted =
      !mitigatedInTime && exception.inForce ? savedByException(spec, at) : deadlineCase(spec, at);
    if (counted !== null) cases.push(counted);
  }
  const target = shareTarget(kpi.norm, null);
  return shareScore(cases, target, {
    notes: [
      `population: CVSS ≥ ${CRITICAL_CVSS.toFixed(1)}; term ${term.text} after detection`,
      "in time: mitigated by the deadline, or an exception approved by the deadline and in force at it",
      targetNote(target, "norm"),
    ],
  });
};

interface ExceptionVerdict {
  inForce: boolean;
  text: string | undefined;
}

function exceptionVerdict(
  exception: { approvedAt: number; until: number | null } | null,
  lastInTime: number,
  context: ScoringContext,
): ExceptionVerdict {
  if (exception === null) return { inForce: false, text: undefined };
  const approvedAt = knownAt(exception.approvedAt, context.now);
  if (approvedAt === null) return { inForce: false, text: undefined };
  const approved = `exception approved ${localTime(approvedAt, context.calendar)}`;
  if (approvedAt > lastInTime)
    return { inForce: false, text: `${approved}, after the deadline: does not count` };
  if (exception.until !== null && toSecond(exception.until) <= lastInTime) {
    return {
      inForce: false,
      text: `${approved}, lapsed ${localTime(exception.until, context.calendar)} before the deadline`,
    };
  }
  return { inForce: true, text: `${approved}, in force at the deadline` };
}

/** A case in time by its exception: it counts at its deadline, once that has passed. */
function savedByException(
  spec: {
    id: string;
    source?: string | undefined;
    stopAt: number | null;
    deadline: number;
    value: number;
    note: string;
  },
  context: ScoringContext,
): CaseResult | null {
  if (spec.deadline > context.now || !inPeriod(spec.deadline, context.period)) return null;
  const result: CaseResult = {
    id: spec.id,
    value: spec.value,
    deadline: spec.deadline,
    stoppedAt: spec.stopAt,
    verdict: "within",
    note: spec.note,
  };
  if (spec.source !== undefined) result.source = spec.source;
  return result;
}

function noteOf(cve: string, cvss: number, exception: string | undefined): string {
  return exception === undefined ? `${cve} (CVSS ${cvss})` : `${cve} (CVSS ${cvss}); ${exception}`;
}
