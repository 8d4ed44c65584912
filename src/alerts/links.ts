/**
 * Links from an alert to the ticket in its source. A connector that knows its ticket URLs offers
 * `ticketUrl(id)`; for the others the link is derived from the connector's config where the
 * source has a stable one:
 * - Jira Service Management: `<site>/browse/<issue key>`;
 * - TOPdesk: `<host>/tas/secure/incident?action=lookup&lookup=naam&lookupValue=<number>`, the
 *   operator-interface lookup by call number that TOPdesk installations commonly link with
 *   (not in TOPdesk's API docs; seen in many public integrations).
 * Sources without one (file, graph) give no link; the alert then shows the id alone.
 */
import type { ConnectorConfig } from "../config/schema/connectors.js";

export type TicketLinker = (source: string, ticketId: string) => string | null;

/** What a connector may offer to link to its tickets. */
export interface TicketLinkSource {
  readonly name: string;
  ticketUrl(ticketId: string): string | null;
}

export function ticketLinker(
  entries: readonly ConnectorConfig[],
  connectors: readonly { readonly name: string }[] = [],
): TicketLinker {
  const bySource = new Map<string, (id: string) => string | null>();
  for (const entry of entries) {
    const derived = linkFromConfig(entry);
    if (derived !== null) bySource.set(entry.name, derived);
  }
  for (const connector of connectors) {
    if (isLinkSource(connector)) bySource.set(connector.name, (id) => connector.ticketUrl(id));
  }
  return (source, ticketId) => bySource.get(source)?.(ticketId) ?? null;
}

function linkFromConfig(entry: ConnectorConfig): ((id: string) => string | null) | null {
  switch (entry.type) {
    case "jsm":
      return (id) => `${entry.baseUrl}/browse/${encodeURIComponent(id)}`;
    case "topdesk": {
      const site = entry.baseUrl.replace(/\/tas\/api$/, "");
      return (id) =>
        `${site}/tas/secure/incident?action=lookup&lookup=naam&lookupValue=${encodeURIComponent(id)}`;
    }
    default:
      return null;
  }
}

function isLinkSource(value: object): value is TicketLinkSource {
  return typeof (value as Partial<TicketLinkSource>).ticketUrl === "function";
}
