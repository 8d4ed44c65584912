/**
 * O1.1, O4.2, O4.3 (M12, decisions 10 and 11): availability = 1 − outage time / service-window
 * time of the period, both on the business clock. Outage time is the union of a key's outages
 * (overlaps count once), clipped to the period; an outage still open runs to now. O4.2 has one
 * part per location, O4.3 one per in-scope Microsoft 365 service; the KPI fails if any part does.
 *
 * n is the service-window minutes measured (the population is time, not outages), so a period
 * without outages scores 100 % and a period not begun yet, or without window time, has no data.
 */
import { MINUTE_MS } from "../../../model/instant.js";
import type { Outage } from "../../../model/schema.js";
import type { CaseResult, KpiDefinition, KpiScorer, PartResult, ScoringContext } from "../types.js";
import { knownAt, localTime, measureOf, toMinutes, toSecond } from "./common.js";
import { outageKeysFor } from "./outage-keys.js";
import { type TaggedSpan, unionOf } from "./outage-union.js";
import { partsScore, shareTarget, targetNote } from "./score.js";

export const scoreAvailability: KpiScorer = (input, kpi, context) => {
  const { service } = measureOf(kpi, "availability");
  const keys = outageKeysFor(service, context.rules);
  const { period, calendar } = context;
  const now = toSecond(context.now);
  const measureEnd = Math.min(period.end, now);
  const windowMs = measureEnd > period.start ? calendar.elapsedMs(period.start, measureEnd, "business") : 0;

  const cases: CaseResult[] = [];
  const spansByKey = new Map<string, TaggedSpan[]>();
  const partNames = new Set<string>(keys.fixedParts ?? []);
  for (const outage of input.outages) {
    const key = keys.keyOf(outage);
    if (key === null || toSecond(outage.start) > now) continue;
    if (keys.fixedParts === null) partNames.add(key.part);
    const start = Math.max(toSecond(outage.start), period.start);
    const endKnown = knownAt(outage.end, now);
    const end = Math.min(endKnown ?? Number.POSITIVE_INFINITY, measureEnd);
    if (end <= start) continue;
    const ms = calendar.elapsedMs(start, end, "business");
    const counted = key.excludedBecause === null && ms > 0;
    const tag = cases.length;
    cases.push(
      outageCase(
        outage,
        key.part,
        ms,
        endKnown,
        counted ? null : (key.excludedBecause ?? "outside the service window"),
      ),
    );
    if (start > toSecond(outage.start) || end < (endKnown ?? Number.POSITIVE_INFINITY)) {
      appendNote(
        cases[tag] as CaseResult,
        `counted ${localTime(start, calendar)}–${localTime(end, calendar)}`,
      );
    }
    if (!counted) continue;
    const spans = spansByKey.get(key.part) ?? [];
    spans.push({ start, end, tag });
    spansByKey.set(key.part, spans);
  }

  const notes = [...keys.notes, windowNote(windowMs, context)];
  const parts: PartResult[] = [];
  for (const name of [...partNames].sort()) {
    const { union, overlapping } = unionOf(spansByKey.get(name) ?? []);
    for (const tag of overlapping)
      appendNote(cases[tag] as CaseResult, "overlaps another outage: shared time counted once");
    let outageMs = 0;
    for (const [start, end] of union) outageMs += calendar.elapsedMs(start, end, "business");
    parts.push(availabilityPart(name, outageMs, windowMs, kpi));
  }
  const provisional = now < period.end;
  if (provisional) notes.push("period in progress: measured up to the report time");
  if (service === "servicedesk") {
    const part = parts[0] ?? availabilityPart("", 0, windowMs, kpi);
    if (cases.length === 0) notes.push("no servicedesk outage recorded in the period");
    notes.push(targetNote(part.target, "norm"));
    return {
      score: part.score,
      target: part.target,
      met: part.met,
      n: part.n,
      parts: [],
      cases,
      notes,
      ...(provisional ? { provisional } : {}),
    };
  }
  if (parts.length === 0)
    notes.push(`no ${service} outage records: no ${service === "network" ? "locations" : "services"} known`);
  notes.push(targetNote(shareTarget(kpi.norm, null), "norm, for every part without a part norm"));
  return partsScore(parts, cases, { notes, provisional }, parts.length === 0 ? 0 : toWholeMinutes(windowMs));
};

function availabilityPart(name: string, outageMs: number, windowMs: number, kpi: KpiDefinition): PartResult {
  const target = shareTarget(kpi.partNorms[name] ?? kpi.norm, null);
  if (windowMs <= 0) return { name, score: null, target, met: null, n: 0 };
  const score = 1 - outageMs / windowMs;
  return {
    name,
    score,
    target,
    met: target === null ? null : score >= target - 1e-12,
    n: toWholeMinutes(windowMs),
  };
}

function outageCase(
  outage: Outage,
  part: string,
  ms: number,
  endKnown: number | null,
  excluded: string | null,
): CaseResult {
  const result: CaseResult = {
    id: outage.id ?? `${outage.service}|${outage.location ?? ""}|${new Date(outage.start).toISOString()}`,
    value: toMinutes(ms),
    deadline: null,
    stoppedAt: endKnown,
    // "breached": the outage took service-window time; "excluded": it does not count, and why.
    verdict: excluded === null ? "breached" : "excluded",
  };
  if (outage.source !== undefined) result.source = outage.source;
  if (part !== "") result.part = part;
  if (endKnown === null) appendNote(result, "still open at report time");
  if (excluded !== null) appendNote(result, excluded);
  return result;
}

function appendNote(target: CaseResult, words: string): void {
  target.note = target.note === undefined ? words : `${target.note}; ${words}`;
}

function windowNote(windowMs: number, context: ScoringContext): string {
  const end = Math.min(context.period.end, toSecond(context.now));
  return `service-window minutes measured: ${toWholeMinutes(windowMs)} (${localTime(context.period.start, context.calendar)} to ${localTime(end, context.calendar)})`;
}

function toWholeMinutes(ms: number): number {
  return Math.round(ms / MINUTE_MS);
}
