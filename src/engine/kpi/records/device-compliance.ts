/**
 * O5.2 (M13): the latest snapshot of each device taken at or before the period's end (and known
 * at now) decides whether it is compliant; score = compliant devices / devices. With
 * `rules.devices.staleAfterDays` set, a device whose `lastSyncAt` lies more than that many
 * calendar days before the reference moment (the period's end, or now while the period runs) is
 * excluded, and the notes say how many were. A snapshot without `lastSyncAt` cannot show
 * staleness and is kept.
 */
import type { Device } from "../../../model/schema.js";
import type { CaseResult, KpiScorer } from "../types.js";
import { localTime, measureOf, minusCalendar, toSecond } from "./common.js";
import { shareScore, shareTarget, targetNote } from "./score.js";

// Each snapshot's device key, made once per list: a report reads ~70,000 snapshots (300 devices,
// one every day or two) for the period and each trend period.
const keysByList = new WeakMap<readonly Device[], readonly string[]>();

function deviceKeys(devices: readonly Device[]): readonly string[] {
  let keys = keysByList.get(devices);
  // A list is not changed while its KPIs are scored; one that grew is keyed anew all the same.
  if (keys === undefined || keys.length !== devices.length) {
    keys = devices.map((device) => `${device.source ?? ""}\u0000${device.id}`);
    keysByList.set(devices, keys);
  }
  return keys;
}

export const scoreDeviceCompliance: KpiScorer = (input, kpi, context) => {
  measureOf(kpi, "device-compliance");
  const { period, calendar } = context;
  const now = toSecond(context.now);
  // M13 "at or before the period's end" (a snapshot at 00:00 on the 1st shows the month's end);
  // after now a snapshot is unknown.
  const referenceAt = Math.min(period.end, now);
  const latest = new Map<string, Device>();
  const keys = deviceKeys(input.devices);
  for (let index = 0; index < input.devices.length; index++) {
    const device = input.devices[index] as Device;
    if (toSecond(device.at) > referenceAt) continue;
    const key = keys[index] as string;
    const known = latest.get(key);
    // Ties keep the later record of the input, as a re-sent snapshot replaces the earlier one.
    if (known === undefined || device.at >= known.at) latest.set(key, device);
  }

  const staleDays = context.rules.devices.staleAfterDays;
  const staleBefore =
    staleDays === null ? null : minusCalendar(referenceAt, { days: staleDays }, calendar.zone);
  const cases: CaseResult[] = [];
  let stale = 0;
  let withoutSync = 0;
  for (const device of latest.values()) {
    const isStale = staleBefore !== null && device.lastSyncAt !== null && device.lastSyncAt < staleBefore;
    if (isStale) stale++;
    if (device.lastSyncAt === null) withoutSync++;
    const words = [
      `snapshot ${localTime(device.at, calendar)}`,
      device.state === null ? "" : `state "${device.state}"`,
      isStale && device.lastSyncAt !== null
        ? `last sync ${localTime(device.lastSyncAt, calendar)}: stale, excluded`
        : "",
    ].filter((w) => w !== "");
    const result: CaseResult = {
      id: device.id,
      value: null,
      deadline: null,
      stoppedAt: toSecond(device.at),
      verdict: isStale ? "excluded" : device.compliant ? "within" : "breached",
      note: words.join("; "),
    };
    if (device.source !== undefined) result.source = device.source;
    cases.push(result);
  }

  const target = shareTarget(kpi.norm, null);
  const notes = [`latest snapshot per device at or before ${localTime(referenceAt, calendar)}`];
  if (staleBefore === null) notes.push("staleness exclusion off (rules.devices.staleAfterDays not set)");
  else {
    notes.push(
      `${stale} stale device${stale === 1 ? "" : "s"} excluded: last sync before ${localTime(staleBefore, calendar)} (rules.devices.staleAfterDays: ${staleDays})`,
    );
    if (withoutSync > 0)
      notes.push(`${withoutSync} device${withoutSync === 1 ? "" : "s"} without lastSyncAt kept`);
  }
  notes.push(targetNote(target, "norm"));
  return shareScore(cases, target, { notes });
};
