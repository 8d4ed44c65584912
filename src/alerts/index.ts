/**
 * Alerts (issue #5): transitions of live SLA timers → one alert per channel, recorded in the
 * store's ledger and delivered exactly once where the chat service allows (docs/alerts.md).
 */
export { type AlertChannelOptions, buildAlertChannels, type ChatChannel } from "./channels.js";
export { alertFacts, formatInstant, headline, remainingText } from "./content.js";
export { type ChannelDelivery, type CurrentAlert, type DeliveryTuning, deliverAlerts } from "./deliver.js";
export { type AlertRules, alertsOf } from "./evaluate.js";
export { finalAlerts, type TicketFinish, ticketFinish } from "./final-state.js";
export { alertKey, threadKey } from "./keys.js";
export { type TicketLinker, type TicketLinkSource, ticketLinker } from "./links.js";
export { releaseAt } from "./quiet.js";
export {
  type ChannelSpec,
  configuredChannels,
  routeAlert,
  slackChannelKey,
  targetSpec,
  teamsChannelKey,
} from "./routing.js";
export {
  type AlertPreview,
  type AlertStepOptions,
  type AlertSummary,
  DEFAULT_PAUSED_ALERT_AFTER_HOURS,
  runAlerts,
} from "./run-alerts.js";
export {
  type Alert,
  type AlertChannel,
  AlertDeliveryError,
  type AlertMessage,
  type AlertTransition,
  type ClockEnd,
  type ClockFinish,
  type DeliveryFailureKind,
  type FinalTransition,
  type ThreadReplier,
} from "./types.js";
