/**
 * Access tokens by the OAuth 2.0 client credentials flow, through ONE msal-node
 * ConfidentialClientApplication per connector: msal caches each token and asks for a new one
 * shortly before it expires (graph-chat.md §1.3), so nothing here tracks lifetimes. Graph and
 * Defender are different audiences and get separate tokens (§1.1, §1.4). Concurrent first calls
 * share one request (single flight), since msal would send one each.
 */
import { AuthError, ConfidentialClientApplication, LogLevel, ServerError } from "@azure/msal-node";
import type { Logger } from "pino";
import type { ClientCredential } from "./credential.js";
import { GraphTokenError } from "./errors.js";
import type { Api } from "./permissions.js";

export interface TokenProviderOptions {
  connector: string;
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  /** authority host without the tenant, e.g. https://login.microsoftonline.com */
  loginUrl: string;
  /** the `.default` scope of each API (see `scopesFor`) */
  scopes: Readonly<Record<Api, string>>;
  /** how long one token request may take; default 30 s */
  timeoutMs?: number;
  log?: Logger;
}

export interface TokenProvider {
  /** A valid access token for `api`; `renew` skips msal's cache (after the API answered 401). */
  token(api: Api, options?: { renew?: boolean }): Promise<string>;
}

const COMMERCIAL_DEFENDER_AUDIENCE = "https://api.securitycenter.microsoft.com";

/**
 * The `.default` scope per API. Graph's audience is its origin in every cloud
 * (graph.microsoft.com, graph.microsoft.us, microsoftgraph.chinacloudapi.cn). Defender's
 * commercial hosts (api.securitycenter…, api.security…, their geo variants eu., us., …) all take
 * the WindowsDefenderATP audience https://api.securitycenter.microsoft.com (Defender docs,
 * exposed-apis-create-app-webapp.md); a government host is its own audience
 * (api-gcc.securitycenter.microsoft.us), and so is a test server.
 */
export function scopesFor(graphUrl: string, defenderUrl: string): Record<Api, string> {
  const defender = new URL(defenderUrl);
  const defenderAudience = defender.hostname.endsWith(".microsoft.com")
    ? COMMERCIAL_DEFENDER_AUDIENCE
    : defender.origin;
  return { graph: `${new URL(graphUrl).origin}/.default`, defender: `${defenderAudience}/.default` };
}

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const { connector, credential, log } = options;
  const loginHost = new URL(options.loginUrl).host;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      authority: `${options.loginUrl}/${options.tenantId}`,
      // The configured host is trusted as it is (sovereign clouds, test servers): no instance
      // discovery against login.microsoftonline.com (interfaces.md, "Base URLs and defaults").
      knownAuthorities: [loginHost],
      ...(credential.kind === "secret"
        ? { clientSecret: credential.secret }
        : {
            clientCertificate: {
              privateKey: credential.privateKey,
              ...(credential.thumbprintSha256 !== undefined && {
                thumbprintSha256: credential.thumbprintSha256,
              }),
              ...(credential.thumbprint !== undefined && { thumbprint: credential.thumbprint }),
              ...(credential.x5c !== undefined && { x5c: credential.x5c }),
            },
          }),
    },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii || level > LogLevel.Warning) return;
          log?.warn({ connector, msal: message }, "msal-node reported a problem");
        },
      },
    },
  });

  const inFlight = new Map<string, Promise<string>>();

  async function acquire(api: Api, renew: boolean): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new GraphTokenError(connector, `${loginHost} did not answer within ${timeoutMs / 1000} s`, true),
          ),
        timeoutMs,
      );
    });
    const request = app.acquireTokenByClientCredential({ scopes: [options.scopes[api]], skipCache: renew });
    request.catch(() => undefined); // a late failure after the timeout must not go unhandled
    try {
      const result = await Promise.race([request, timeout]);
      if (result === null || result.accessToken === "") {
        throw new GraphTokenError(connector, `${loginHost} returned no access token for ${api}`, true);
      }
      return result.accessToken;
    } catch (error) {
      if (error instanceof GraphTokenError) throw error;
      const { cause, transient } = describeTokenFailure(error, api, loginHost);
      throw new GraphTokenError(connector, cause, transient);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    token(api, { renew = false } = {}) {
      const key = `${api}:${renew}`;
      let pending = inFlight.get(key);
      if (pending === undefined) {
        pending = acquire(api, renew).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}

/** Entra ID error numbers (AADSTS…) worth a sentence of their own. */
const AADSTS: Readonly<Record<string, string>> = {
  "7000215":
    "Entra ID rejected the client secret (AADSTS7000215): use the secret's Value (not its Secret ID) of this app registration",
  "7000222": "the client secret has expired (AADSTS7000222): create a new one in the app registration",
  "700016":
    "Entra ID knows no application with this clientId in the tenant (AADSTS700016): check clientId and tenantId",
  "90002": "Entra ID knows no tenant with this tenantId (AADSTS90002): check tenantId",
  "900023": "tenantId is not a valid tenant id or domain (AADSTS900023)",
  "700027":
    "Entra ID could not verify the certificate assertion (AADSTS700027): upload this certificate to the app registration and check its thumbprint",
  "700024": "the certificate assertion is outside its valid time (AADSTS700024): check this machine's clock",
  "7000112": "the application is disabled in this tenant (AADSTS7000112)",
  "500011":
    "the API is not available in this tenant (AADSTS500011): for Defender, the tenant has no Defender for Endpoint (WindowsDefenderATP); check defenderUrl",
  "1002012": "Entra ID refused the requested scope (AADSTS1002012): check graphUrl and defenderUrl",
  "70011": "Entra ID refused the requested scope (AADSTS70011): check graphUrl and defenderUrl",
};

/**
 * One sentence for a failed token request, built only from error codes: msal's messages are not
 * repeated, so nothing the request carried can leak into a log or the CLI output.
 */
export function describeTokenFailure(
  error: unknown,
  api: Api,
  loginHost: string,
): { cause: string; transient: boolean } {
  if (!(error instanceof AuthError)) {
    return {
      cause: `the token request for ${api} failed (${error instanceof Error ? error.name : "error"})`,
      transient: false,
    };
  }
  const status = error instanceof ServerError ? error.status : undefined;
  const number =
    (error instanceof ServerError ? error.errorNo : undefined) ?? /AADSTS(\d+)/.exec(error.errorMessage)?.[1];
  const known = number === undefined ? undefined : AADSTS[number];
  if (known !== undefined) return { cause: known, transient: false };
  switch (error.errorCode) {
    case "network_error":
      return { cause: `could not reach ${loginHost} (network error)`, transient: true };
    case "endpoints_resolution_error":
    case "openid_config_error":
      return {
        cause: `could not read the OpenID configuration of ${loginHost} for this tenant: check loginUrl and tenantId`,
        transient: false,
      };
    case "authority_uri_insecure":
    case "untrusted_authority":
    case "url_parse_error":
      return { cause: `loginUrl is not usable as an authority (${error.errorCode})`, transient: false };
  }
  if (status !== undefined && (status >= 500 || status === 429)) {
    return { cause: `${loginHost} answered ${status}; try again later`, transient: true };
  }
  const what = number === undefined ? error.errorCode : `${error.errorCode}, AADSTS${number}`;
  return { cause: `Entra ID refused the token request for ${api} (${what})`, transient: false };
}
