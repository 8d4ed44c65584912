/**
 * `storage`: SQLite (the embedded default) or PostgreSQL, never both. In the file either key may
 * be given; the parsed value always holds exactly one of them, so code can test
 * `storage.postgres !== undefined`. `schema` and `poolSize` belong to PostgreSQL and appear in
 * the parsed value only with it.
 */
import { z } from "zod";
import {
  DEFAULT_PG_POOL_SIZE,
  DEFAULT_PG_SCHEMA,
  DEFAULT_TENANT,
  PG_SCHEMA_PATTERN,
  PG_SCHEMA_RULE,
  TENANT_PATTERN,
  TENANT_RULE,
} from "../../store/names.js";
import { evenWithOtherProblems, secret, section, settingsGroup, text, wholeNumber } from "./values.js";

export const DEFAULT_SQLITE_PATH = "./data/sla-sentinel.db";

const postgresUrl = secret.refine((value) => /^postgres(ql)?:\/\/./.test(value), {
  message: "must be a connection URL starting with postgres:// or postgresql://",
});

const storageFields = z.strictObject({
  /** database file, relative to the config file's folder; `:memory:` for a throwaway store */
  sqlite: text.optional(),
  /** connection URL; it carries the password, so write it as "${DATABASE_URL}" */
  postgres: postgresUrl.optional(),
  /** the contract whose data this deployment keeps; several tenants may share one PostgreSQL schema */
  tenant: z.string().regex(TENANT_PATTERN, { message: TENANT_RULE }).default(DEFAULT_TENANT),
  /** PostgreSQL only: the schema holding the tables, created if missing */
  schema: z.string().regex(PG_SCHEMA_PATTERN, { message: PG_SCHEMA_RULE }).optional(),
  /** PostgreSQL only: connections in the pool */
  poolSize: wholeNumber({ min: 1, max: 100 }).optional(),
  /** months of records to keep; null keeps everything */
  retention: settingsGroup({ months: wholeNumber({ min: 1 }).nullable().default(null) }),
});

type Retention = z.output<typeof storageFields>["retention"];
export type StorageConfig =
  | { sqlite: string; postgres?: undefined; tenant: string; retention: Retention }
  | {
      postgres: string;
      sqlite?: undefined;
      tenant: string;
      schema: string;
      poolSize: number;
      retention: Retention;
    };

/** A PostgreSQL-only setting given for SQLite is a mistake worth naming, not a setting to ignore. */
const onlyWithPostgres = (key: "schema" | "poolSize") => ({
  path: [key],
  message: "applies only with postgres",
  ...evenWithOtherProblems,
});

export const storageSchema = section(
  storageFields
    .prefault({})
    .refine((storage) => storage?.sqlite === undefined || storage?.postgres === undefined, {
      message: "set either sqlite or postgres, not both",
      ...evenWithOtherProblems,
    })
    .refine(
      (storage) => storage?.postgres !== undefined || storage?.schema === undefined,
      onlyWithPostgres("schema"),
    )
    .refine(
      (storage) => storage?.postgres !== undefined || storage?.poolSize === undefined,
      onlyWithPostgres("poolSize"),
    )
    .transform(
      (storage): StorageConfig =>
        storage.postgres !== undefined
          ? {
              postgres: storage.postgres,
              tenant: storage.tenant,
              schema: storage.schema ?? DEFAULT_PG_SCHEMA,
              poolSize: storage.poolSize ?? DEFAULT_PG_POOL_SIZE,
              retention: storage.retention,
            }
          : {
              sqlite: storage.sqlite ?? DEFAULT_SQLITE_PATH,
              tenant: storage.tenant,
              retention: storage.retention,
            },
    ),
);
