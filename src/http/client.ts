/**
 * The one HTTP pipeline every connector and sink uses (style.md, after renovate's lib/util/http):
 * per-host concurrency limit → request with timeout → classification → bounded retry with
 * backoff that honours `Retry-After` → JSON body → zod. Callers get parsed data or one of the
 * error classes of errors.ts; axios errors never escape, because they carry the request config
 * and with it the Authorization header.
 */
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import type { Logger } from "pino";
import type { z } from "zod";
import {
  AuthHttpError,
  BadRequestHttpError,
  type HttpError,
  MalformedResponseError,
  NotFoundHttpError,
  safeUrl,
  TransientHttpError,
} from "./errors.js";
import { type Limiter, perHostLimiters } from "./limiter.js";
import { backoffMs, honoursRetryAfter, isRetryableStatus, retryAfterMs, sleep } from "./retry.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpClientOptions {
  /** per attempt; default 30 s */
  timeoutMs?: number;
  /** requests in flight per host; default 4 */
  maxConcurrencyPerHost?: number;
  /** attempts after the first; default 4 */
  retries?: number;
  /** first backoff; doubled per retry. Default 1 s; tests use 1 ms */
  baseDelayMs?: number;
  /** longest single wait; a `Retry-After` asking for more gives up instead. Default 60 s */
  maxDelayMs?: number;
  userAgent?: string;
  log?: Logger;
  /** the remote side's explanation from an error body (each API words its errors differently) */
  describeErrorBody?: (body: unknown) => string | null;
  /** for tests: how to wait, and what time it is (for `Retry-After` dates) */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface HttpRequest<T> {
  method?: HttpMethod;
  url: string;
  params?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** sent as JSON */
  body?: unknown;
  /** checks a non-empty success body; the parsed value is returned as `data` */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  status: number;
  /** null for an empty body (204, or 200 without content) */
  data: T | null;
  headers: Record<string, string>;
}

export interface HttpClient {
  request<T = unknown>(request: HttpRequest<T>): Promise<HttpResponse<T>>;
  /** Like `request`, but a 404 is a normal `null`. */
  requestOrNull<T = unknown>(request: HttpRequest<T>): Promise<HttpResponse<T> | null>;
}

type Attempt = { response: AxiosResponse<string> } | { failure: string };

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const wait = options.sleep ?? sleep;
  const now = options.now ?? Date.now;
  const limiterFor = perHostLimiters(options.maxConcurrencyPerHost ?? 4);
  const instance: AxiosInstance = axios.create({
    adapter: "http",
    timeout: timeoutMs,
    // Classified below; a redirect is refused rather than followed, so credentials stay on the
    // configured host and a wrong base URL (http → https, a login page) is reported as such.
    validateStatus: () => true,
    maxRedirects: 0,
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true },
  });

  async function attempt(request: HttpRequest<unknown>, limiter: Limiter): Promise<Attempt> {
    return limiter.run(async () => {
      try {
        const response = await instance.request<string>({
          method: request.method ?? "GET",
          url: request.url,
          params: request.params,
          data: request.body === undefined ? undefined : JSON.stringify(request.body),
          headers: {
            Accept: "application/json",
            ...(request.body !== undefined && { "Content-Type": "application/json; charset=utf-8" }),
            ...(options.userAgent !== undefined && { "User-Agent": options.userAgent }),
            ...request.headers,
          },
          signal: request.signal,
        });
        return { response };
      } catch (error) {
        request.signal?.throwIfAborted();
        return { failure: describeNetworkError(error, timeoutMs) };
      }
    });
  }

  async function send<T>(request: HttpRequest<T>, notFoundAsNull: boolean): Promise<HttpResponse<T> | null> {
    const method = request.method ?? "GET";
    const init = { method, url: request.url };
    const limiter = limiterFor(hostOf(request.url));
    // Timeouts and dropped connections are retried only where repeating is harmless.
    const idempotent = method !== "POST";
    for (let retry = 0; ; retry++) {
      const result = await attempt(request, limiter);
      let delay: number;
      let failure: () => HttpError;
      if ("failure" in result) {
        const what = result.failure;
        failure = () => new TransientHttpError({ ...init, status: null }, what);
        if (!idempotent) throw failure();
        delay = backoffMs(retry, baseDelayMs, maxDelayMs);
      } else {
        const { response } = result;
        const status = response.status;
        if (status >= 200 && status < 300) return success(response, request);
        if (status === 404 && notFoundAsNull) return null;
        const detail = errorDetail(response.data, options.describeErrorBody);
        if (!isRetryableStatus(status) || (!idempotent && status !== 429 && status !== 503)) {
          throw classify({ ...init, status, detail }, response);
        }
        const asked = honoursRetryAfter(status)
          ? retryAfterMs(headerOf(response, "retry-after"), now())
          : null;
        if (asked !== null && asked > maxDelayMs) {
          throw new TransientHttpError(
            { ...init, status, detail },
            `${statusText(response)}; asked to retry after ${Math.ceil(asked / 1000)} s, longer than the ${maxDelayMs / 1000} s this client waits`,
          );
        }
        failure = () => new TransientHttpError({ ...init, status, detail }, statusText(response));
        delay = asked ?? backoffMs(retry, baseDelayMs, maxDelayMs);
      }
      if (retry >= retries) {
        const error = failure();
        if (retries > 0) error.message += ` after ${retries + 1} attempts`;
        throw error;
      }
      options.log?.warn(
        { method, url: safeUrl(request.url), attempt: retry + 1, delayMs: delay },
        "http request failed, retrying",
      );
      await wait(delay, request.signal);
    }
  }

  return {
    request: async (request) => (await send(request, false)) as HttpResponse<never>,
    requestOrNull: (request) => send(request, true),
  };
}

