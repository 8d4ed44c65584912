/**
 * The PostgreSQL store's access to its pool: single statements, and transactions on one client.
 * Both turn a connection failure into a `StoreConnectionError` naming the server, not the URL.
 */
import type pg from "pg";
import {
  connectionError,
  createPool,
  describeTarget,
  type PgPoolOptions,
  type PgTarget,
} from "./connection.js";

/** What the query helpers need: a pooled client inside a transaction, or the database itself. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

export class PgDatabase {
  readonly pool: pg.Pool;
  readonly #url: string;
  readonly #target: PgTarget;
  #closed = false;

  constructor(options: PgPoolOptions) {
    this.#url = options.url;
    this.#target = describeTarget(options.url);
    this.pool = createPool(options);
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (error) {
      throw this.explain(error);
    }
  }

  /**
   * Runs `work` between `begin` and COMMIT on one client, rolling back when it throws. A client
   * whose ROLLBACK failed is destroyed rather than returned to the pool in an unknown state.
   */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.explain(error);
    }
    let broken = false;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw this.explain(error);
    } finally {
      client.release(broken);
    }
  }

  /** A connection failure as a `StoreConnectionError`; anything else unchanged. */
  explain(error: unknown): unknown {
    return connectionError(error, this.#target, this.#url);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end();
  }
}
