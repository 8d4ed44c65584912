import { createHash, constants as cryptoConstants, generateKeyPairSync, verify } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuthError, ServerError } from "@azure/msal-node";
import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { type ClientCredential, loadCredential } from "../../../connectors/graph/credential.js";
import { GraphTokenError } from "../../../connectors/graph/errors.js";
import { createTokenProvider, describeTokenFailure, scopesFor } from "../../../connectors/graph/token.js";
import { useNock } from "../../http/nock-harness.js";
import {
  CLIENT_ID,
  DEFENDER,
  DEFENDER_SCOPE,
  FIXTURES,
  fixture,
  GRAPH,
  GRAPH_SCOPE,
  LOGIN,
  mockToken,
  mockTokenError,
  SECRET,
  TENANT,
  tokenRequests,
} from "./harness.js";

useNock();
beforeEach(() => {
  tokenRequests.length = 0;
});

function provider(credential: ClientCredential = { kind: "secret", secret: SECRET }, loginUrl = LOGIN) {
  return createTokenProvider({
    connector: "m365",
    tenantId: TENANT,
    clientId: CLIENT_ID,
    credential,
    loginUrl,
    scopes: scopesFor(`${GRAPH}/v1.0`, DEFENDER),
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), "graph-cert-"));

/** The parts of a compact JWS. */
function decodeJwt(jwt: string) {
  const [header, payload, signature] = jwt.split(".") as [string, string, string];
  const json = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  return { header: json(header), payload: json(payload), signed: `${header}.${payload}`, signature };
}

describe("client secret", () => {
  it("asks one token per API, with the secret, and serves the second call from msal's cache", async () => {
    mockToken(GRAPH_SCOPE, "graph-1");
    mockToken(DEFENDER_SCOPE, "defender-1");
    const tokens = provider();
    expect(await tokens.token("graph")).toBe("graph-1");
    expect(await tokens.token("graph")).toBe("graph-1"); // no second request (nock would fail)
    expect(await tokens.token("defender")).toBe("defender-1");
    expect(
      tokenRequests.map((body) => [body.grant_type, body.client_id, body.scope, body.client_secret]),
    ).toEqual([
      ["client_credentials", CLIENT_ID, GRAPH_SCOPE, SECRET],
      ["client_credentials", CLIENT_ID, DEFENDER_SCOPE, SECRET],
    ]);
  });

  it("sends one request for concurrent first calls (single flight)", async () => {
    mockToken(GRAPH_SCOPE, "graph-1");
    const tokens = provider();
    expect(await Promise.all([tokens.token("graph"), tokens.token("graph"), tokens.token("graph")])).toEqual([
      "graph-1",
      "graph-1",
      "graph-1",
    ]);
    expect(tokenRequests).toHaveLength(1);
  });

  it("renews an expired token: one that expires within msal's 5-minute margin is asked again", async () => {
    mockToken(GRAPH_SCOPE, "graph-1", { expiresIn: 120 });
    mockToken(GRAPH_SCOPE, "graph-2");
    const tokens = provider();
    expect(await tokens.token("graph")).toBe("graph-1");
    expect(await tokens.token("graph")).toBe("graph-2");
    expect(await tokens.token("graph")).toBe("graph-2");
  });

  it("skips the cache when asked to renew (after a 401 from the API)", async () => {
    mockToken(GRAPH_SCOPE, "graph-1");
    mockToken(GRAPH_SCOPE, "graph-2");
    const tokens = provider();
    expect(await tokens.token("graph")).toBe("graph-1");
    expect(await tokens.token("graph", { renew: true })).toBe("graph-2");
  });

  it("trusts a configured authority host: OpenID metadata and token from that host (sovereign cloud, test server)", async () => {
    const login = "https://login.sovereign.example";
    nock(login)
      .get(`/${TENANT}/v2.0/.well-known/openid-configuration`)
      .reply(200, fixture("openid-configuration-sovereign"));
    mockToken(GRAPH_SCOPE, "graph-sovereign", { login });
    expect(await provider(undefined, login).token("graph")).toBe("graph-sovereign");
  });
});

