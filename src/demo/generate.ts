/**
 * The demo data set: a realistic half year of Stichting ICT Beheer's managed ICT services, as
 * canonical records (source "demo", ISO timestamps with the Europe/Amsterdam offset), for
 * `sla-sentinel demo` and for trying every KPI without an account anywhere.
 *
 * Pure: the same seed and `now` give the same records, byte for byte.
 *
 * @example
 * const records = generateDemoRecords({ seed: 42, now: "2026-03-15T12:00:00+01:00" });
 * demoSummary(records).ticketsByPriority.P1; // ≈ 2 % of the tickets
 */
import { type CanonicalRecordInput, toInstant } from "../model/index.js";
import { deviceSnapshots, planFleet } from "./devices.js";
import {
  generateBackups,
  generateEolItems,
  generateEvidence,
  generateImprovements,
  generateSecurityExceptions,
} from "./evidence.js";
import { generateOutages } from "./outages.js";
import { generatePatches } from "./patches.js";
import { createRng } from "./rng.js";
import { generateTickets } from "./tickets.js";
import { generateVulnerabilities } from "./vulnerabilities.js";
import { demoWindow } from "./window.js";

export interface DemoOptions {
  /** any number; the same seed (and now) gives the same data set */
  seed: number;
  /** the end of the data set: Date, epoch milliseconds or ISO text with offset */
  now: Date | number | string;
  /** length of the period before `now`, in calendar months (1–24); default 6 */
  months?: number;
  /** average number of tickets per month (0–20000; the report benchmark uses ~13,000); default 600 */
  ticketsPerMonth?: number;
}

export const DEMO_SOURCE = "demo";

export function generateDemoRecords(options: DemoOptions): CanonicalRecordInput[] {
  const { seed, months = 6, ticketsPerMonth = 600 } = options;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (!Number.isInteger(months) || months < 1 || months > 24) {
    throw new RangeError(`months must be a whole number from 1 to 24, got ${months}`);
  }
  if (!Number.isFinite(ticketsPerMonth) || ticketsPerMonth < 0 || ticketsPerMonth > 20_000) {
    throw new RangeError(`ticketsPerMonth must be from 0 to 20000, got ${ticketsPerMonth}`);
  }
  const now = Math.floor(toInstant(options.now) / 1000) * 1000;
  const w = demoWindow(now, months);
  const rng = createRng(seed);
  const fleet = planFleet(w, rng.fork("fleet"));
  return [
    ...generateTickets(w, rng.fork("tickets"), ticketsPerMonth),
    ...deviceSnapshots(w, rng.fork("devices"), fleet),
    ...generatePatches(w, rng.fork("patches"), fleet),
    ...generateVulnerabilities(
      w,
      rng.fork("vulnerabilities"),
      fleet.map((d) => d.id),
    ),
    ...generateOutages(w, rng.fork("outages")),
    ...generateBackups(w, rng.fork("backups")),
    ...generateEolItems(w, rng.fork("eol")),
    ...generateSecurityExceptions(w, rng.fork("exceptions")),
    ...generateImprovements(w, rng.fork("improvements")),
    ...generateEvidence(w, rng.fork("evidence")),
  ];
}
