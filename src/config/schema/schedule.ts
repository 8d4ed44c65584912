/** `schedule`: when `run` syncs and which reports it writes. */
import { z } from "zod";
import { explainBadCron } from "../cron.js";
import { section, text } from "./values.js";

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
});

export const scheduleSchema = section(
  z
    .strictObject({
      sync: cronExpression.default("*/5 * * * *"),
      reports: section(z.array(report).optional()),
    })
    .prefault({}),
);

export type ScheduleConfig = z.output<typeof scheduleSchema>;
export type ReportSchedule = NonNullable<ScheduleConfig["reports"]>[number];
