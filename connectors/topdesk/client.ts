/**
 * TOPdesk REST calls, HTTP only: no mapping, no state. Every call goes through the shared
 * pipeline (src/http); a 401/403 is turned into one line naming the connector and what to fix.
 */
import { AuthHttpError, BadRequestHttpError, type HttpClient, safeUrl } from "../../src/http/index.js";
import {
  INCIDENT_FIELDS,
  incidentListSchema,
  type TopdeskIncident,
  type TrailEntry,
  trailPageSchema,
  versionSchema,
} from "./schema.js";

export interface TopdeskClientOptions {
  /** ends in /tas/api, without a trailing slash (the config schema normalises it) */
  baseUrl: string;
  username: string;
  password: string;
  /** the connector instance name, for error messages */
  connector: string;
  http: HttpClient;
}

export interface IncidentPage {
  /** 206: more rows follow; 200: last page; 204: no rows (§2.2) */
  status: number;
  incidents: TopdeskIncident[];
}

/** What the account is doing when TOPdesk refuses it, to say which permission is missing. */
type Operation = "version" | "list" | "trail" | "write";

const FORBIDDEN: Record<Operation, string> = {
  version:
    'the account may not use the REST API: its permission group needs "REST API" (read) and "Use application passwords" (write)',
  list: "the account may not read incidents: its permission group needs 1st and 2nd line incident permission (read)",
  trail:
    "the account may not read progress trails: its permission group needs 1st and 2nd line incident permission (read)",
  write:
    "the account may not change incidents: its permission group needs 1st and 2nd line incident permission (write)",
};

/** A 401/403, phrased for the person who has to fix it. Never contains the password. */
export class TopdeskAuthError extends Error {
  override readonly name = "TopdeskAuthError";
  constructor(
    connector: string,
    readonly status: number,
    operation: Operation,
  ) {
    const cause =
      status === 401
        ? "TOPdesk rejected the login name or application password (401 Unauthorized): check username and password, and whether the application password has expired"
        : `TOPdesk refused access (403 Forbidden): ${FORBIDDEN[operation]}`;
    super(`connector "${connector}" (topdesk): ${cause}; see connectors/topdesk/README.md`);
  }
}

export interface TopdeskClient {
  /** `GET /version`: the REST API version string, e.g. "3.7.2" */
  version(signal?: AbortSignal): Promise<string>;
  /** `GET /incidents` with FIQL on modificationDate, ascending (REST API ≥ 3.4, §2.1, §2.3) */
  incidentsModifiedSince(
    since: string,
    pageStart: number,
    pageSize: number,
    signal?: AbortSignal,
  ): Promise<IncidentPage>;
  /** `GET /incidents` with the legacy date filter (REST API < 3.4, §2.4): whole days, any order */
  incidentsModifiedSinceDay(
    day: string,
    start: number,
    pageSize: number,
    signal?: AbortSignal,
  ): Promise<IncidentPage>;
  /** every entry of `GET /incidents/id/{id}/progresstrail`, paged by 100 (§4.1) */
  progressTrail(incidentId: string, signal?: AbortSignal): Promise<TrailEntry[]>;
  /** partial update of one incident by number (§5.1): PATCH, or PUT where PATCH is not allowed */
  updateIncident(number: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<void>;
}

const TRAIL_PAGE = 100;

export function createTopdeskClient(options: TopdeskClientOptions): TopdeskClient {
  const { baseUrl, http, connector } = options;
  const headers = {
    Authorization: `Basic ${Buffer.from(`${options.username}:${options.password}`, "utf8").toString("base64")}`,
  };
  let updateMethod: "PATCH" | "PUT" = "PATCH";

  async function guarded<T>(operation: Operation, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AuthHttpError && error.status !== null) {
        throw new TopdeskAuthError(connector, error.status, operation);
      }
      throw error;
    }
  }

  async function listPage(params: Record<string, string | number | boolean>, signal?: AbortSignal) {
    return guarded("list", async () => {
      const response = await http.request({
        url: `${baseUrl}/incidents`,
        params: { ...params, fields: INCIDENT_FIELDS.join(",") },
        headers,
        schema: incidentListSchema,
        signal,
      });
      return { status: response.status, incidents: response.data ?? [] };
    });
  }

  return {
    version: (signal) =>
      guarded("version", async () => {
        const url = `${baseUrl}/version`;
        const response = await http.requestOrNull({ url, headers, schema: versionSchema, signal });
        if (response === null) {
          throw new Error(
            `connector "${connector}" (topdesk): ${safeUrl(url)} was not found (404): ` +
              "check baseUrl, which must be the REST root ending in /tas/api",
          );
        }
        return response.data?.version ?? "";
      }),

    incidentsModifiedSince: (since, pageStart, pageSize, signal) =>
      listPage(
        {
          query: `modificationDate=ge=${since}`,
          // id second, so that rows sharing a modificationDate keep one order between requests
          sort: "modificationDate:asc,id:asc",
          all: true,
          pageStart,
          pageSize,
        },
        signal,
      ),

    incidentsModifiedSinceDay: (day, start, pageSize, signal) =>
      guarded("list", async () => {
        const response = await http.request({
          url: `${baseUrl}/incidents`,
          params: { modification_date_start: day, start, page_size: pageSize },
          headers,
          schema: incidentListSchema,
          signal,
        });
        return { status: response.status, incidents: response.data ?? [] };
      }),

    progressTrail: (incidentId, signal) =>
      guarded("trail", async () => {
        const entries: TrailEntry[] = [];
        for (let start = 0; ; start += TRAIL_PAGE) {
          const response = await http.request({
            url: `${baseUrl}/incidents/id/${encodeURIComponent(incidentId)}/progresstrail`,
            params: { start, page_size: TRAIL_PAGE },
            headers,
            schema: trailPageSchema,
            signal,
          });
          entries.push(...(response.data ?? []));
          if (response.status !== 206 || (response.data ?? []).length === 0) return entries;
        }
      }),

    updateIncident: (number, body, signal) =>
      guarded("write", async () => {
        // Incident numbers contain spaces on many tenants (`I 2401 0457`, pitfall 6).
        const url = `${baseUrl}/incidents/number/${encodeURIComponent(number)}`;
        try {
          await http.request({ method: updateMethod, url, body, headers, signal });
        } catch (error) {
          // PATCH is in the current API; older clients use PUT with a partial body (§5.1).
          if (updateMethod === "PATCH" && error instanceof BadRequestHttpError && error.status === 405) {
            updateMethod = "PUT";
            await http.request({ method: "PUT", url, body, headers, signal });
            return;
          }
          throw error;
        }
      }),
  };
}
