/**
 * `notify`: where at-risk / breached / major-update alerts go (interfaces.md "Notifications").
 * `routes` send alerts for some tickets to other channels: an alert goes to every route it
 * matches, and to the default channels only when it matches none.
 */
import { z } from "zod";
import { PRIORITIES } from "../../model/schema.js";
import { ticketType } from "./connector-common.js";
import { apiBaseUrl, secretUrl } from "./urls.js";
import { evenWithOtherProblems, names, secret, section, text, wholeNumber, yesNo } from "./values.js";

const slack = z.strictObject({
  /** bot token (xoxb-…) with chat:write */
  token: secret,
  /** channel id (e.g. C0123456789): ids survive renames, and chat.update needs one */
  channel: text,
  /** ends in a slash, as @slack/web-api expects of `slackApiUrl` */
  apiUrl: apiBaseUrl()
    .transform((url) => `${url}/`)
    .default("https://slack.com/api/"),
  /**
   * A breach (or an overdue major-incident update) shown by editing an earlier message notifies
   * nobody: `thread` adds a reply in the message's thread, `broadcast` one also shown in the
   * channel, `off` none. Absent means `thread` (src/sinks/slack.ts).
   */
  breachReply: z.enum(["thread", "broadcast", "off"]).optional(),
});

const teams = z.strictObject({
  /** "When a Teams webhook request is received" workflow URL; its signature makes it a secret */
  webhookUrl: secretUrl,
});

const route = z
  .strictObject({
    /** names the route for `schedule.reports[].post` (`teams:<name>`); unique */
    name: text.optional(),
    /** every listed condition must hold; within one condition, any listed value */
    when: z
      .strictObject({
        priority: z.array(z.enum(PRIORITIES)).min(1).optional(),
        type: z.array(ticketType).min(1).optional(),
        location: names.min(1).optional(),
      })
      .refine((when) => Object.keys(when).length > 0, { message: "must name a priority, type or location" }),
    /** Slack channel id for these alerts (uses notify.slack's token) */
    slackChannel: text.optional(),
    /** another Teams workflow URL for these alerts */
    teamsWebhookUrl: secretUrl.optional(),
  })
  .refine((r) => r.slackChannel !== undefined || r.teamsWebhookUrl !== undefined, {
    message: "must send somewhere: slackChannel or teamsWebhookUrl",
  });

export const notifySchema = section(
  z
    .strictObject({
      /** share of the allowed time used before a ticket is "at risk" */
      atRiskAt: z
        .number()
        .gt(0, { message: "must be between 0 and 1 (exclusive), e.g. 0.75" })
        .lt(1, { message: "must be between 0 and 1 (exclusive), e.g. 0.75" })
        .default(0.75),
      slack: section(slack.optional()),
      teams: section(teams.optional()),
      routes: section(z.array(route).optional()),
      /** hold alerts on business-clock tickets (P2–P4) outside the service window; P1 runs 24/7 */
      quietOutsideWindow: yesNo.default(true),
      /**
       * alert when a clock has been paused this many hours (wall-clock time); 0: never. Absent
       * means 72: the default lives with the alert step (src/alerts/run-alerts.ts,
       * DEFAULT_PAUSED_ALERT_AFTER_HOURS) so that configs parsed before this setting existed
       * keep their exact shape.
       */
      pausedAlertAfterHours: wholeNumber({ min: 0, max: 8760 }).optional(),
    })
    .prefault({})
    .superRefine((notify, ctx) => {
      if (!Array.isArray(notify.routes)) return;
      const named = new Set<string>();
      for (const [index, r] of notify.routes.entries()) {
        if (notify.slack === undefined && typeof r?.slackChannel === "string") {
          ctx.addIssue({
            code: "custom",
            path: ["routes", index, "slackChannel"],
            message: "needs notify.slack (its token is used to post)",
          });
        }
        if (typeof r?.name !== "string") continue;
        if (named.has(r.name)) {
          ctx.addIssue({ code: "custom", path: ["routes", index, "name"], message: "names a route twice" });
        }
        named.add(r.name);
      }
    }, evenWithOtherProblems),
);

export type NotifyConfig = z.output<typeof notifySchema>;

/** A chat channel that `notify` defines, as another section names it (schedule.reports[].post). */
export type ChannelTarget = { kind: "slack"; channel: string } | { kind: "teams"; webhookUrl: string };

/**
 * What a channel reference names: `slack` (notify.slack.channel), `slack:<channel id>` (a Slack
 * channel notify names, by default or in a route), `teams` (notify.teams.webhookUrl) or
 * `teams:<route name>` (that route's teamsWebhookUrl: workflow URLs are secrets, so they are named
 * by their route rather than written twice). A text when it names nothing, saying why.
 * @example channelTarget(notify, "slack:C0UTRECHT01") // → { kind: "slack", channel: "C0UTRECHT01" }
 */
export function channelTarget(notify: NotifyConfig, ref: string): ChannelTarget | string {
  const [kind, ...rest] = ref.split(":");
  const name = rest.join(":");
  // Also run on a partly parsed config (evenWithOtherProblems): nothing here may assume a shape.
  const routes = Array.isArray(notify.routes) ? notify.routes : [];
  if (kind === "slack") {
    if (notify.slack === undefined) return "needs notify.slack";
    if (rest.length === 0) return { kind, channel: notify.slack.channel };
    const known = [notify.slack.channel, ...routes.map((r) => r?.slackChannel)];
    return known.includes(name)
      ? { kind, channel: name }
      : `names Slack channel ${name}, which notify does not (notify.slack.channel or a route's slackChannel)`;
  }
  if (kind === "teams") {
    if (rest.length === 0) {
      return notify.teams === undefined
        ? "needs notify.teams"
        : { kind, webhookUrl: notify.teams.webhookUrl };
    }
    const route = routes.find((r) => r?.name === name);
    if (route === undefined) return `names route ${name}, which notify.routes does not have`;
    return route.teamsWebhookUrl === undefined
      ? `route ${name} has no teamsWebhookUrl`
      : { kind, webhookUrl: route.teamsWebhookUrl };
  }
  return "expected slack, slack:<channel id>, teams or teams:<route name>";
}
