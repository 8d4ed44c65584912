/**
 * Structured JSON logs on stderr (stdout belongs to command output). Static messages, data as
 * fields; anything that looks like a credential is redacted before it is written.
 */
import { type Logger, pino } from "pino";

export type { Logger };

const SECRET_KEYS = [
  "password",
  "token",
  "clientSecret",
  "secret",
  "authorization",
  "Authorization",
  "webhookUrl",
  "postgres",
  "apiKey",
];

export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `headers.${key}`]);

export function createLogger(level = "info", destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: "sla-sentinel" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination as pino.DestinationStream,
  );
}