function success<T>(response: AxiosResponse<string>, request: HttpRequest<T>): HttpResponse<T> {
  const init = { method: request.method ?? "GET", url: request.url, status: response.status };
  const text = typeof response.data === "string" ? response.data : "";
  let body: unknown = null;
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw new MalformedResponseError(init, "response body is not JSON");
    }
  }
  const headers = flatHeaders(response);
  if (body === null || request.schema === undefined)
    return { status: response.status, data: body as T, headers };
  const parsed = request.schema.safeParse(body);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    const where = first === undefined ? "body" : formatIssuePath(first.path);
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : "";
    throw new MalformedResponseError(
      { ...init, detail: `${where}: ${first?.message ?? "unexpected shape"}${more}` },
      "response does not have the expected shape",
    );
  }
  return { status: response.status, data: parsed.data, headers };
}

function classify(
  init: ConstructorParameters<typeof BadRequestHttpError>[0],
  response: AxiosResponse,
): HttpError {
  const status = response.status;
  const what = statusText(response);
  if (status === 401 || status === 403) return new AuthHttpError(init, what);
  if (status === 404) return new NotFoundHttpError(init, what);
  if (status >= 300 && status < 400) {
    return new BadRequestHttpError(
      { ...init, detail: null },
      `${what}: redirected elsewhere; check the base URL`,
    );
  }
  return new BadRequestHttpError(init, what);
}

/** `[3].modificationDate`, `caller.branch.name`; the body itself is `body`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "body" : out;
}

function errorDetail(text: unknown, describe: HttpClientOptions["describeErrorBody"]): string | null {
  if (describe === undefined || typeof text !== "string" || text.trim() === "") return null;
  try {
    return describe(JSON.parse(text));
  } catch {
    return null;
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ETIMEDOUT" || code === "ECONNABORTED") return `no response within ${timeoutMs} ms`;
  return typeof code === "string" ? `network error ${code}` : "network error";
}

function statusText(response: AxiosResponse): string {
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
}

function headerOf(response: AxiosResponse, name: string): string | undefined {
  const value: unknown = response.headers[name];
  return typeof value === "string" ? value : undefined;
}

function flatHeaders(response: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(response.headers)) {
    if (typeof value === "string") out[key.toLowerCase()] = value;
  }
  return out;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}
