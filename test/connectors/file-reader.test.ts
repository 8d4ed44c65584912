import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FileBatch, lineHash, readRecordBatches, readRecordFile } from "../../connectors/file/reader.js";
import { RECORD_KINDS } from "../../src/model/schema.js";

const FIXTURE = join(import.meta.dirname, "fixtures/file/mixed.jsonl");
const KINDS = RECORD_KINDS.join(", ");

describe("readRecordFile on a file of good, bad and blank lines", () => {
  it("keeps the good records, in file order, parsed", async () => {
    const { records } = await readRecordFile(FIXTURE, { displayName: "mixed.jsonl" });
    expect(records.map((r) => `${r.kind} ${"id" in r ? (r.id ?? "") : ""}`)).toEqual([
      "ticket I2603-0042",
      "outage ",
      "device pc-0815",
      "evidence ",
    ]);
    const [first] = records;
    expect(first).toMatchObject({
      kind: "ticket",
      createdAt: Date.parse("2026-03-02T08:15:00Z"),
      csat: { score: 8 },
    });
    expect(first).not.toHaveProperty("extra");
  });

  it("rejects each bad line with its line number and what is wrong", async () => {
    const { rejections } = await readRecordFile(FIXTURE, { displayName: "mixed.jsonl" });
    expect(rejections.map(({ line, reason }) => [line, reason])).toEqual([
      [3, 'events[3].at: timestamp "2026-03-02T09:15:00" has no offset (add Z or e.g. +01:00)'],
      [4, `kind: unknown kind "widget" (expected one of ${KINDS})`],
      [5, expect.stringMatching(/^invalid JSON: /)],
      [6, 'priority: "P5" is not one of P1, P2, P3, P4'],
      [9, `kind: missing (expected one of ${KINDS})`],
      [
        11,
        expect.stringMatching(/^events\[1\]\.type: "escalated" is not one of comment, assigned, priority, /),
      ],
      [12, "not a JSON object but an array"],
    ]);
    expect(new Set(rejections.map((r) => r.file))).toEqual(new Set(["mixed.jsonl"]));
  });

  it("counts lines, blank lines, records and rejections", async () => {
    const { counts } = await readRecordFile(FIXTURE);
    expect(counts).toEqual({ lines: 13, blank: 2, records: 4, rejected: 7 });
  });
});

describe("readRecordBatches", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "sla-file-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const evidence = (n: number) =>
    JSON.stringify({ kind: "evidence", kpi: "T1.1", at: "2026-03-31T16:00:00+02:00", what: `item ${n}` });

  it("yields batches of at most batchSize entries, covering every line", async () => {
    const path = join(dir, "e.jsonl");
    writeFileSync(path, `${[1, 2, 3, 4, 5].map(evidence).join("\n")}\n\n{bad\n`);
    const batches = [];
    for await (const batch of readRecordBatches(path, { batchSize: 2 })) batches.push(batch);
    expect(batches.map((b) => [b.records.length, b.rejections.length])).toEqual([
      [2, 0],
      [2, 0],
      [1, 1],
    ]);
    expect(batches.reduce((n, b) => n + b.lines, 0)).toBe(7);
  });

  it("gives every record a hash of its line: equal lines, equal hashes", async () => {
    const path = join(dir, "h.jsonl");
    writeFileSync(path, [evidence(1), evidence(2), "{bad", evidence(1)].join("\n"));
    const { records, sourceHashes } = (await readRecordBatches(path).next()).value as FileBatch;
    expect(sourceHashes).toHaveLength(records.length);
    const [one, two, again] = sourceHashes;
    expect(one).toBe(again);
    expect(one).not.toBe(two);
    expect(one).toBe(lineHash(evidence(1)));
  });

  it("reads CRLF line ends, a byte-order mark and UTF-8 split across chunks", async () => {
    const path = join(dir, "crlf.jsonl");
    const what = "Überleg über één ding ✓".repeat(4);
    const line = JSON.stringify({ kind: "evidence", kpi: "S2.1", at: "2026-03-31T16:00:00+02:00", what });
    // A blank line of spaces, sized so that the first 1 MiB read chunk ends inside the "Ü" of
    // the second record: the line must be joined across the chunks before it is decoded.
    const bytes = Buffer.byteLength;
    const beforeU = bytes(line.slice(0, line.indexOf("Ü")));
    const spaces = (1 << 20) - 1 - bytes("\uFEFF") - bytes(line) - 2 - 2 - beforeU;
    writeFileSync(path, `\uFEFF${line}\r\n${" ".repeat(spaces)}\r\n${line}\r\n`);
    expect(
      Buffer.from(readFileSync(path))
        .subarray(0, 1 << 20)
        .toString("utf8")
        .endsWith("\uFFFD"),
    ).toBe(true);
    const { records, rejections, counts } = await readRecordFile(path);
    expect(rejections).toEqual([]);
    expect(records.map((r) => (r.kind === "evidence" ? r.what : ""))).toEqual([what, what]);
    expect(counts).toEqual({ lines: 3, blank: 1, records: 2, rejected: 0 });
  });

  it("joins a long line spread over several read chunks", async () => {
    const path = join(dir, "big.jsonl");
    const events = Array.from({ length: 25_000 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 2, 2) + i * 60_000).toISOString(),
      type: "comment",
      visibleToCaller: true,
      automated: false,
    }));
    const big = JSON.stringify({
      kind: "ticket",
      id: "BIG",
      source: "td",
      type: "incident",
      createdAt: "2026-03-02T00:00:00Z",
      events,
    });
    expect(big.length).toBeGreaterThan(2 << 20);
    writeFileSync(path, `${evidence(1)}\n${big}\n${evidence(2)}`);
    const { records, rejections } = await readRecordFile(path);
    expect(rejections).toEqual([]);
    expect(records.map((r) => (r.kind === "ticket" ? r.events.length : r.kind))).toEqual([
      "evidence",
      25_000,
      "evidence",
    ]);
  });

  it("rejects an over-long line without holding it, and reads on after it", async () => {
    const path = join(dir, "long.jsonl");
    const long = (c: string, n: number) => c.repeat(n);
    writeFileSync(path, `${long("x", 3 << 20)}\n${evidence(1)}\n${long("z", 1000)}\n${long("y", 3 << 20)}`);
    const { records, rejections } = await readRecordFile(path, { maxLineBytes: 500, displayName: "long" });
    expect(records).toHaveLength(1);
    expect(rejections).toEqual([
      { file: "long", line: 1, reason: "line is longer than 500 bytes" },
      { file: "long", line: 3, reason: "line is longer than 500 bytes" },
      { file: "long", line: 4, reason: "line is longer than 500 bytes" },
    ]);
  });

  it("reads an empty file as nothing", async () => {
    const path = join(dir, "empty.jsonl");
    writeFileSync(path, "");
    expect(await readRecordFile(path)).toEqual({
      records: [],
      rejections: [],
      counts: { lines: 0, blank: 0, records: 0, rejected: 0 },
    });
  });

  it("fails on a missing file rather than reading it as empty", async () => {
    await expect(readRecordFile(join(dir, "missing.jsonl"))).rejects.toThrow(/ENOENT/);
  });
});
