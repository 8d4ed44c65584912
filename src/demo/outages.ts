/**
 * Outages (O1.1 service desk, O4.2 network per location, O4.3 Microsoft 365): a few short
 * service-desk outages; network outages per location, among them two that overlap, one from a
 * Friday afternoon over the weekend to Monday morning and one from the evening of a month's last
 * working day into the next month; Microsoft 365 service-health items, incidents and advisories,
 * one of them still running at `now`. Most months stay within the norms; a few do not.
 */
import type { CanonicalRecordInput } from "../model/schema.js";
import { DAY, HOUR, iso, localParts, MINUTE } from "./calendar.js";
import type { Rng } from "./rng.js";
import { atTime, type DemoDay, type DemoWindow, momentAt, workingDayAt } from "./window.js";

export type OutageInput = Extract<CanonicalRecordInput, { kind: "outage" }>;

interface Draft {
  service: string;
  location: string | null;
  start: number;
  end: number | null;
  classification: "incident" | "advisory";
}

/** The working day nearest to fraction `f` whose next working day falls in another month. */
function monthEndDay(w: DemoWindow, f: number): [DemoDay, DemoDay] | null {
  const days = w.workingDays;
  let best: [DemoDay, DemoDay] | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < days.length; i++) {
    const [a, b] = [days[i] as DemoDay, days[i + 1] as DemoDay];
    if (a.date.slice(0, 7) === b.date.slice(0, 7)) continue;
    const distance = Math.abs(i / days.length - f);
    if (distance < bestDistance) [best, bestDistance] = [[a, b], distance];
  }
  return best;
}

export function generateOutages(w: DemoWindow, rng: Rng): OutageInput[] {
  const drafts: Draft[] = [];
  const add = (
    service: string,
    location: string | null,
    start: number,
    minutes: number | null,
    cls = "incident",
  ): void => {
    const end = minutes === null ? null : start + Math.round(minutes * MINUTE);
    if (start < w.start || start > w.now) return;
    drafts.push({
      service,
      location,
      start,
      end: end === null || end > w.now ? null : end,
      classification: cls === "advisory" ? "advisory" : "incident",
    });
  };

  for (const f of [0.18, 0.51, 0.83])
    add("servicedesk", null, momentAt(w, rng, f, rng.int(9, 16)), rng.float(10, 35));

  for (const f of [0.3, 0.77])
    add("network", "Utrecht", momentAt(w, rng, f, rng.int(8, 16)), rng.float(20, 70));
  const overlap = momentAt(w, rng, 0.44, 10);
  add("network", "Amersfoort", overlap, 40);
  add("network", "Amersfoort", overlap + 20 * MINUTE, 45);
  const friday = workingDayAt(w, 0.64, 5);
  const weekendStart = atTime(friday, 16, rng.int(10, 40));
  const monday = localParts(friday.start + 3 * DAY + 12 * HOUR);
  const weekendEnd = atTime({ ...friday, date: monday.date }, 9, rng.int(0, 30));
  add("network", "Zwolle", weekendStart, (weekendEnd - weekendStart) / MINUTE);
  add("network", "Den Haag", momentAt(w, rng, 0.15, 11), rng.float(15, 40));
  const monthEnd = monthEndDay(w, 0.5);
  if (monthEnd !== null) {
    const start = atTime(monthEnd[0], 17, 30);
    add("network", "Den Haag", start, (atTime(monthEnd[1], 8, 45) - start) / MINUTE);
  }

  const exchange = "m365:Exchange Online";
  const sharepoint = "m365:SharePoint Online";
  const teams = "m365:Microsoft Teams";
  add(exchange, null, momentAt(w, rng, 0.12, 10), 45);
  add(exchange, null, momentAt(w, rng, 0.69, 14), 25);
  add(exchange, null, momentAt(w, rng, 0.35, 9), 360, "advisory");
  add(exchange, null, Math.floor((w.now - 3 * HOUR) / 1000) * 1000, null, "advisory");
  add(sharepoint, null, momentAt(w, rng, 0.57, 11), 30);
  add(sharepoint, null, momentAt(w, rng, 0.8, 8), 240, "advisory");
  add(teams, null, momentAt(w, rng, 0.47, 13), 95);
  add(teams, null, momentAt(w, rng, 0.9, 20), 150);
  add(teams, null, momentAt(w, rng, 0.25, 9), 120, "advisory");

  drafts.sort((a, b) => a.start - b.start);
  return drafts.map((d, i) => ({
    kind: "outage",
    id: `OUT-${String(i + 1).padStart(3, "0")}`,
    source: "demo",
    service: d.service,
    location: d.location,
    start: iso(d.start),
    end: d.end === null ? null : iso(d.end),
    classification: d.classification,
  }));
}
