/** `server` (health and Prometheus metrics of `run`) and `log`. */
import { z } from "zod";
import { section, settingsGroup, text, wholeNumber } from "./values.js";

export const serverSchema = settingsGroup({
  port: wholeNumber({ min: 1, max: 65535 }).default(9464),
  /** loopback by default: /metrics is not for the open network unless chosen */
  host: text.default("127.0.0.1"),
});

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export const logSchema = section(z.strictObject({ level: z.enum(LOG_LEVELS).default("info") }).prefault({}));

export type ServerConfig = z.output<typeof serverSchema>;
export type LogConfig = z.output<typeof logSchema>;
