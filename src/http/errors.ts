/**
 * The five ways a remote call fails, as the sync and the sinks need to tell them apart
 * (style.md habit 4): transient (retried, bounded), auth (401/403: a person must fix a credential
 * or a permission), bad request (400 and other 4xx: our config or query is wrong), not found, and
 * a malformed response (the body does not have the shape we rely on).
 *
 * Messages name the method, host and path only: never a header, a query string or a body we sent,
 * so that a credential can never reach a log line or the CLI's output through an error.
 */

export type HttpErrorKind = "transient" | "auth" | "bad-request" | "not-found" | "malformed";

export interface HttpErrorInit {
  method: string;
  /** the request URL; only its origin and path are kept */
  url: string;
  /** the HTTP status, or null when no response arrived (network error, timeout) */
  status: number | null;
  /** the remote side's own short explanation, when its error body had one */
  detail?: string | null;
}

export abstract class HttpError extends Error {
  abstract readonly kind: HttpErrorKind;
  readonly method: string;
  /** origin + path of the request, without query or credentials */
  readonly url: string;
  readonly status: number | null;
  readonly detail: string | null;

  constructor(init: HttpErrorInit, what: string) {
    const url = safeUrl(init.url);
    const detail = init.detail ? shorten(init.detail) : null;
    super(`${init.method} ${url}: ${what}${detail === null ? "" : ` (${detail})`}`);
    this.method = init.method;
    this.url = url;
    this.status = init.status;
    this.detail = detail;
  }
}

/** Network error, timeout, 429 or 5xx: worth trying again later; already retried as configured. */
export class TransientHttpError extends HttpError {
  override readonly name = "TransientHttpError";
  readonly kind = "transient";
}

/** 401 (credential rejected) or 403 (permission missing). Never retried. */
export class AuthHttpError extends HttpError {
  override readonly name = "AuthHttpError";
  readonly kind = "auth";
}

/** 400 and the other 4xx but 404: the request is wrong (config, query, field names). Never retried. */
export class BadRequestHttpError extends HttpError {
  override readonly name = "BadRequestHttpError";
  readonly kind = "bad-request";
}

export class NotFoundHttpError extends HttpError {
  override readonly name = "NotFoundHttpError";
  readonly kind = "not-found";
}

/** A success response whose body is not JSON or lacks a field we use; `detail` names the field. */
export class MalformedResponseError extends HttpError {
  override readonly name = "MalformedResponseError";
  readonly kind = "malformed";
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}

/** `https://host/path` of a URL; user info, query and fragment dropped. */
export function safeUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
