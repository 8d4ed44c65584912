import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONNECTOR_TYPES, connectorRegistry, createConnector } from "../../connectors/registry.js";

const CONNECTORS_DIR = join(import.meta.dirname, "../../connectors");

describe("connector registry", () => {
  it("names exactly the connector folders (those with an index.ts)", () => {
    const folders = readdirSync(CONNECTORS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(CONNECTORS_DIR, entry.name, "index.ts")))
      .map((entry) => entry.name)
      .sort();
    expect([...CONNECTOR_TYPES].sort()).toEqual(folders);
  });

  it("builds a connector from a config entry", () => {
    const connector = createConnector({ name: "exports", type: "file", path: "./records.jsonl" } as never);
    expect({ name: connector.name, type: connector.type }).toEqual({ name: "exports", type: "file" });
    expect(connectorRegistry.file.configSchema.parse({ name: "x", type: "file", path: "a.jsonl" })).toEqual({
      name: "x",
      type: "file",
      path: "a.jsonl",
      batchSize: 5_000,
    });
  });

  it("refuses an unknown type, listing the known ones", () => {
    expect(() => createConnector({ name: "sn", type: "servicenow" })).toThrow(
      `connector "sn": unknown type "servicenow" (known: ${CONNECTOR_TYPES.join(", ")})`,
    );
    expect(CONNECTOR_TYPES).toContain("file");
  });

  it("refuses an entry its type's schema rejects, naming the field", () => {
    expect(() => createConnector({ name: "exports", type: "file" })).toThrow(
      /connector "exports" \(file\):[\s\S]*path/,
    );
  });
});
