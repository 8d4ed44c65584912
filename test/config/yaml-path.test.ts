import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { formatPath, locate, type PathSegment } from "../../src/config/yaml-path.js";

describe("formatPath", () => {
  it.each<[PathSegment[], string]>([
    [[], ""],
    [["contract"], "contract"],
    [["connectors", 1, "baseUrl"], "connectors[1].baseUrl"],
    [["connectors", 0, "priorities", "P1 - Critical"], 'connectors[0].priorities["P1 - Critical"]'],
    [["contract", "rules", "csat", "fromFivePoint", "5"], 'contract.rules.csat.fromFivePoint["5"]'],
    [[0, "x"], "[0].x"],
  ])("%j → %s", (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe("locate", () => {
  const text = [
    "base: &b",
    "  x: 1",
    "list:",
    "  - {a: 1, b: 2}",
    "copy: *b",
    "nums:",
    "  5: ten",
    "empty:",
  ].join("\n");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });

  it.each<[PathSegment[], "key" | "value", { line: number; column: number } | undefined]>([
    [["list", 0, "b"], "value", { line: 4, column: 15 }],
    [["list", 0, "b"], "key", { line: 4, column: 12 }],
    [["copy", "x"], "value", { line: 2, column: 6 }], // through the alias to its anchor
    [["nums", "5"], "value", { line: 7, column: 6 }], // a number key matched by its text
    [["list", 0, "missing"], "value", { line: 4, column: 5 }], // the mapping it belongs in
    [["list", 3], "value", { line: 4, column: 3 }],
    [["empty", "x"], "value", { line: 8, column: 1 }], // a key without a value: the key
    [[], "value", { line: 1, column: 1 }],
  ])("%j (%s)", (path, at, position) => {
    expect(locate(doc, lineCounter, path, at)).toEqual(position);
  });
});
