/** Fixtures under test/fixtures/jsm, shaped like the real API (`<endpoint>-<case>.json`). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/jsm");

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as T;
}

/**
 * Compares `actual` with the golden file `golden/<name>.json`. `UPDATE_GOLDEN=1` rewrites the
 * file instead (then read the diff by hand before committing it): a missing file fails the test.
 */
export function expectGolden(name: string, actual: unknown): void {
  const path = join(FIXTURES, "golden", `${name}.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, text);
  expect(existsSync(path), `golden file ${path}`).toBe(true);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(path, "utf8")));
}
