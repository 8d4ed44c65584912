/**
 * Every connector type by its id, the `type:` of a `connectors:` entry in the YAML. A test checks
 * that this map and the folders under connectors/ (those with an index.ts) name the same types.
 */
import { z } from "zod";
import { fileConnector } from "./file/index.js";
import { graphConnector } from "./graph/index.js";
import { jsmConnector } from "./jsm/index.js";
import { topdeskConnector } from "./topdesk/index.js";
import type { Connector, ConnectorConfigBase, ConnectorDefinition, ConnectorDeps } from "./types.js";

export const connectorRegistry = {
  file: fileConnector,
  graph: graphConnector,
  jsm: jsmConnector,
  topdesk: topdeskConnector,
} as const satisfies Record<string, ConnectorDefinition>;

export type ConnectorType = keyof typeof connectorRegistry;

export const CONNECTOR_TYPES = Object.keys(connectorRegistry) as ConnectorType[];

export function isConnectorType(type: string): type is ConnectorType {
  return Object.hasOwn(connectorRegistry, type);
}

/**
 * Builds a connector from its config entry, checking the entry against its type's schema. The
 * config module normally validated it already; checking again keeps this safe to call directly.
 */
export function createConnector(config: ConnectorConfigBase, deps: ConnectorDeps = {}): Connector {
  if (!isConnectorType(config.type)) {
    throw new Error(
      `connector "${config.name}": unknown type "${config.type}" (known: ${CONNECTOR_TYPES.join(", ")})`,
    );
  }
  const definition: ConnectorDefinition = connectorRegistry[config.type];
  const parsed = definition.configSchema.safeParse(config);
  if (!parsed.success) {
    throw new Error(`connector "${config.name}" (${config.type}): ${z.prettifyError(parsed.error)}`);
  }
  return definition.create(parsed.data, deps);
}
