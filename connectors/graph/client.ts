/**
 * Graph and Defender calls, HTTP only: no mapping, no state. Every request goes through the shared
 * pipeline (src/http: per-host limit, timeout, bounded retry honouring `Retry-After` on 429/503).
 * Here: the bearer token per API, one renewal after a 401, a 403 turned into the missing
 * permission, paging by the full `@odata.nextLink`, and `$batch` for the first pages.
 */
import type { z } from "zod";
import {
  AuthHttpError,
  BadRequestHttpError,
  type HttpClient,
  type HttpMethod,
  MalformedResponseError,
  NotFoundHttpError,
  retryAfterMs,
} from "../../src/http/index.js";
import { sleep as defaultSleep } from "../../src/http/retry.js";
import { GraphAccessError } from "./errors.js";
import { type Api, ENDPOINTS, type Endpoint } from "./permissions.js";
import { odataString, withQuery } from "./query.js";
import {
  batchResponseSchema,
  type DefenderMachine,
  describeGraphError,
  machinePageSchema,
  type Page,
  pageSchema,
  type VulnerabilityRow,
  vulnerabilityPageSchema,
} from "./schema.js";
import type { TokenProvider } from "./token.js";

export interface GraphClientOptions {
  /** the connector instance name, for error messages */
  connector: string;
  /** e.g. https://graph.microsoft.com/v1.0, without a trailing slash */
  graphUrl: string;
  /** e.g. https://api.securitycenter.microsoft.com, without a trailing slash */
  defenderUrl: string;
  http: HttpClient;
  tokens: TokenProvider;
  /** waits before re-sending throttled `$batch` parts; tests pass a recorder */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface GraphRequest {
  endpoint: Endpoint;
  /** absolute URL under graphUrl, query included */
  url: string;
}

export interface GraphClient {
  /** One page of a Graph collection: a first URL or a nextLink, used verbatim. */
  page(request: GraphRequest, signal?: AbortSignal): Promise<Page>;
  /**
   * The first pages of several Graph collections: one `$batch` call instead of one call each
   * (graph-chat.md §6). Throttled parts are sent again on their own after their `Retry-After`.
   */
  firstPages(requests: readonly GraphRequest[], signal?: AbortSignal): Promise<Page[]>;
  /** The items of every page, following `@odata.nextLink` from `first` (a URL or a fetched page). */
  items(endpoint: Endpoint, first: string | Page, signal?: AbortSignal): AsyncIterable<unknown[]>;
  /** Defender `GET /api/machines`, page by page. */
  machines(signal?: AbortSignal): AsyncIterable<DefenderMachine[]>;
  /** Defender `GET /api/machines/SoftwareVulnerabilitiesByMachine` (full export), page by page. */
  vulnerabilityRows(signal?: AbortSignal): AsyncIterable<VulnerabilityRow[]>;
}

/**
 * Onboarded machines only: device discovery also lists printers and phones seen on the network
 * (`CanBeOnboarded`), which have no vulnerability assessment. The filter is the documented and
 * widely used `onboardingStatus eq 'Onboarded'`.
 */
const MACHINES_URL = (defenderUrl: string) =>
  withQuery(`${defenderUrl}/api/machines`, {
    $filter: `onboardingStatus eq ${odataString("Onboarded")}`,
    $select: "id,computerDnsName,lastSeen",
  });

/** The longest `Retry-After` of a throttled `$batch` part this client waits (the pipeline's own cap). */
const MAX_BATCH_WAIT_MS = 60_000;

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const { connector, graphUrl, defenderUrl, http, tokens } = options;
  const wait = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const origins: Record<Api, string> = {
    graph: new URL(graphUrl).origin,
    defender: new URL(defenderUrl).origin,
  };

  /** A request with the API's bearer token; after a 401 once more with a renewed token. */
  async function send<T>(
    endpoint: Endpoint,
    request: { url: string; schema: z.ZodType<T>; method?: HttpMethod; body?: unknown },
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const api = ENDPOINTS[endpoint].api;
    checkOrigin(request.url, api);
    const attempt = async (renew: boolean) => {
      const token = await tokens.token(api, { renew });
      const response = await http.request({
        ...request,
        headers: { Authorization: `Bearer ${token}` },
        signal,
      });
      if (response.data === null) {
        throw new MalformedResponseError(
          { method: request.method ?? "GET", url: request.url, status: response.status },
          "empty response body",
        );
      }
      return response.data;
    };
    try {
      try {
        return await attempt(false);
      } catch (error) {
        // An expired or revoked token: msal's cache may still hold it, so ask for a fresh one.
        if (error instanceof AuthHttpError && error.status === 401) return await attempt(true);
        throw error;
      }
    } catch (error) {
      if (error instanceof AuthHttpError && (error.status === 401 || error.status === 403)) {
        throw new GraphAccessError(connector, endpoint, error.status, error.detail);
      }
      throw error;
    }
  }

