/**
 * The two ways this connector tells a person that access failed, each one line that names the
 * connector and the cause (interfaces.md: never a stack trace, never the secret): no token
 * (`GraphTokenError`, see token.ts) or a token the API refused (`GraphAccessError`).
 */
import { ENDPOINTS, type Endpoint } from "./permissions.js";

const README = "see connectors/graph/README.md";

/** A 401 or 403 from Graph or Defender, naming the permission the endpoint needs. */
export class GraphAccessError extends Error {
  override readonly name = "GraphAccessError";
  constructor(
    connector: string,
    readonly endpoint: Endpoint,
    readonly status: 401 | 403,
    /** the remote side's own words, when it sent any (never contains our credential) */
    detail: string | null = null,
  ) {
    const info = ENDPOINTS[endpoint];
    const cause =
      status === 403
        ? `the app registration needs the application permission ${info.permission} (${info.resource}) with admin consent` +
          (info.alsoWhen === undefined ? "" : `, or ${info.alsoWhen}`)
        : info.api === "defender"
          ? "the token was refused even after renewal: check defenderUrl (its token audience) and that the app is consented in this tenant"
          : "the token was refused even after renewal: check tenantId, graphUrl and that the app is consented in this tenant";
    const said = detail === null ? "" : ` (${detail})`;
    super(
      `connector "${connector}" (graph): reading ${info.what} was refused (${status} ${status === 403 ? "Forbidden" : "Unauthorized"})${said}: ${cause}; ${README}`,
    );
  }
}

/** No access token could be obtained from Microsoft Entra ID. */
export class GraphTokenError extends Error {
  override readonly name = "GraphTokenError";
  constructor(
    connector: string,
    cause: string,
    /** true when trying again later may help (network, Entra ID unavailable) */
    readonly transient: boolean,
  ) {
    super(`connector "${connector}" (graph): no access token: ${cause}; ${README}`);
  }
}
