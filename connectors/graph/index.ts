/**
 * The `graph` connector (README.md): Microsoft 365 service health → outages (O4.3), Intune and
 * Entra ID devices → daily device snapshots (O5.2), Defender vulnerability assessment →
 * vulnerabilities (T3.2) and patches (O5.1). token.ts gets tokens, client.ts does HTTP, mapper.ts
 * and defender-history.ts map, poll.ts orchestrates.
 */
import { isAbsolute, resolve } from "node:path";
import { type GraphConnectorConfig, graphConnectorSchema } from "../../src/config/schema/graph.js";
import { connectorHttpClient } from "../http-setup.js";
import type { Connector, ConnectorDefinition, ConnectorDeps, PollContext, RecordBatch } from "../types.js";
import { createGraphClient } from "./client.js";
import { loadCredential } from "./credential.js";
import { snapshotAt } from "./mapper.js";
import { pollGraph } from "./poll.js";
import { describeGraphError } from "./schema.js";
import { createTokenProvider, scopesFor } from "./token.js";

/**
 * Settings the YAML schema (src/config/schema/graph.ts) does not have yet; until it does, the
 * defaults apply, and an embedder can pass others here.
 */
export interface GraphSettings {
  /** the contract's time zone, in which a device snapshot is one per day */
  zone: string;
  /** the least time between two Defender reads */
  defenderIntervalMinutes: number;
  /** O5.1: the term from a patch's availability to its installation, in calendar days */
  patchTermDays: number;
  /** vulnerability exceptions (exceptions.ts), relative to `baseDir`; none by default */
  exceptionsFile: string | undefined;
}

export const DEFAULT_GRAPH_SETTINGS: GraphSettings = {
  zone: "Europe/Amsterdam",
  defenderIntervalMinutes: 240,
  patchTermDays: 14,
  exceptionsFile: undefined,
};

export interface GraphConnectorDeps extends ConnectorDeps {
  /** the clock for snapshot days and Defender's read interval; default Date.now */
  now?: () => number;
  settings?: Partial<GraphSettings>;
  /** how a throttled `$batch` part waits; tests pass a recorder */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface GraphConnector extends Connector {
  readonly type: "graph";
}

const MINUTE_MS = 60_000;

export function createGraphConnector(
  config: GraphConnectorConfig,
  deps: GraphConnectorDeps = {},
): GraphConnector {
  const settings: GraphSettings = {
    ...DEFAULT_GRAPH_SETTINGS,
    ...(deps.zone !== undefined ? { zone: deps.zone } : {}),
    patchTermDays: config.patchTermDays,
    defenderIntervalMinutes: config.defenderIntervalMinutes,
    ...(config.exceptionsFile !== undefined ? { exceptionsFile: config.exceptionsFile } : {}),
    ...deps.settings,
  };
  snapshotAt(0, settings.zone); // an unknown zone fails here, at start-up
  const credential = loadCredential(config, deps.baseDir);
  const http = connectorHttpClient(deps, describeGraphError);
  const tokens = createTokenProvider({
    connector: config.name,
    tenantId: config.tenantId,
    clientId: config.clientId,
    credential,
    loginUrl: config.loginUrl,
    scopes: scopesFor(config.graphUrl, config.defenderUrl),
    ...(deps.log !== undefined && { log: deps.log }),
  });
  const client = createGraphClient({
    connector: config.name,
    graphUrl: config.graphUrl,
    defenderUrl: config.defenderUrl,
    http,
    tokens,
    ...(deps.sleep !== undefined && { sleep: deps.sleep }),
    ...(deps.now !== undefined && { now: deps.now }),
  });
  const exceptionsFile =
    settings.exceptionsFile === undefined || isAbsolute(settings.exceptionsFile)
      ? settings.exceptionsFile
      : resolve(deps.baseDir ?? ".", settings.exceptionsFile);

  return {
    name: config.name,
    type: "graph",
    async *poll(context: PollContext): AsyncIterable<RecordBatch> {
      if (deps.state === undefined && config.collect.vulnerabilities) {
        throw new Error(
          `connector "${config.name}" (graph): no state store was passed in (deps.state), so Defender history ` +
            "could not be kept between polls; this is a wiring error in the caller",
        );
      }
      yield* pollGraph(
        {
          client,
          state: deps.state ?? { getMeta: async () => null, setMeta: async () => undefined },
          source: config.name,
          graphUrl: config.graphUrl,
          collect: config.collect,
          inScope: config.inScope,
          zone: settings.zone,
          defenderIntervalMs: settings.defenderIntervalMinutes * MINUTE_MS,
          patchTermMs: settings.patchTermDays * 24 * 60 * MINUTE_MS,
          exceptionsFile,
          now: deps.now ?? Date.now,
          ...(deps.log !== undefined && { log: deps.log }),
        },
        context,
      );
    },
  };
}

export const graphConnector: ConnectorDefinition<GraphConnectorConfig> = {
  configSchema: graphConnectorSchema,
  create: createGraphConnector,
};

export { GraphAccessError, GraphTokenError } from "./errors.js";
export { ENDPOINTS } from "./permissions.js";