  /** A nextLink from the API must stay on the API's host: the bearer token goes with it. */
  function checkOrigin(url: string, api: Api): void {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      origin = "";
    }
    if (origin !== origins[api]) {
      throw new MalformedResponseError(
        { method: "GET", url: origins[api], status: null },
        `refused to follow a link to another host (${origin || "invalid URL"})`,
      );
    }
  }

  const page = (request: GraphRequest, signal?: AbortSignal) =>
    send(request.endpoint, { url: request.url, schema: pageSchema }, signal);

  async function firstPages(requests: readonly GraphRequest[], signal?: AbortSignal): Promise<Page[]> {
    if (requests.length <= 1) return Promise.all(requests.map((request) => page(request, signal)));
    if (requests.length > 20) throw new RangeError("$batch takes at most 20 requests");
    const batchUrl = `${graphUrl}/$batch`;
    let envelope: z.output<typeof batchResponseSchema>;
    try {
      envelope = await send(
        (requests[0] as GraphRequest).endpoint,
        {
          method: "POST",
          url: batchUrl,
          schema: batchResponseSchema,
          body: {
            requests: requests.map((request, index) => ({
              id: String(index + 1),
              method: "GET",
              url: relativeTo(graphUrl, request.url),
            })),
          },
        },
        signal,
      );
    } catch (error) {
      // An older Graph answered the whole batch with 424 when a part was throttled (§6): then
      // every part is asked on its own.
      if (error instanceof BadRequestHttpError && error.status === 424) {
        return Promise.all(requests.map((request) => page(request, signal)));
      }
      throw error;
    }
    const byId = new Map(envelope.responses.map((response) => [response.id, response]));
    const pages: Array<Page | undefined> = [];
    const again: number[] = [];
    let waitMs = 0;
    for (const [index, request] of requests.entries()) {
      const part = byId.get(String(index + 1));
      const init = { method: "GET", url: request.url, status: part?.status ?? null };
      if (part === undefined) throw new MalformedResponseError(init, "$batch answer lacks this request");
      const detail = describeGraphError(part.body);
      if (part.status >= 200 && part.status < 300) {
        const parsed = pageSchema.safeParse(part.body);
        if (!parsed.success)
          throw new MalformedResponseError(init, "response does not have the expected shape");
        pages[index] = parsed.data;
      } else if (part.status === 429 || part.status === 424 || part.status >= 500 || part.status === 401) {
        // Throttled parts carry their own Retry-After (inner 429s are not retried by Graph);
        // a 401 part is sent again on its own, which renews the token.
        const asked = retryAfterMs(headerOf(part.headers, "retry-after"), now()) ?? 0;
        waitMs = Math.max(waitMs, Math.min(asked, MAX_BATCH_WAIT_MS));
        again.push(index);
      } else if (part.status === 403) {
        throw new GraphAccessError(connector, request.endpoint, 403, detail);
      } else if (part.status === 404) {
        throw new NotFoundHttpError({ ...init, detail }, "404 Not Found (in $batch)");
      } else {
        throw new BadRequestHttpError({ ...init, detail }, `${part.status} (in $batch)`);
      }
    }
    if (again.length > 0) {
      if (waitMs > 0) await wait(waitMs, signal);
      for (const index of again) pages[index] = await page(requests[index] as GraphRequest, signal);
    }
    return pages as Page[];
  }

  async function* items(endpoint: Endpoint, first: string | Page, signal?: AbortSignal) {
    let current = typeof first === "string" ? await page({ endpoint, url: first }, signal) : first;
    const followed = new Set<string>();
    for (;;) {
      yield current.value;
      const next = current["@odata.nextLink"];
      if (next === undefined) return;
      if (followed.has(next)) {
        throw new MalformedResponseError(
          { method: "GET", url: next, status: 200 },
          "paging made no progress (the same nextLink twice)",
        );
      }
      followed.add(next);
      current = await page({ endpoint, url: next }, signal);
    }
  }

  async function* defenderPages<T>(
    endpoint: Endpoint,
    first: string,
    schema: z.ZodType<{ value: T[]; "@odata.nextLink"?: string | undefined }>,
    signal?: AbortSignal,
  ): AsyncIterable<T[]> {
    const followed = new Set<string>();
    let url: string | undefined = first;
    while (url !== undefined) {
      const current: { value: T[]; "@odata.nextLink"?: string | undefined } = await send(
        endpoint,
        { url, schema },
        signal,
      );
      yield current.value;
      url = current["@odata.nextLink"];
      if (url !== undefined) {
        if (followed.has(url)) {
          throw new MalformedResponseError({ method: "GET", url, status: 200 }, "paging made no progress");
        }
        followed.add(url);
      }
    }
  }

  return {
    page,
    firstPages,
    items,
    machines: (signal) => defenderPages("machines", MACHINES_URL(defenderUrl), machinePageSchema, signal),
    vulnerabilityRows: (signal) =>
      defenderPages(
        "vulnerabilities",
        `${defenderUrl}/api/machines/SoftwareVulnerabilitiesByMachine`,
        vulnerabilityPageSchema,
        signal,
      ),
  };
}

/** `https://graph…/v1.0/devices?$top=1` → `/devices?$top=1`, the form `$batch` takes. */
function relativeTo(base: string, url: string): string {
  if (!url.startsWith(`${base}/`)) throw new Error(`${url} is not under ${base}`);
  return url.slice(base.length);
}

function headerOf(
  headers: Readonly<Record<string, string>> | null | undefined,
  name: string,
): string | undefined {
  if (headers == null) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}
