/**
 * Security patches on managed components (O5.1): the monthly cumulative update (second Tuesday,
 * evening) on every Windows endpoint and server, firmware on network gear and updates of the
 * management software. Each has a due date (14 days; network firmware 30) and mostly an
 * install in time; some are late, some never arrive (devices that stopped syncing, a few others).
 */
import type { CanonicalRecordInput } from "../model/schema.js";
import { DAY, iso, localParts, localToMs, plusDays } from "./calendar.js";
import type { FleetDevice } from "./devices.js";
import type { Rng } from "./rng.js";
import { INFRA_ASSETS } from "./vulnerabilities.js";
import type { DemoWindow } from "./window.js";

export type PatchInput = Extract<CanonicalRecordInput, { kind: "patch" }>;

interface Release {
  patch: string;
  availableAt: number;
  dueDays: number;
}

/** The second Tuesday of every month whose evening release lies inside the window. */
function patchTuesdays(w: DemoWindow): Array<{ at: number; label: string }> {
  const result: Array<{ at: number; label: string }> = [];
  const first = new Date(w.start);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth() + 1; ; ) {
    const firstWeekday = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
    const day = 1 + ((2 - firstWeekday + 7) % 7) + 7;
    const at = localToMs(y, m, day, 19);
    if (at > w.now) break;
    if (at >= w.start) result.push({ at, label: `${y}-${String(m).padStart(2, "0")}` });
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return result;
}

function install(rng: Rng, release: Release, late: number, missing: number): number | null {
  const roll = rng.next();
  if (roll < missing) return null;
  const days =
    roll < missing + late
      ? rng.float(release.dueDays + 1, release.dueDays * 2)
      : rng.skewed(0.5, release.dueDays - 0.5, 1.5);
  return release.availableAt + days * DAY;
}

export function generatePatches(w: DemoWindow, rng: Rng, fleet: readonly FleetDevice[]): PatchInput[] {
  const rows: Array<{ asset: string; release: Release; installedAt: number | null }> = [];
  const tuesdays = patchTuesdays(w);
  for (const { at, label } of tuesdays) {
    const cu: Release = { patch: `windows-cu-${label}`, availableAt: at, dueDays: 14 };
    for (const d of fleet) {
      if (!d.windows || d.from > at || (d.until !== null && d.until < at + 14 * DAY)) continue;
      const silent = d.health === "never-synced" || (d.staleFrom !== null && d.staleFrom < at + DAY);
      rows.push({ asset: d.id, release: cu, installedAt: silent ? null : install(rng, cu, 0.04, 0.015) });
    }
    const server: Release = { patch: `windows-server-cu-${label}`, availableAt: at, dueDays: 14 };
    for (const asset of INFRA_ASSETS.servers)
      rows.push({ asset, release: server, installedAt: install(rng, server, 0.05, 0) });
  }
  // Network firmware twice, management software every other month.
  const span = w.now - w.start;
  for (const f of [0.2, 0.65]) {
    const availableAt = w.start + f * span;
    const { year, month } = localParts(availableAt);
    const release: Release = { patch: `firmware-${year}.${month}`, availableAt, dueDays: 30 };
    for (const asset of INFRA_ASSETS.network)
      rows.push({ asset, release, installedAt: install(rng, release, 0.08, 0) });
  }
  for (const [i, { at, label }] of tuesdays.entries()) {
    if (i % 2 === 1) continue;
    const release: Release = { patch: `agent-update-${label}`, availableAt: at + 2 * DAY, dueDays: 14 };
    for (const asset of INFRA_ASSETS.management)
      rows.push({ asset, release, installedAt: install(rng, release, 0.1, 0) });
  }
  return rows
    .filter((r) => r.release.availableAt <= w.now)
    .map((r) => ({
      kind: "patch",
      source: "demo",
      asset: r.asset,
      patch: r.release.patch,
      availableAt: iso(r.release.availableAt),
      dueAt: iso(plusDays(r.release.availableAt, r.release.dueDays)),
      installedAt: r.installedAt === null || r.installedAt > w.now ? null : iso(r.installedAt),
    }));
}