describe("certificate", () => {
  it("signs a client assertion with a PKCS#1 key generated for the test, with the SHA-256 thumbprint", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const dir = tmp();
    writeFileSync(join(dir, "app.pem"), privateKey.export({ type: "pkcs1", format: "pem" }));
    const thumbprintSha256 = createHash("sha256")
      .update("a certificate that is not in the file")
      .digest("hex");
    const credential = loadCredential(
      { name: "m365", certificate: { path: "app.pem", thumbprintSha256 }, clientSecret: undefined },
      dir,
    );
    expect(credential.kind).toBe("certificate");

    mockToken(GRAPH_SCOPE, "graph-cert");
    expect(await provider(credential).token("graph")).toBe("graph-cert");
    const [body] = tokenRequests as [Record<string, string>];
    expect(body.client_secret).toBeUndefined();
    expect(body.client_assertion_type).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const jwt = decodeJwt(body.client_assertion as string);
    expect(jwt.header).toMatchObject({
      alg: "PS256",
      "x5t#S256": Buffer.from(thumbprintSha256, "hex").toString("base64url"),
    });
    expect(jwt.header.x5c).toBeUndefined();
    expect(jwt.payload).toMatchObject({
      aud: `${LOGIN}/${TENANT}/oauth2/v2.0/token`,
      iss: CLIENT_ID,
      sub: CLIENT_ID,
    });
    const valid = verify(
      "sha256",
      Buffer.from(jwt.signed),
      { key: publicKey, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      Buffer.from(jwt.signature, "base64url"),
    );
    expect(valid).toBe(true);
  });

  it("sends the certificate as x5c when the PEM holds it, after checking its thumbprint", async () => {
    const thumbprintSha256 = "f467d5b839acc350b3eca93fb44b4bf421005909844fd1e190eb6065e4dd559d";
    const credential = loadCredential(
      { name: "m365", certificate: { path: join(FIXTURES, "test-only-certificate.pem"), thumbprintSha256 } },
      "/elsewhere",
    );
    mockToken(GRAPH_SCOPE, "graph-cert");
    await provider(credential).token("graph");
    const jwt = decodeJwt((tokenRequests[0] as Record<string, string>).client_assertion as string);
    expect(jwt.header.x5c).toEqual([expect.stringMatching(/^MII/)]);
  });

  it.each([
    [
      "a thumbprint that is not the certificate's",
      { path: join(FIXTURES, "test-only-certificate.pem"), thumbprintSha256: "ab".repeat(32) },
      /certificate\.thumbprintSha256 is not the thumbprint of the certificate in the file \(f467d5b8/,
    ],
    [
      "a SHA-1 thumbprint that is not the certificate's",
      { path: join(FIXTURES, "test-only-certificate.pem"), thumbprint: "cd".repeat(20) },
      /certificate\.thumbprint is not the SHA-1 thumbprint/,
    ],
    [
      "a missing file",
      { path: "/nonexistent/app.pem", thumbprintSha256: "ab".repeat(32) },
      /app\.pem: no such file$/,
    ],
  ])("refuses %s at start-up, naming the connector", (_name, certificate, message) => {
    expect(() => loadCredential({ name: "m365", certificate })).toThrow(message);
    expect(() => loadCredential({ name: "m365", certificate })).toThrow(
      /^connector "m365" \(graph\): certificate\.path /,
    );
  });

  it.each([
    [
      "an encrypted key",
      () =>
        generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
          type: "pkcs8",
          format: "pem",
          cipher: "aes-256-cbc",
          passphrase: "pw",
        }),
      /the private key is encrypted/,
    ],
    [
      "an EC key",
      () =>
        generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
          type: "pkcs8",
          format: "pem",
        }),
      /holds a ec key; Entra ID signs client assertions with RSA keys/,
    ],
    [
      "no key at all",
      () => "-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n",
      /holds no readable private key/,
    ],
  ])("refuses %s", (_name, pem, message) => {
    const dir = tmp();
    writeFileSync(join(dir, "app.pem"), pem());
    expect(() =>
      loadCredential(
        { name: "m365", certificate: { path: "app.pem", thumbprintSha256: "ab".repeat(32) } },
        dir,
      ),
    ).toThrow(message);
  });
});

