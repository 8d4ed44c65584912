/** An alert as the chat sinks receive it: a P2 incident's response, breached, with awkward text. */
import type { Alert, AlertMessage } from "../../src/alerts/index.js";

export const DEADLINE = Date.parse("2026-03-02T09:00:00Z"); // Monday 10:00 Amsterdam
export const AT = Date.parse("2026-03-02T09:30:00Z");
export const LINK =
  "https://example.topdesk.net/tas/secure/incident?action=lookup&lookup=naam&lookupValue=I2603-0042";

export function alertMessage(fields: Partial<Alert> = {}, key = '["topdesk","I2603-0042"]'): AlertMessage {
  const alert: Alert = {
    transition: "breached",
    source: "topdesk",
    ticketId: "I2603-0042",
    title: "Printer <3rd floor> & scanner",
    priority: "P2",
    type: "incident",
    location: "Utrecht",
    owner: "op-17",
    group: "servicedesk",
    clock: "response",
    clockKind: "business",
    deadline: DEADLINE,
    keyInstant: DEADLINE,
    remainingMs: -30 * 60_000,
    usedShare: 1.5,
    pausedSince: null,
    link: LINK,
    ...fields,
  };
  return { alert, key, zone: "Europe/Amsterdam", at: AT };
}
