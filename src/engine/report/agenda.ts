/**
 * Which KPIs a report holds (M15), which are contract deviations, and the governance agenda per
 * meeting level (kpi-catalog.md legend: `always` whatever the score, `on-deviation` only when the
 * score misses the norm).
 */
import type { AgendaType, KpiDefinition, MeetingLevel, PeriodKind } from "../kpi/types.js";
import { MEETING_LEVELS } from "./model.js";

/**
 * M15: a month report holds the monthly KPIs; a quarter report the monthly and quarterly ones; a
 * year report all of them (yearly, per-incident only, and KPIs without a reporting cadence such
 * as the O1.11 contract requirement). Catalog order is kept.
 */
export function kpisForPeriod(definitions: readonly KpiDefinition[], kind: PeriodKind): KpiDefinition[] {
  if (kind === "year") return [...definitions];
  return definitions.filter(
    (kpi) => kpi.cadence.includes("monthly") || (kind === "quarter" && kpi.cadence.includes("quarterly")),
  );
}

/**
 * A minimum requirement not met is a deviation from the contract. No data (`met` null) is no
 * verdict either way: it is neither green nor a deviation.
 */
export function isDeviation(minimumRequirement: boolean, met: boolean | null): boolean {
  return minimumRequirement && met === false;
}

/** On the agenda: type `always`, or `on-deviation` with the norm missed (no data is not a miss). */
export function isOnAgenda(
  agenda: AgendaType | null,
  meeting: MeetingLevel | null,
  met: boolean | null,
): boolean {
  if (meeting === null || agenda === null) return false;
  return agenda === "always" || (agenda === "on-deviation" && met === false);
}

interface AgendaEntry {
  id: string;
  meeting: MeetingLevel | null;
  onAgenda: boolean;
}

/** The ids on the agenda, grouped by meeting level, in the order given. */
export function agendaByLevel(kpis: readonly AgendaEntry[]): Record<MeetingLevel, string[]> {
  const agenda = Object.fromEntries(MEETING_LEVELS.map((level) => [level, [] as string[]])) as Record<
    MeetingLevel,
    string[]
  >;
  for (const kpi of kpis) {
    if (kpi.onAgenda && kpi.meeting !== null) agenda[kpi.meeting].push(kpi.id);
  }
  return agenda;
}
