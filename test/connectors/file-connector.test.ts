import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileConnector } from "../../connectors/file/index.js";
import { describeRejection, type RecordBatch } from "../../connectors/types.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sla-fileconn-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const evidence = (n: number) =>
  JSON.stringify({ kind: "evidence", kpi: "T1.1", at: "2026-03-31T16:00:00+02:00", what: `item ${n}` });

async function pollAll(connector: ReturnType<typeof createFileConnector>): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  for await (const batch of connector.poll({ watermark: null })) batches.push(batch);
  return batches;
}

describe("file connector", () => {
  it("reads a path relative to its base folder and names rejections by the configured path", async () => {
    writeFileSync(join(dir, "records.jsonl"), `${evidence(1)}\n{"kind":"evidence"}\n${evidence(3)}\n`);
    const connector = createFileConnector(
      { name: "exports", type: "file", path: "records.jsonl", batchSize: 2 },
      { baseDir: dir },
    );
    const batches = await pollAll(connector);
    expect(batches.map((b) => [b.records.length, b.rejections.length])).toEqual([
      [1, 1],
      [1, 0],
    ]);
    expect(batches.every((b) => b.watermark === undefined)).toBe(true);
    expect(batches[0]?.rejections.map(describeRejection)).toEqual([
      "records.jsonl:2: kpi: missing (expected string) (and 2 more problems)",
    ]);
  });

  it("fails the poll when the file is missing", async () => {
    const connector = createFileConnector(
      { name: "x", type: "file", path: "nope.jsonl", batchSize: 10 },
      { baseDir: dir },
    );
    await expect(pollAll(connector)).rejects.toThrow(/ENOENT/);
  });
});

describe("describeRejection", () => {
  it.each([
    [{ file: "a.jsonl", line: 3, reason: "bad" }, "a.jsonl:3: bad"],
    [
      { item: "incident I2603-0042", reason: "priority Urgent is not mapped" },
      "incident I2603-0042: priority Urgent is not mapped",
    ],
  ])("%j", (rejection, text) => {
    expect(describeRejection(rejection)).toBe(text);
  });
});
