/**
 * The chat channels of `notify`, built once per command or daemon: one Slack WebClient per bot
 * token shared by every Slack channel, one HTTP pipeline for every Teams workflow. The same
 * channels post the scheduled reports' scorecards (src/sinks/report-post).
 */
import type { Logger } from "pino";
import type { NotifyConfig } from "../config/schema/notify.js";
import { createHttpClient, type HttpClientOptions } from "../http/index.js";
import type { ReportChannel } from "../sinks/report-post/types.js";
import { createSlackClient, SlackChannel, type SlackClientOptions } from "../sinks/slack.js";
import { TeamsChannel } from "../sinks/teams.js";
import { configuredChannels } from "./routing.js";
import type { AlertChannel } from "./types.js";

export interface AlertChannelOptions {
  log?: Logger;
  userAgent?: string;
  /** Slack SDK retries, base delay and timeout (tests: a base delay of 1 ms) */
  slack?: Pick<SlackClientOptions, "retries" | "baseDelayMs" | "timeoutMs">;
  /** the Teams HTTP pipeline's settings (tests: `baseDelayMs`, `sleep`) */
  teams?: HttpClientOptions;
}

/** A configured chat channel: it takes alerts and report scorecards. */
export type ChatChannel = AlertChannel & ReportChannel;

/** Channel key → channel, for every channel the config names; empty when alerting is not set up. */
export function buildAlertChannels(
  notify: NotifyConfig,
  options: AlertChannelOptions = {},
): Map<string, ChatChannel> {
  const channels = new Map<string, ChatChannel>();
  const specs = configuredChannels(notify);
  const log = options.log?.child({ component: "alerts" });
  const slackClient =
    notify.slack === undefined
      ? null
      : createSlackClient({
          token: notify.slack.token,
          apiUrl: notify.slack.apiUrl,
          ...options.slack,
          ...(log && { log }),
        });
  let teamsHttp: ReturnType<typeof createHttpClient> | null = null;
  for (const spec of specs) {
    if (spec.kind === "slack") {
      // The schema refuses a route's Slack channel without notify.slack (its token).
      if (slackClient !== null)
        channels.set(
          spec.key,
          new SlackChannel(slackClient, spec.channel, {
            key: spec.key,
            ...(log && { log }),
            ...(notify.slack?.breachReply !== undefined && { breachReply: notify.slack.breachReply }),
          }),
        );
      continue;
    }
    teamsHttp ??= createHttpClient({
      retries: 2,
      // A Retry-After longer than this defers the alert to a later cycle instead of holding it.
      maxDelayMs: 30_000,
      timeoutMs: 15_000,
      ...(log && { log }),
      ...(options.userAgent !== undefined && { userAgent: options.userAgent }),
      ...options.teams,
    });
    channels.set(spec.key, new TeamsChannel(teamsHttp, spec.webhookUrl, spec.key));
  }
  return channels;
}
