/**
 * Secret-bearing settings, for anything that prints or logs the parsed config (e.g. a future
 * `validate --format json`): their values are replaced, the rest is left as it is.
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  "password",
  "token",
  "clientSecret",
  "webhookUrl",
  "teamsWebhookUrl",
  "postgres",
]);

export const REDACTED = "[redacted]";

/** A deep copy of `value` with every secret-bearing key's value replaced by `[redacted]`. */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item)) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEYS.has(key) && item !== undefined ? REDACTED : redactSecrets(item),
    ]),
  ) as T;
}
