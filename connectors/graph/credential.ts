/**
 * The app registration's credential, as msal-node takes it: a client secret, or the private key of
 * a certificate uploaded to the app registration plus that certificate's thumbprint (graph-chat.md
 * §1.3; msal-node docs/certificate-credentials.md). The key file is read once, at start-up, so a
 * missing or unusable file is a configuration error, not a failed sync.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { GraphConnectorConfig } from "../../src/config/schema/graph.js";

export type ClientCredential =
  | { kind: "secret"; secret: string }
  | {
      kind: "certificate";
      /** PKCS#8 PEM, the form msal-node signs with */
      privateKey: string;
      thumbprintSha256?: string;
      thumbprint?: string;
      /** the certificate (PEM), when the file holds it: sent as `x5c` (subject name + issuer auth) */
      x5c?: string;
    };

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function loadCredential(
  config: Pick<GraphConnectorConfig, "name" | "clientSecret" | "certificate">,
  baseDir?: string,
): ClientCredential {
  if (config.clientSecret !== undefined) return { kind: "secret", secret: config.clientSecret };
  const certificate = config.certificate;
  if (certificate === undefined) {
    throw new Error(`connector "${config.name}" (graph): set clientSecret or certificate`);
  }
  const path = isAbsolute(certificate.path) ? certificate.path : resolve(baseDir ?? ".", certificate.path);
  const fail = (why: string) =>
    new Error(`connector "${config.name}" (graph): certificate.path ${path}: ${why}`);
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw fail(code === "ENOENT" ? "no such file" : `cannot be read (${String(code ?? "error")})`);
  }
  let privateKey: string;
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa") {
      throw fail(
        `holds a ${key.asymmetricKeyType ?? "non-RSA"} key; Entra ID signs client assertions with RSA keys`,
      );
    }
    // PKCS#1 ("BEGIN RSA PRIVATE KEY") and PKCS#8 are both accepted; msal-node wants PKCS#8.
    privateKey = key.export({ type: "pkcs8", format: "pem" }).toString();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`connector "`)) throw error;
    // Node reports a missing passphrase differently per OpenSSL version; the PEM header does not vary.
    const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem);
    throw fail(
      encrypted
        ? "the private key is encrypted; store it without a passphrase (and protect the file instead)"
        : "holds no readable private key (expected PEM: BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)",
    );
  }
  const certificates = pem.match(CERTIFICATE) ?? [];
  const [leaf] = certificates;
  if (leaf !== undefined) checkThumbprint(leaf, certificate, fail);
  return {
    kind: "certificate",
    privateKey,
    ...(certificate.thumbprintSha256 !== undefined && { thumbprintSha256: certificate.thumbprintSha256 }),
    ...(certificate.thumbprint !== undefined && { thumbprint: certificate.thumbprint }),
    ...(leaf !== undefined && { x5c: certificates.join("\n") }),
  };
}

/**
 * When the file also holds the certificate, its thumbprint must be the configured one: a
 * mismatch would otherwise only show as AADSTS700027 at the first token request.
 */
function checkThumbprint(
  pem: string,
  configured: { thumbprintSha256?: string | undefined; thumbprint?: string | undefined },
  fail: (why: string) => Error,
): void {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw fail("holds a certificate that cannot be read");
  }
  const hex = (fingerprint: string) => fingerprint.replace(/:/g, "").toLowerCase();
  if (
    configured.thumbprintSha256 !== undefined &&
    hex(cert.fingerprint256) !== configured.thumbprintSha256.toLowerCase()
  ) {
    throw fail(
      `certificate.thumbprintSha256 is not the thumbprint of the certificate in the file (${hex(cert.fingerprint256)})`,
    );
  }
  if (configured.thumbprint !== undefined && hex(cert.fingerprint) !== configured.thumbprint.toLowerCase()) {
    throw fail(
      `certificate.thumbprint is not the SHA-1 thumbprint of the certificate in the file (${hex(cert.fingerprint)})`,
    );
  }
}
