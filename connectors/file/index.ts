/**
 * The `file` connector: a JSON Lines export of canonical records (see README.md). The file is a
 * full export, so every poll reads all of it and it keeps no watermark; the line hashes it passes
 * on let the store take an unchanged line for an unchanged record without serialising it.
 */
import { resolve } from "node:path";
import { z } from "zod";
import type { Connector, ConnectorDefinition, ConnectorDeps, RecordBatch } from "../types.js";
import { readRecordBatches } from "./reader.js";

export const fileConnectorConfig = z.object({
  name: z.string().min(1),
  type: z.literal("file"),
  path: z.string().min(1),
  /** records per batch (and so per store transaction); bounds memory */
  batchSize: z.number().int().positive().default(5_000),
});
export type FileConnectorConfig = z.output<typeof fileConnectorConfig>;

/** Accepts the config entry as written (batchSize optional), so callers need not parse it first. */
export function createFileConnector(
  config: z.input<typeof fileConnectorConfig>,
  deps: ConnectorDeps = {},
): Connector {
  const fullPath = resolve(deps.baseDir ?? process.cwd(), config.path);
  return {
    name: config.name,
    type: "file",
    async *poll(): AsyncIterable<RecordBatch> {
      // Rejections name the file as the user wrote it in the config, which is what they will open.
      for await (const batch of readRecordBatches(fullPath, {
        batchSize: config.batchSize ?? 5_000,
        displayName: config.path,
      })) {
        yield { records: batch.records, sourceHashes: batch.sourceHashes, rejections: batch.rejections };
      }
    },
  };
}

export const fileConnector: ConnectorDefinition<FileConnectorConfig> = {
  configSchema: fileConnectorConfig,
  create: createFileConnector,
};

export { type FileReadResult, readRecordBatches, readRecordFile } from "./reader.js";
