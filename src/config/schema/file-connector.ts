/** A file connector: canonical records as JSON lines (shared/contract/canonical-model.md). */
import { z } from "zod";
import { connectorName } from "./connector-common.js";
import { text } from "./values.js";

export const fileConnectorSchema = z.strictObject({
  type: z.literal("file"),
  name: connectorName,
  /** a .jsonl file, relative to the config file's folder */
  path: text,
});

export type FileConnectorConfig = z.output<typeof fileConnectorSchema>;
