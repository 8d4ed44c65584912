/**
 * The managed fleet (~300 devices over the four locations) and its compliance snapshots as
 * Intune / Entra ID would report them (O5.2): a snapshot every one to three days per device,
 * about 95 % compliant. Most non-compliance comes in short episodes; a few devices run an
 * outdated OS, a few enrolled but never synced, and a few stopped syncing (stale), which Intune
 * marks non-compliant once its 30-day validity period has passed.
 */
import type { CanonicalRecordInput } from "../model/schema.js";
import { DAY, HOUR, iso } from "./calendar.js";
import { LOCATION_CODES, LOCATION_WEIGHTS, type Location } from "./organisation.js";
import type { Rng } from "./rng.js";
import type { DemoWindow } from "./window.js";

export type DeviceInput = Extract<CanonicalRecordInput, { kind: "device" }>;

const FLEET_SIZE = 300;
/** Intune's default compliance status validity period. */
const VALIDITY_DAYS = 30;

export type DeviceHealth = "ok" | "stale" | "never-synced" | "outdated-os";

export interface FleetDevice {
  id: string;
  location: Location;
  os: string;
  windows: boolean;
  health: DeviceHealth;
  /** enrolled (or window start), and retired (or null) */
  from: number;
  until: number | null;
  /** stale devices: last sync */
  staleFrom: number | null;
  /** non-compliant episodes [from, to) */
  episodes: Array<[number, number]>;
}

function health(index: number): DeviceHealth {
  // Fixed positions keep the counts exact: 3 never synced, 3 outdated, 5 stale.
  if (index % 100 === 37) return "never-synced";
  if (index % 100 === 71) return "outdated-os";
  if (index % 60 === 13) return "stale";
  return "ok";
}

export function planFleet(w: DemoWindow, rng: Rng): FleetDevice[] {
  const span = w.now - w.start;
  const counters = new Map<Location, number>();
  const fleet: FleetDevice[] = [];
  for (let i = 0; i < FLEET_SIZE; i++) {
    const location = rng.weighted(LOCATION_WEIGHTS);
    const n = (counters.get(location) ?? 0) + 1;
    counters.set(location, n);
    const kind = rng.weighted([
      ["laptop", 89],
      ["phone", 8],
      ["mac", 3],
    ] as const);
    const h = health(i);
    const os =
      h === "outdated-os"
        ? "Windows 10 22H2"
        : kind === "phone"
          ? rng.pick(["iOS 17.7", "iOS 18.2"])
          : kind === "mac"
            ? "macOS 14.6"
            : rng.weighted([
                ["Windows 11 24H2", 57],
                ["Windows 11 23H2", 43],
              ] as const);
    const prefix = kind === "phone" ? "MB" : "LT";
    const from = rng.chance(0.08) ? w.start + rng.float(0.1, 0.9) * span : w.start;
    const until = rng.chance(0.03) ? from + rng.float(0.3, 0.9) * (w.now - from) : null;
    const episodes: Array<[number, number]> = [];
    for (
      let e = rng.weighted([
        [0, 65],
        [1, 25],
        [2, 10],
      ] as const);
      e > 0;
      e--
    ) {
      const start = rng.float(from, w.now);
      episodes.push([start, start + rng.float(1, 10) * DAY]);
    }
    fleet.push({
      id: `${prefix}-${LOCATION_CODES[location]}-${String(n).padStart(3, "0")}`,
      location,
      os,
      windows: os.startsWith("Windows"),
      health: h,
      from,
      until,
      staleFrom: h === "stale" ? w.start + rng.float(0.3, 0.8) * span : null,
      episodes,
    });
  }
  return fleet;
}

function snapshot(d: FleetDevice, at: number, rng: Rng): DeviceInput {
  let compliant = false;
  let state = "unknown";
  let lastSyncAt: string | null = null;
  if (d.health !== "never-synced") {
    const stale = d.staleFrom !== null && at > d.staleFrom;
    const lastSync = stale ? (d.staleFrom as number) : Math.max(d.from, at - rng.float(0.5, 20) * HOUR);
    const expired = stale && at > (d.staleFrom as number) + VALIDITY_DAYS * DAY;
    const inEpisode = d.episodes.some(([a, b]) => at >= a && at < b);
    compliant = d.health !== "outdated-os" && !expired && !inEpisode;
    state = compliant ? "compliant" : "noncompliant";
    lastSyncAt = iso(lastSync);
  }
  return { kind: "device", id: d.id, source: "demo", at: iso(at), compliant, state, lastSyncAt, os: d.os };
}

/** Snapshots every 1–3 days around 06:00 per device, from enrolment to retirement or now. */
export function deviceSnapshots(w: DemoWindow, rng: Rng, fleet: readonly FleetDevice[]): DeviceInput[] {
  const records: DeviceInput[] = [];
  for (const d of fleet) {
    const end = d.until ?? w.now;
    let index = w.days.findIndex((day) => day.start + DAY > d.from) + rng.int(0, 1);
    while (index < w.days.length) {
      const day = w.days[index];
      if (day === undefined) break;
      const at = Math.floor((day.start + 6 * HOUR + rng.float(0, 90) * 60_000) / 1000) * 1000;
      if (at > end) break;
      if (at >= d.from) records.push(snapshot(d, at, rng));
      index += rng.int(1, 3);
    }
  }
  return records;
}
