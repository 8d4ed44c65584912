import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import { yaml } from "./helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sla-config-"));
  await mkdir(join(dir, "etc"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe("loadConfig", () => {
  it("resolves relative paths against the config file's folder, not the working directory", async () => {
    const file = await write(
      "etc/sla.yaml",
      yaml(
        "contract: {catalog: ./catalog.yaml, supplierNorms: ../norms.yaml}",
        "storage: {sqlite: data/s.db}",
        "connectors: [{name: f, type: file, path: records.jsonl}]",
        "schedule: {reports: [{cron: '0 7 1 * *', period: month}]}",
      ),
    );
    const config = await loadConfig(file, {});
    expect({
      catalog: config.contract.catalog,
      supplierNorms: config.contract.supplierNorms,
      sqlite: config.storage.sqlite,
      records: config.connectors[0]?.type === "file" ? config.connectors[0].path : undefined,
      reports: config.schedule.reports?.[0]?.out,
    }).toEqual({
      catalog: join(dir, "etc/catalog.yaml"),
      supplierNorms: join(dir, "norms.yaml"),
      sqlite: join(dir, "etc/data/s.db"),
      records: join(dir, "etc/records.jsonl"),
      reports: join(dir, "etc/out"),
    });
  });

  it.each([
    [
      "the built-in catalog",
      "contract: {catalog: 'builtin:sib'}",
      (c: Awaited<ReturnType<typeof loadConfig>>) => c.contract.catalog,
      "builtin:sib",
    ],
    [
      "an in-memory SQLite store",
      "storage: {sqlite: ':memory:'}",
      (c: Awaited<ReturnType<typeof loadConfig>>) => c.storage.sqlite,
      ":memory:",
    ],
  ])("leaves %s as it is", async (_name, text, pick, expected) => {
    expect(pick(await loadConfig(await write("keep.yaml", text), {}))).toBe(expected);
  });

  it.each([
    ["a missing file", () => join(dir, "nope.yaml"), "file not found"],
    ["a folder", () => dir, "is a folder, not a file"],
  ])("reports %s as a problem of the file", async (_name, path, message) => {
    const file = path();
    const error = await loadConfig(file, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([{ file, path: "", message }]);
    expect((error as ConfigError).message).toBe(`Configuration has 1 problem:\n  ${file}: ${message}`);
  });

  it("names the file as given in every problem", async () => {
    const file = await write("bad.yaml", yaml("server: {port: 0}", "log: {level: loud}"));
    const error = (await loadConfig(file, {}).catch((e: unknown) => e)) as ConfigError;
    expect(error.problems.map((p) => `${p.file}:${p.line}`)).toEqual([`${file}:1`, `${file}:2`]);
  });
});
