/**
 * Slack Web API failures as the delivery tells them apart (part of the Slack sink, src/sinks/slack.ts):
 * rate limited with its Retry-After, a message that is gone, a message refused for good, an
 * outage, or a token, scope or channel problem a person must fix.
 */
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from "@slack/web-api";
import { AlertDeliveryError } from "../alerts/types.js";

// Platform errors (ok: false) that are about this one message; the rest are about the token, the
// scopes or the channel, which a person must fix (https://docs.slack.dev/reference/methods/chat.postMessage#errors).
const GONE = new Set([
  "message_not_found",
  "cant_update_message",
  "edit_window_closed",
  // a reply's parent was deleted (conversations.replies; chat.postMessage with its thread_ts)
  "thread_not_found",
  "invalid_thread_ts",
]);
const REJECTED = new Set([
  "msg_too_long",
  "msg_blocks_too_long",
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "metadata_too_large",
  "no_text",
  "too_many_attachments",
  "invalid_arguments",
]);
const TRANSIENT = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

export function slackDeliveryError(error: unknown, method: string): AlertDeliveryError {
  if (error instanceof AlertDeliveryError) return error;
  if (error instanceof WebAPIRateLimitedError) {
    return new AlertDeliveryError(
      "rate-limited",
      `slack ${method}: rate limited (retry after ${error.retryAfter} s)`,
      {
        retryAfterMs: error.retryAfter * 1000,
        cause: error,
      },
    );
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const kind = GONE.has(code)
      ? "gone"
      : REJECTED.has(code)
        ? "rejected"
        : TRANSIENT.has(code)
          ? "transient"
          : "config";
    return new AlertDeliveryError(kind, `slack ${method}: ${code}`, { cause: error });
  }
  if (error instanceof WebAPIHTTPError) {
    const kind = error.statusCode >= 500 ? "transient" : "config";
    return new AlertDeliveryError(kind, `slack ${method}: HTTP ${error.statusCode}`, { cause: error });
  }
  // A request that failed on the way (timeout, dropped connection) may still have been posted.
  const what = error instanceof WebAPIRequestError ? error.original.message : String(error);
  return new AlertDeliveryError("transient", `slack ${method}: ${what}`, { uncertain: true, cause: error });
}
