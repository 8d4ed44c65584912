/**
 * `storage`: SQLite (the embedded default) or PostgreSQL, never both. In the file either key may
 * be given; the parsed value always holds exactly one of them, so code can test
 * `storage.postgres !== undefined`.
 */
import { z } from "zod";
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
  /** months of records to keep; null keeps everything */
  retention: settingsGroup({ months: wholeNumber({ min: 1 }).nullable().default(null) }),
});

type Retention = z.output<typeof storageFields>["retention"];
export type StorageConfig =
  | { sqlite: string; postgres?: undefined; retention: Retention }
  | { postgres: string; sqlite?: undefined; retention: Retention };

export const storageSchema = section(
  storageFields
    .prefault({})
    .refine((storage) => storage?.sqlite === undefined || storage?.postgres === undefined, {
      message: "set either sqlite or postgres, not both",
      ...evenWithOtherProblems,
    })
    .transform(
      (storage): StorageConfig =>
        storage.postgres !== undefined
          ? { postgres: storage.postgres, retention: storage.retention }
          : { sqlite: storage.sqlite ?? DEFAULT_SQLITE_PATH, retention: storage.retention },
    ),
);
