/** `connectors`: a list of sources, told apart by `type`; names must be unique. */
import { z } from "zod";
import { fileConnectorSchema } from "./file-connector.js";
import { graphConnectorSchema } from "./graph.js";
import { jsmConnectorSchema } from "./jsm.js";
import { topdeskConnectorSchema } from "./topdesk.js";
import { evenWithOtherProblems, section } from "./values.js";

export const connectorSchema = z.discriminatedUnion("type", [
  topdeskConnectorSchema,
  jsmConnectorSchema,
  graphConnectorSchema,
  fileConnectorSchema,
]);

export const connectorsSchema = section(
  z
    .array(connectorSchema)
    .default([])
    .superRefine((connectors, ctx) => {
      if (!Array.isArray(connectors)) return;
      const firstIndex = new Map<string, number>();
      for (const [index, connector] of connectors.entries()) {
        const name: unknown = (connector as { name?: unknown } | undefined)?.name;
        if (typeof name !== "string") continue;
        const first = firstIndex.get(name);
        if (first === undefined) {
          firstIndex.set(name, index);
        } else {
          ctx.addIssue({
            code: "custom",
            path: [index, "name"],
            message: `connector name '${name}' is already used by connectors[${first}]`,
          });
        }
      }
    }, evenWithOtherProblems),
);

export type ConnectorConfig = z.output<typeof connectorSchema>;
export type ConnectorType = ConnectorConfig["type"];
