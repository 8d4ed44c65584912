/**
 * The graph connector against nock: the real msal-node (its fetch is intercepted too), the shared
 * HTTP pipeline with recorded waits, an in-memory state. Fixtures under test/fixtures/graph are
 * shaped like the real APIs (`<endpoint>-<case>.json`).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { expect } from "vitest";
import { createGraphConnector, type GraphConnectorDeps } from "../../../connectors/graph/index.js";
import { describeGraphError } from "../../../connectors/graph/schema.js";
import { memoryState } from "../../../connectors/state.js";
import type { RecordBatch } from "../../../connectors/types.js";
import { graphConnectorSchema } from "../../../src/config/schema/graph.js";
import { createHttpClient } from "../../../src/http/index.js";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/graph");

export const TENANT = "f0e1d2c3-b4a5-4968-8776-655443322110";
export const CLIENT_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
export const SECRET = "Zq8~client.secret-VALUE_4xY";
export const LOGIN = "https://login.microsoftonline.com";
export const GRAPH = "https://graph.microsoft.com";
export const DEFENDER = "https://api.securitycenter.microsoft.com";
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
export const DEFENDER_SCOPE = "https://api.securitycenter.microsoft.com/.default";
/** The first sync runs at noon (UTC) on Monday 2 March 2026, 13:00 in Amsterdam. */
export const NOW = Date.parse("2026-03-02T12:00:00Z");
export const IN_SCOPE = ["Exchange Online", "microsoft teams", "SharePoint Online", "Microsoft 365 suite"];

/** The first-page URLs (below /v1.0) as the connector builds them. */
export const FIRST = {
  issues:
    "/admin/serviceAnnouncement/issues?$select=id,service,classification,status,isResolved,startDateTime,endDateTime,lastModifiedDateTime",
  managed:
    "/deviceManagement/managedDevices?$select=id,complianceState,lastSyncDateTime,operatingSystem,osVersion,azureADDeviceId",
  entra: "/devices?$select=deviceId,isCompliant&$top=999",
} as const;
export const MACHINES =
  "/api/machines?$filter=onboardingStatus%20eq%20%27Onboarded%27&$select=id,computerDnsName,lastSeen";
export const EXPORT = "/api/machines/SoftwareVulnerabilitiesByMachine";

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as T;
}

/**
 * Compares `actual` with `golden/<name>.json`; `UPDATE_GOLDEN=1` rewrites the file instead (read
 * the diff by hand before committing it). A missing file fails the test.
 */
export function expectGolden(name: string, actual: unknown): void {
  const path = join(FIXTURES, "golden", `${name}.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, text);
  expect(existsSync(path), `golden file ${path}`).toBe(true);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(path, "utf8")));
}

export function graphConfig(overrides: Record<string, unknown> = {}) {
  return graphConnectorSchema.parse({
    type: "graph",
    name: "m365",
    tenantId: TENANT,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    inScope: IN_SCOPE,
    ...overrides,
  });
}

export function makeConnector(overrides: Record<string, unknown> = {}, deps: GraphConnectorDeps = {}) {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  const http = createHttpClient({
    baseDelayMs: 1,
    timeoutMs: 2_000,
    describeErrorBody: describeGraphError,
    sleep,
    now: () => NOW,
  });
  const state = memoryState();
  const connector = createGraphConnector(graphConfig(overrides), {
    http,
    state,
    now: () => NOW,
    sleep,
    ...deps,
  });
  return { connector, waits, state, http };
}

/** Every token request seen, as form fields. */
export const tokenRequests: Array<Record<string, string>> = [];

/** One token from the token endpoint for `scope`. */
export function mockToken(
  scope: string,
  accessToken: string,
  options: { expiresIn?: number; login?: string; tenant?: string } = {},
): nock.Scope {
  return nock(options.login ?? LOGIN)
    .post(`/${options.tenant ?? TENANT}/oauth2/v2.0/token`, (body: Record<string, string>) => {
      if (body.scope !== scope) return false;
      tokenRequests.push(body);
      return true;
    })
    .query(true)
    .reply(200, {
      token_type: "Bearer",
      expires_in: options.expiresIn ?? 3599,
      ext_expires_in: options.expiresIn ?? 3599,
      access_token: accessToken,
    });
}

/** A refused token request, with one of the recorded Entra ID error bodies. */
export function mockTokenError(scope: string, name: string, status = 401): nock.Scope {
  return nock(LOGIN)
    .post(`/${TENANT}/oauth2/v2.0/token`, (body: Record<string, string>) => body.scope === scope)
    .query(true)
    .reply(status, fixture(name));
}

/** A GET whose path and query must be exactly `pathAndQuery` (no re-encoding tolerated). */
export function getExact(origin: string, pathAndQuery: string, token: string): nock.Interceptor {
  return nock(origin)
    .matchHeader("authorization", `Bearer ${token}`)
    .get((uri) => uri === pathAndQuery);
}

export interface BatchPart {
  /** the request's URL below /v1.0, as the connector sends it */
  url: string;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** One `$batch` call asking exactly `parts[].url` (ids 1…n), answered part by part. */
export function mockBatch(parts: readonly BatchPart[], token: string): nock.Scope {
  const expected = parts.map((part, index) => ({ id: String(index + 1), method: "GET", url: part.url }));
  return nock(GRAPH)
    .matchHeader("authorization", `Bearer ${token}`)
    .post("/v1.0/$batch", (body: { requests?: unknown }) => {
      expect(body.requests).toEqual(expected);
      return true;
    })
    .reply(200, {
      responses: parts
        .map((part, index) => ({
          id: String(index + 1),
          status: part.status,
          headers: { "Content-Type": "application/json", ...part.headers },
          body: part.body,
        }))
        .reverse(), // Graph answers in any order
    });
}

/** Runs a poll the way the sync does: each batch consumed before the next is asked for. */
export async function drain(poll: AsyncIterable<RecordBatch>, onBatch?: (batch: RecordBatch) => void) {
  const batches: RecordBatch[] = [];
  for await (const batch of poll) {
    batches.push(batch);
    onBatch?.(batch);
  }
  return batches;
}
