/** The shared HTTP pipeline: one client for every connector and sink (see client.ts). */
export {
  createHttpClient,
  formatIssuePath,
  type HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
} from "./client.js";
export {
  AuthHttpError,
  BadRequestHttpError,
  HttpError,
  type HttpErrorKind,
  isHttpError,
  MalformedResponseError,
  NotFoundHttpError,
  safeUrl,
  TransientHttpError,
} from "./errors.js";
export { createLimiter, type Limiter, perHostLimiters } from "./limiter.js";
export { mapLimit } from "./map-limit.js";
export { backoffMs, isRetryableStatus, retryAfterMs } from "./retry.js";
