/**
 * The settings a report's figures depend on, stated in the report so a reader can check them:
 * the zone and service day, the holidays inside the period, the clock norms and pause reasons
 * in force, and every contract rule (config `contract.rules`, defaults included).
 */
import { DateTime } from "luxon";
import type { ContractRules } from "../../config/schema/contract.js";
import type { BusinessCalendar } from "../calendar/types.js";
import type { Period } from "../kpi/types.js";
import { CLOCK_NAMES, type ClockPolicy } from "../timeline/policy.js";
import type { ReportSetting } from "./model.js";
import { formatNumber } from "./norm-text.js";

export interface SettingsInput {
  period: Period;
  calendar: BusinessCalendar;
  policy: ClockPolicy;
  rules: ContractRules;
  catalogVersion: string;
  /** settings only the caller knows (service window, catalog file, supplier norms file), listed first */
  extra?: readonly ReportSetting[];
}

export function reportSettings({
  period,
  calendar,
  policy,
  rules,
  catalogVersion,
  extra = [],
}: SettingsInput): ReportSetting[] {
  return [
    ...extra,
    { group: "contract", key: "catalogVersion", value: catalogVersion },
    ...calendarSettings(period, calendar),
    ...policySettings(policy),
    ...flatten("rules", rules),
  ];
}

function calendarSettings(period: Period, calendar: BusinessCalendar): ReportSetting[] {
  const holidays = holidaysIn(period, calendar);
  return [
    { group: "calendar", key: "timezone", value: calendar.zone },
    { group: "calendar", key: "serviceDayHours", value: formatNumber(calendar.serviceDayMs / 3_600_000) },
    {
      group: "calendar",
      key: "holidaysInPeriod",
      value: holidays.length === 0 ? "none" : holidays.map((h) => `${h.date} ${h.name}`).join("; "),
    },
  ];
}

function holidaysIn(period: Period, calendar: BusinessCalendar) {
  const first = DateTime.fromMillis(period.start, { zone: calendar.zone });
  // The end is exclusive: the last local day of the period is the day before it.
  const last = DateTime.fromMillis(period.end, { zone: calendar.zone }).minus({ days: 1 });
  const from = first.toISODate() ?? "";
  const to = last.toISODate() ?? "";
  const result = [];
  for (let year = first.year; year <= last.year; year++) {
    for (const holiday of calendar.holidaysOf(year)) {
      if (holiday.date >= from && holiday.date <= to) result.push(holiday);
    }
  }
  return result;
}

function policySettings(policy: ClockPolicy): ReportSetting[] {
  const settings: ReportSetting[] = [];
  for (const name of CLOCK_NAMES) {
    const norms = Object.entries(policy.clocks[name])
      .map(([priority, norm]) =>
        norm === null ? `${priority} none` : `${priority} ${durationText(norm.ms)} ${norm.clock}`,
      )
      .join(", ");
    settings.push({ group: "clocks", key: `${name}.norms`, value: norms });
    const reasons = policy.pauseReasons[name];
    settings.push({
      group: "clocks",
      key: `${name}.pausedBy`,
      value: reasons.length === 0 ? "nothing" : reasons.join(", "),
    });
  }
  const { firstMs, intervalMs, clock } = policy.majorUpdates;
  settings.push({
    group: "clocks",
    key: "majorUpdates",
    value: `first ≤ ${durationText(firstMs)}, then every ${durationText(intervalMs)} (${clock})`,
  });
  return settings;
}

/** 900000 → "15 min", 28800000 → "8 h": whole hours from two hours up, minutes otherwise. */
function durationText(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes >= 120 && minutes % 60 === 0) return `${minutes / 60} h`;
  return `${formatNumber(minutes)} min`;
}

/** Nested settings as dotted keys: { ownership: { mode: "continuous" } } → "ownership.mode". */
function flatten(group: string, value: unknown, prefix = ""): ReportSetting[] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix !== "") return [{ group, key: prefix, value: "none" }];
    return entries.flatMap(([key, inner]) => flatten(group, inner, prefix === "" ? key : `${prefix}.${key}`));
  }
  return [{ group, key: prefix, value: valueText(value) }];
}

function valueText(value: unknown): string {
  if (value === undefined || value === null) return "not set";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(valueText).join(", ");
  return String(value);
}
