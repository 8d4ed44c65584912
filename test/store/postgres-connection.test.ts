import { describe, expect, it } from "vitest";
import { describeTarget, StoreConnectionError } from "../../src/store/postgres/connection.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { TEST_PG_URL } from "./backends.js";

const PASSWORD = "s3cret-Pa55";

describe("describeTarget", () => {
  it.each([
    [
      "host, port and database",
      `postgres://sla:${PASSWORD}@db.example.org:6432/contracts`,
      "db.example.org",
      "6432",
      "contracts",
    ],
    ["the default port", "postgresql://sla@db.example.org/sla", "db.example.org", "5432", "sla"],
    [
      "the user's database when none is named",
      "postgres://sla@db.example.org",
      "db.example.org",
      "5432",
      "sla",
    ],
    ["a Unix socket", "postgres:///sla?host=/var/run/postgresql", "/var/run/postgresql", "5432", "sla"],
    [
      "a Unix socket after a user",
      "postgres://sla@/sla?host=/var/run/postgresql",
      "/var/run/postgresql",
      "5432",
      "sla",
    ],
    ["a user but no host", "postgres://sla@", "localhost", "5432", "sla"],
    ["text that is no URL", "postgres://[oops", "(unparsable URL)", "?", "?"],
    ["an encoded database name", "postgres://h/my%20db", "h", "5432", "my db"],
  ])("%s", (_name, url, host, port, database) => {
    expect(describeTarget(url)).toEqual({ host, port, database });
  });
});

describe("a PostgreSQL store that cannot connect", () => {
  const withPassword = (url: string) => {
    const parsed = new URL(url);
    parsed.password = PASSWORD;
    return parsed.href;
  };

  async function failure(url: string): Promise<Error> {
    const store = new PostgresStore({ url, poolSize: 1 });
    try {
      await store.migrate();
    } catch (error) {
      return error as Error;
    } finally {
      await store.close();
    }
    throw new Error("expected migrate to fail");
  }

  it("names host, port and database, never the password or the URL", async () => {
    const url = withPassword("postgres://sla@127.0.0.1:1/contracts");
    const error = await failure(url);
    expect(error).toBeInstanceOf(StoreConnectionError);
    expect(error.message).toMatch(
      /^cannot use PostgreSQL at 127\.0\.0\.1:1, database 'contracts': .*ECONNREFUSED/,
    );
    for (const text of [error.message, String(error.stack), JSON.stringify(error)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain("postgres://");
    }
  });

  it("says which database does not exist", async () => {
    const url = new URL(withPassword(TEST_PG_URL));
    url.pathname = "/no_such_database";
    const error = await failure(url.href);
    expect(error).toBeInstanceOf(StoreConnectionError);
    expect(error.message).toContain(`at ${url.hostname}:${url.port || "5432"}, database 'no_such_database':`);
    expect(error.message).toMatch(/database "no_such_database" does not exist/);
    expect(error.message).not.toContain(PASSWORD);
  });

  it("leaves a failing statement's error as it is", async () => {
    const store = new PostgresStore({ url: TEST_PG_URL, schema: "t_never_created", poolSize: 1 });
    // Not migrated: the table is missing, which is no connection problem.
    const attempt = store.counts();
    await expect(attempt).rejects.not.toBeInstanceOf(StoreConnectionError);
    await expect(attempt).rejects.toThrow(/relation "records" does not exist/);
    await store.close();
  });
});
