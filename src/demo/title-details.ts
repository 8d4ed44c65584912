/**
 * Where the caller sits, added to a ticket's title ("Printer drukt niet af (UTR 2.14)"), as
 * service desks write them. Without it the demo's few dozen subjects per location would make
 * unrelated tickets look like the same caller coming back (the re-registration signal matches
 * location and title, engine/signals/subject-key.ts). A room number, nothing personal. Drawn
 * from its own stream, so the other sections draw exactly as before.
 */
import type { TicketType } from "../model/schema.js";
import { LOCATION_CODES, type Location } from "./organisation.js";
import type { Rng } from "./rng.js";
import type { TicketSpec } from "./ticket-spec.js";

const DETAILED: ReadonlySet<TicketType> = new Set([
  "incident",
  "security-incident",
  "service-request",
  "workplace-request",
]);

/** The spec with a room added to its title; P1s (broad impact) and changes keep theirs. */
export function withRoom(spec: TicketSpec, rng: Rng): TicketSpec {
  if (spec.priority === "P1" || !DETAILED.has(spec.type) || spec.location === null) return spec;
  const code = LOCATION_CODES[spec.location as Location] ?? spec.location;
  const room = `${rng.int(0, 4)}.${String(rng.int(1, 40)).padStart(2, "0")}`;
  return { ...spec, subject: { ...spec.subject, title: `${spec.subject.title} (${code} ${room})` } };
}
