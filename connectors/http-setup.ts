/**
 * The HTTP client a connector talks to its API with: the shared pipeline when the caller passes
 * one (the sync wiring, tests), else a pipeline of its own that words failures with the API's
 * explanation from the error body and names sla-sentinel as the user agent.
 */
import { createHttpClient, type HttpClient, type HttpClientOptions } from "../src/http/index.js";
import { VERSION } from "../src/version.js";
import type { ConnectorDeps } from "./types.js";

export function connectorHttpClient(
  deps: Pick<ConnectorDeps, "http" | "log">,
  describeErrorBody: NonNullable<HttpClientOptions["describeErrorBody"]>,
): HttpClient {
  return (
    deps.http ?? createHttpClient({ log: deps.log, describeErrorBody, userAgent: `sla-sentinel/${VERSION}` })
  );
}
