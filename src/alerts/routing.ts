/**
 * Where an alert goes (notify.routes): to every route whose `when` it matches (all conditions of
 * a route hold; within one condition any listed value), and to the default channels
 * (notify.slack.channel, notify.teams.webhookUrl) only when it matches no route.
 */
import { hash } from "node:crypto";
import type { ChannelTarget, NotifyConfig } from "../config/schema/notify.js";
import type { Alert } from "./types.js";

export type ChannelSpec =
  | { kind: "slack"; key: string; channel: string }
  | { kind: "teams"; key: string; webhookUrl: string };

export function slackChannelKey(channel: string): string {
  return `slack:${channel}`;
}

/** The workflow URL carries its signature: the ledger and logs only ever see a hash of it. */
export function teamsChannelKey(webhookUrl: string): string {
  return `teams:${hash("sha256", webhookUrl, "hex").slice(0, 16)}`;
}

function slack(channel: string): ChannelSpec {
  return { kind: "slack", key: slackChannelKey(channel), channel };
}

function teams(webhookUrl: string): ChannelSpec {
  return { kind: "teams", key: teamsChannelKey(webhookUrl), webhookUrl };
}

/** The channel a reference in another section names (`channelTarget` of the config). */
export function targetSpec(target: ChannelTarget): ChannelSpec {
  return target.kind === "slack" ? slack(target.channel) : teams(target.webhookUrl);
}

/** Every channel the config names (defaults and routes), once each. */
export function configuredChannels(notify: NotifyConfig): ChannelSpec[] {
  const all: ChannelSpec[] = [];
  if (notify.slack !== undefined) all.push(slack(notify.slack.channel));
  if (notify.teams !== undefined) all.push(teams(notify.teams.webhookUrl));
  for (const route of notify.routes ?? []) {
    if (route.slackChannel !== undefined) all.push(slack(route.slackChannel));
    if (route.teamsWebhookUrl !== undefined) all.push(teams(route.teamsWebhookUrl));
  }
  return unique(all);
}

/** The channels of one alert, in config order, once each. */
export function routeAlert(
  alert: Pick<Alert, "priority" | "type" | "location">,
  notify: NotifyConfig,
): ChannelSpec[] {
  const matched: ChannelSpec[] = [];
  let matchedAny = false;
  for (const route of notify.routes ?? []) {
    const { priority, type, location } = route.when;
    if (priority !== undefined && (alert.priority === null || !priority.includes(alert.priority))) continue;
    if (type !== undefined && !type.includes(alert.type)) continue;
    if (location !== undefined && (alert.location === null || !location.includes(alert.location))) continue;
    matchedAny = true;
    if (route.slackChannel !== undefined) matched.push(slack(route.slackChannel));
    if (route.teamsWebhookUrl !== undefined) matched.push(teams(route.teamsWebhookUrl));
  }
  if (matchedAny) return unique(matched);
  const defaults: ChannelSpec[] = [];
  if (notify.slack !== undefined) defaults.push(slack(notify.slack.channel));
  if (notify.teams !== undefined) defaults.push(teams(notify.teams.webhookUrl));
  return defaults;
}

function unique(specs: ChannelSpec[]): ChannelSpec[] {
  const seen = new Set<string>();
  return specs.filter((s) => !seen.has(s.key) && seen.add(s.key));
}
