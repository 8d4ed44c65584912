/**
 * Reads a JSON Lines file of canonical records as batches: memory stays bounded by the batch
 * size whatever the file size. Line numbers count every line, blank ones included.
 */
import { hash } from "node:crypto";
import type { CanonicalRecord } from "../../src/model/schema.js";
import { VERSION } from "../../src/version.js";
import type { FileRejection } from "../types.js";
import { readLines } from "./lines.js";
import { parseRecordLine } from "./parse-line.js";

export interface FileBatch {
  records: CanonicalRecord[];
  /** per record, a hash of its line and the sla-sentinel version (see `lineHash`) */
  sourceHashes: string[];
  rejections: FileRejection[];
  /** lines this batch covers, blank ones included, and how many of those were blank */
  lines: number;
  blank: number;
}

export interface ReadOptions {
  /** records plus rejections per batch; default 5,000 */
  batchSize?: number;
  /** how rejections name the file (the path as configured); default: the path read */
  displayName?: string;
  /** lines longer than this many bytes are rejected unread; default 8 MiB */
  maxLineBytes?: number;
}

export interface FileReadCounts {
  /** every line, blank ones included */
  lines: number;
  blank: number;
  records: number;
  rejected: number;
}

export interface FileReadResult {
  records: CanonicalRecord[];
  rejections: FileRejection[];
  counts: FileReadCounts;
}

/** Yields the file's records and rejections in batches of at most `batchSize` entries. */
export async function* readRecordBatches(path: string, options: ReadOptions = {}): AsyncGenerator<FileBatch> {
  const batchSize = options.batchSize ?? 5_000;
  const file = options.displayName ?? path;
  const maxLineBytes = options.maxLineBytes ?? 8 * 1024 * 1024;
  let batch = emptyBatch();
  let lineNumber = 0;

  const take = (text: string | null): void => {
    lineNumber++;
    batch.lines++;
    if (text === null) {
      batch.rejections.push({ file, line: lineNumber, reason: `line is longer than ${maxLineBytes} bytes` });
      return;
    }
    // A byte-order mark, as some Windows tools write, is not part of the first record.
    const line = lineNumber === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (line.trim() === "") {
      batch.blank++;
      return;
    }
    const parsed = parseRecordLine(line);
    if (parsed.ok) {
      batch.records.push(parsed.record);
      batch.sourceHashes.push(lineHash(line));
    } else {
      batch.rejections.push({ file, line: lineNumber, reason: parsed.reason });
    }
  };

  for await (const lines of readLines(path, maxLineBytes)) {
    for (const line of lines) {
      take(line);
      if (batch.records.length + batch.rejections.length >= batchSize) {
        yield batch;
        batch = emptyBatch();
      }
    }
  }
  if (batch.lines > 0) yield batch;
}

function emptyBatch(): FileBatch {
  return { records: [], sourceHashes: [], rejections: [], lines: 0, blank: 0 };
}

/**
 * What a record parsed from this line would be, in a hash: the same line read by the same version
 * gives the same record, so the store may skip comparing its content. The version is part of it
 * because a new version may parse the same line differently (a field kept that was dropped).
 */
export function lineHash(line: string): string {
  // The version goes in front of the digest rather than into the hashed text: same effect,
  // without copying every line into a new string first.
  return `${VERSION}:${hash("sha1", line, "base64")}`;
}

/** Reads a whole file into memory, with counts: for small files, `validate` and tests. */
export async function readRecordFile(path: string, options: ReadOptions = {}): Promise<FileReadResult> {
  const result: FileReadResult = {
    records: [],
    rejections: [],
    counts: { lines: 0, blank: 0, records: 0, rejected: 0 },
  };
  for await (const batch of readRecordBatches(path, options)) {
    result.records.push(...batch.records);
    result.rejections.push(...batch.rejections);
    result.counts.lines += batch.lines;
    result.counts.blank += batch.blank;
  }
  result.counts.records = result.records.length;
  result.counts.rejected = result.rejections.length;
  return result;
}
