/**
 * The PostgreSQL connection pool and the two ways the store uses it: a single query, and a
 * transaction on one pooled client. Connection failures become a `StoreConnectionError` that names
 * the server and database but never the URL (it usually carries the password).
 */
import pg from "pg";

/** The server, port and database a URL points at, safe to show in errors and logs. */
export interface PgTarget {
  host: string;
  port: string;
  database: string;
}

/** The PostgreSQL server cannot be reached or refused the login: the message says where, never how. */
export class StoreConnectionError extends Error {
  override readonly name = "StoreConnectionError";
}

export interface PgPoolOptions {
  url: string;
  /** validated schema name (see `checkedPgSchema`): it goes into SQL unquoted */
  schema: string;
  poolSize: number;
}

const INT8_OID = 20;

/**
 * Epoch milliseconds and ids are `bigint` columns, which node-postgres returns as text by default
 * (an int8 may exceed 2^53). Ours never do, so this pool reads them as numbers; the global parser
 * is left alone.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function createPool({ url, schema, poolSize }: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    // A server that does not answer (a dropped route, a firewall) fails the call instead of
    // hanging the cycle; keep-alive finds connections that died while idle.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    // Shown in pg_stat_activity, so a DBA sees whose connections these are.
    application_name: "sla-sentinel",
    // Every table is in the store's schema; set per connection (and awaited before the client is
    // handed out) so unqualified names in every query, ours and the report tables', resolve there.
    onConnect: async (client) => {
      await client.query(`SET search_path TO ${schema}`);
    },
  });
  // An idle client whose connection drops emits `error` on the pool; without a listener Node would
  // end the process. The pool discards that client, and the next query opens a new connection.
  pool.on("error", () => {});
  return pool;
}

/** Host, port and database of a connection URL; placeholders where it does not say. */
export function describeTarget(url: string): PgTarget {
  try {
    // `postgres://user@/db?host=/socket`: libpq and node-postgres accept an empty host after a
    // user, the URL parser does not; a placeholder host stands in (a `host` parameter wins).
    const parsed = new URL(url.replace(/@(?=\/|$)/, "@localhost"));
    return {
      // `?host=/var/run/postgresql` selects a Unix socket, as libpq allows
      host: parsed.searchParams.get("host") ?? (decodeURIComponent(parsed.hostname) || "localhost"),
      port: parsed.searchParams.get("port") ?? (parsed.port || "5432"),
      database: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username),
    };
  } catch {
    return { host: "(unparsable URL)", port: "?", database: "?" };
  }
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOENT", // a Unix socket that is not there
  "28000", // invalid authorization
  "28P01", // wrong password
  "3D000", // no such database
  "57P03", // the server is starting up or shutting down
  "53300", // too many connections
]);

/** Whether an error means "could not get a working connection", as opposed to a failing statement. */
function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  return /^Connection terminated|timeout expired/i.test(error.message);
}

/** A `StoreConnectionError` in place of a connection failure; any other error as it was. */
export function connectionError(error: unknown, target: PgTarget, url: string): unknown {
  if (!isConnectionFailure(error)) return error;
  const password = passwordOf(url);
  let reason = (error as Error).message;
  if (password !== "") reason = reason.split(password).join("***");
  return new StoreConnectionError(
    `cannot use PostgreSQL at ${target.host}:${target.port}, database '${target.database}': ${reason}`,
  );
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return "";
  }
}
