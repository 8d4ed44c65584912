/** `schedule`: when `run` syncs and which reports it writes. */
import { z } from "zod";
import { explainBadCron } from "../cron.js";
import { channelTarget, type NotifyConfig } from "./notify.js";
import { apiBaseUrl } from "./urls.js";
import { names, section, text, wholeNumber } from "./values.js";

export const cronExpression = z.string().superRefine((value, ctx) => {
  const problem = explainBadCron(value);
  if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
});

export const REPORT_FORMATS = ["html", "json", "csv", "md"] as const;

const report = z.strictObject({
  cron: cronExpression,
  /** the last complete period of this length when the report runs */
  period: z.enum(["month", "quarter", "year"]),
  formats: z
    .array(z.enum(REPORT_FORMATS))
    .min(1)
    .refine((items) => new Set(items).size === items.length, { message: "lists a format twice" })
    .default(["html"]),
  /** output folder, relative to the config file's folder */
  out: text.default("./out"),
  /**
   * notify channels to post the written report's scorecard to: `slack`, `slack:<channel id>`,
   * `teams`, `teams:<route name>` (checked against `notify` by `checkReportPosts`)
   */
  post: names.min(1).optional(),
  /** where `out` is served (an intranet page): the scorecard links its files under it */
  publicUrl: apiBaseUrl().optional(),
});

export const scheduleSchema = section(
  z
    .strictObject({
      sync: cronExpression.default("*/5 * * * *"),
      /**
       * Several instances on one database: the active one holds a lease of this many seconds and
       * renews it every third of that; a standby takes over at its first sync tick after a killed
       * holder's lease lapsed. Keep it below the sync interval, so a takeover costs one cycle.
       */
      leaseSeconds: wholeNumber({ min: 10, max: 3600 }).default(60),
      reports: section(z.array(report).optional()),
    })
    .prefault({}),
);

export type ScheduleConfig = z.output<typeof scheduleSchema>;
export type ReportSchedule = NonNullable<ScheduleConfig["reports"]>[number];

/**
 * Cross-section check (the whole config's schema runs it): every `post` of a scheduled report
 * names a channel that `notify` defines.
 */
export function checkReportPosts(
  config: { notify?: NotifyConfig; schedule?: ScheduleConfig },
  ctx: z.RefinementCtx,
): void {
  const { notify, schedule } = config;
  // A notify or schedule section with problems of its own is reported as such, not here.
  if (notify === undefined || !Array.isArray(schedule?.reports)) return;
  for (const [index, report] of schedule.reports.entries()) {
    if (!Array.isArray(report?.post)) continue;
    for (const [at, ref] of report.post.entries()) {
      if (typeof ref !== "string") continue;
      const target = channelTarget(notify, ref);
      if (typeof target === "string") {
        ctx.addIssue({ code: "custom", path: ["schedule", "reports", index, "post", at], message: target });
      }
    }
  }
}
