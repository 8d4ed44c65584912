/**
 * When to try a request again and how long to wait: a small deny-list in the manner of
 * octokit/plugin-retry. 400/401/403/404 and the other 4xx are never retried (trying again cannot
 * fix a bad query or a missing permission); 408, 429 and every 5xx are, and so are network errors
 * and timeouts.
 */

/** Statuses that say "later": 408 Request Timeout, 429 Too Many Requests, every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Statuses whose `Retry-After` header we honour (RFC 9110 §10.2.3 names 503; 429 per RFC 6585). */
export function honoursRetryAfter(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * The wait a `Retry-After` header asks for, in ms: either delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to `now`. Null when absent or unreadable; a date in
 * the past means "now" (0).
 * @example retryAfterMs("2", 0) // → 2000
 * @example retryAfterMs("Thu, 01 Jan 1970 00:00:05 GMT", 1000) // → 4000
 */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (header === undefined) return null;
  const value = header.trim();
  if (value === "") return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Only the HTTP-date form (it always contains a comma and "GMT"); Date.parse would also accept
  // zone-less forms that would be read in the host's zone.
  if (!/^[A-Za-z]{3}, .+ GMT$/.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/**
 * Exponential backoff before retry number `retry` (0-based): base, 2×base, 4×base, … capped.
 * @example backoffMs(2, 100, 60_000) // → 400
 */
export function backoffMs(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
}

/** Waits `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
