/** Fixtures under test/fixtures/topdesk, shaped like the real API (`<endpoint>-<case>.json`). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { MapperOptions } from "../../../connectors/topdesk/mapper.js";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/topdesk");

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

/** The mapper settings the fixtures are written for. */
export const MAPPER_OPTIONS: MapperOptions = {
  source: "topdesk",
  priorities: { P1: "P1", P2: "P2", P3: "P3", P4: "P4", Hoog: "P2" },
  pauseStatuses: { "Waiting for customer": "customer", "Waiting for supplier": "third-party" },
  ticketTypes: {
    categories: { Security: "security-incident" },
    callTypes: { Disruption: "incident", Request: "service-request" },
    default: null,
  },
  automationAccounts: ["SLA-bot"],
  csatScale: 5,
};
