/** The whole config file. Every section has defaults, so an empty file is a valid config. */
import { z } from "zod";
import { connectorsSchema } from "./connectors.js";
import { contractSchema } from "./contract.js";
import { notifySchema } from "./notify.js";
import { logSchema, serverSchema } from "./runtime.js";
import { checkReportPosts, scheduleSchema } from "./schedule.js";
import { storageSchema } from "./storage.js";
import { evenWithOtherProblems, section } from "./values.js";

export const configSchema = section(
  z
    .strictObject({
      contract: contractSchema,
      storage: storageSchema,
      connectors: connectorsSchema,
      notify: notifySchema,
      schedule: scheduleSchema,
      server: serverSchema,
      log: logSchema,
    })
    .prefault({})
    .superRefine(checkReportPosts, evenWithOtherProblems),
);

export type Config = z.output<typeof configSchema>;
