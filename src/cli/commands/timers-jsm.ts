/**
 * For tickets from Jira Service Management: where JSM's own SLA disagrees with the contract's clock
 * (a JSM calendar that does not match the service window is a common misconfiguration). Uses the
 * SLA snapshot the `jsm` connector kept at its last sync.
 */
import { crossCheckJsmSla, readJsmSlaSnapshot, type SlaDisagreement } from "../../../connectors/jsm/index.js";
import type { Config } from "../../config/index.js";
import type { BusinessCalendar } from "../../engine/calendar/types.js";
import type { ClockPolicy } from "../../engine/timeline/policy.js";
import type { TimerRow } from "../../engine/timers/index.js";
import type { Store } from "../../store/types.js";

export interface JsmSlaCheck {
  source: string;
  ticket: string;
  disagreements: SlaDisagreement[];
}

export async function jsmSlaChecks(
  rows: readonly TimerRow[],
  config: Config,
  store: Pick<Store, "getMeta">,
  context: { calendar: BusinessCalendar; policy: ClockPolicy },
): Promise<JsmSlaCheck[]> {
  const jsmSources = new Set(config.connectors.filter((c) => c.type === "jsm").map((c) => c.name));
  const checks: JsmSlaCheck[] = [];
  const seen = new Set<string>();
  for (const { ticket } of rows.map((r) => r.ticket)) {
    const key = `${ticket.source}\u0000${ticket.id}`;
    if (!jsmSources.has(ticket.source) || seen.has(key)) continue;
    seen.add(key);
    const snapshot = await readJsmSlaSnapshot(store, ticket.source, ticket.id);
    if (snapshot === null) continue;
    const { disagreements } = crossCheckJsmSla(snapshot, ticket, context);
    if (disagreements.length > 0) checks.push({ source: ticket.source, ticket: ticket.id, disagreements });
  }
  return checks;
}