describe("refused token requests: one line naming the connector and the cause, never the secret", () => {
  it.each([
    ["token-error-7000215", GRAPH_SCOPE, "graph", /Entra ID rejected the client secret \(AADSTS7000215\)/],
    [
      "token-error-700016",
      GRAPH_SCOPE,
      "graph",
      /no application with this clientId in the tenant \(AADSTS700016\)/,
    ],
    ["token-error-90002", GRAPH_SCOPE, "graph", /no tenant with this tenantId \(AADSTS90002\)/],
    [
      "token-error-700027",
      GRAPH_SCOPE,
      "graph",
      /could not verify the certificate assertion \(AADSTS700027\)/,
    ],
    ["token-error-500011", DEFENDER_SCOPE, "defender", /no Defender for Endpoint \(WindowsDefenderATP\)/],
  ] as const)("%s", async (name, scope, api, cause) => {
    mockTokenError(scope, name, name === "token-error-90002" ? 400 : 401);
    const error = await provider()
      .token(api)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(GraphTokenError);
    const message = (error as Error).message;
    expect(message).toMatch(/^connector "m365" \(graph\): no access token: /);
    expect(message).toMatch(cause);
    expect(message).toMatch(/see connectors\/graph\/README\.md$/);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain("\n");
    expect((error as GraphTokenError).transient).toBe(false);
  });

  it.each([
    [
      "an unreachable login host",
      new AuthError("network_error", "Network request failed: ECONNREFUSED"),
      true,
      "could not reach login.microsoftonline.com (network error)",
    ],
    [
      "Entra ID unavailable",
      new ServerError("temporarily_unavailable", "", "", "", undefined, 503),
      true,
      "login.microsoftonline.com answered 503; try again later",
    ],
    [
      "an unknown refusal",
      new ServerError("invalid_grant", "", "AADSTS50000: something new", "", "50000", 400),
      false,
      "Entra ID refused the token request for graph (invalid_grant, AADSTS50000)",
    ],
    [
      "a wrong authority",
      new AuthError("openid_config_error", ""),
      false,
      "could not read the OpenID configuration of login.microsoftonline.com for this tenant: check loginUrl and tenantId",
    ],
  ])("describes %s", (_name, error, transient, cause) => {
    expect(describeTokenFailure(error, "graph", "login.microsoftonline.com")).toEqual({ cause, transient });
  });
});

describe("scopesFor", () => {
  it.each([
    [
      "https://graph.microsoft.com/v1.0",
      "https://api.securitycenter.microsoft.com",
      GRAPH_SCOPE,
      DEFENDER_SCOPE,
    ],
    [
      "https://graph.microsoft.com/v1.0",
      "https://eu.api.security.microsoft.com",
      GRAPH_SCOPE,
      DEFENDER_SCOPE,
    ],
    [
      "https://graph.microsoft.us/v1.0",
      "https://api-gcc.securitycenter.microsoft.us",
      "https://graph.microsoft.us/.default",
      "https://api-gcc.securitycenter.microsoft.us/.default",
    ],
    [
      "https://microsoftgraph.chinacloudapi.cn/v1.0",
      "http://localhost:8443",
      "https://microsoftgraph.chinacloudapi.cn/.default",
      "http://localhost:8443/.default",
    ],
  ])("%s + %s → %s, %s", (graphUrl, defenderUrl, graph, defender) => {
    expect(scopesFor(graphUrl, defenderUrl)).toEqual({ graph, defender });
  });
});
