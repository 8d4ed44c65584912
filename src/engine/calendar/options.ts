/**
 * The calendar's options: the `contract.serviceWindow` and `contract.holidays` sections of the
 * YAML config, with the same shapes (shared/contract/interfaces.md).
 */
import { IANAZone } from "luxon";
import { z } from "zod";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'expected a time "HH:MM" between 00:00 and 24:00' });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date "YYYY-MM-DD"' })
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: "not a calendar date",
    },
  );

export const serviceWindowSchema = z
  .object({
    timezone: z
      .string()
      .default("Europe/Amsterdam")
      .refine((zone) => IANAZone.isValidZone(zone), {
        message: "not an IANA time zone (e.g. Europe/Amsterdam)",
      }),
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .default(["mon", "tue", "wed", "thu", "fri"])
      .refine((days) => new Set(days).size === days.length, { message: "a day is listed twice" }),
    from: clockTime.default("08:00"),
    to: clockTime.default("18:00"),
  })
  .strict()
  .refine((w) => w.from < w.to, { message: "the window must end after it starts", path: ["to"] });

export const holidaysSchema = z
  .object({
    country: z.enum(["NL", "none"]).default("NL"),
    goodFriday: z.boolean().default(false),
    liberationDay: z.enum(["never", "lustrum", "yearly"]).default("lustrum"),
    workingDays: z.array(isoDate).default([]),
    closedDays: z.array(isoDate).default([]),
  })
  .strict();

export const calendarOptionsSchema = z
  .object({
    serviceWindow: serviceWindowSchema.default({
      timezone: "Europe/Amsterdam",
      days: ["mon", "tue", "wed", "thu", "fri"],
      from: "08:00",
      to: "18:00",
    }),
    holidays: holidaysSchema.default({
      country: "NL",
      goodFriday: false,
      liberationDay: "lustrum",
      workingDays: [],
      closedDays: [],
    }),
  })
  .strict();

export type ServiceWindow = z.output<typeof serviceWindowSchema>;
export type HolidayOptions = z.output<typeof holidaysSchema>;
export type CalendarOptions = z.output<typeof calendarOptionsSchema>;
export type CalendarOptionsInput = z.input<typeof calendarOptionsSchema>;
