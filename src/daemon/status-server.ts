/**
 * The daemon's HTTP endpoints: `/livez` (200 while the process serves), `/healthz` (200 when the
 * data is current, else 503; both with a JSON body saying why) and `/metrics` (Prometheus text).
 * Plain node:http: three read-only routes do not need a framework.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../log/logger.js";
import type { HealthReport } from "./health.js";
import { StartupError } from "./types.js";

export interface StatusEndpoints {
  health(): HealthReport;
  metrics(): Promise<{ contentType: string; body: string }>;
  log: Logger;
}

export function createStatusServer(endpoints: StatusEndpoints): Server {
  return createServer((request, response) => {
    handle(endpoints, request, response).catch((error: unknown) => {
      endpoints.log.error(
        { error: error instanceof Error ? error.message : String(error) },
        "status request failed",
      );
      if (!response.headersSent) send(response, request, 500, json({ error: "internal error" }));
      else response.end();
    });
  });
}

async function handle(endpoints: StatusEndpoints, request: IncomingMessage, response: ServerResponse) {
  const path = (request.url ?? "/").split("?")[0];
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    return send(response, request, 405, json({ error: "method not allowed" }));
  }
  switch (path) {
    case "/livez":
      return send(response, request, 200, json({ status: "alive" }));
    case "/healthz": {
      const report = endpoints.health();
      return send(response, request, report.ready ? 200 : 503, json(report));
    }
    case "/metrics": {
      const { contentType, body } = await endpoints.metrics();
      return send(response, request, 200, { contentType, body });
    }
    default:
      return send(
        response,
        request,
        404,
        json({ error: "not found", paths: ["/livez", "/healthz", "/metrics"] }),
      );
  }
}

interface Body {
  contentType: string;
  body: string;
}

function json(value: unknown): Body {
  return { contentType: "application/json; charset=utf-8", body: `${JSON.stringify(value)}\n` };
}

function send(
  response: ServerResponse,
  request: IncomingMessage,
  status: number,
  { contentType, body }: Body,
) {
  response.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/** Listens; a port in use or not allowed is a StartupError with one line for the operator. */
export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === "EADDRINUSE" ? "is already in use" : `cannot be used (${error.code ?? error.message})`;
      reject(
        new StartupError(`server: port ${port} on ${host} ${why}; set server.port or stop the other process`),
      );
    };
    server.once("error", refused);
    server.listen(port, host, () => {
      server.off("error", refused);
      resolve();
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Prometheus keeps its scrape connection open; without this, close() would wait for it.
    server.closeAllConnections();
  });
}
