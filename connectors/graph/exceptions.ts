/**
 * Formally recorded exceptions for vulnerabilities (T3.2 "or a formally recorded exception in
 * force"). Defender's public API has none with dates: the only signal is a recommendation's
 * `status: "Exception"`, without who approved it when or until when (graph-chat.md §4.2). They
 * come from a YAML file kept by the security officer instead:
 *
 * ```yaml
 * - cve: CVE-2025-12345
 *   asset: srv-app-02.corp.example.nl   # optional: Defender device name or machine id; left out = every asset
 *   approvedAt: 2025-06-03T10:00:00+02:00
 *   until: 2025-09-01T00:00:00+02:00    # optional: left out = until withdrawn
 *   reason: patch breaks the ERP link; WAF rule in place   # optional, not stored
 * ```
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { readYaml } from "../../src/config/read-yaml.js";
import { formatIssuePath } from "../../src/http/index.js";
import { explainBadInstant, parseInstant } from "../../src/model/instant.js";

export interface VulnerabilityException {
  cve: string;
  /** lower case; null = every asset */
  asset: string | null;
  approvedAt: number;
  until: number | null;
}

const instant = z.string().transform((text, ctx) => {
  const at = parseInstant(text);
  if (at === null) {
    ctx.addIssue({ code: "custom", message: explainBadInstant(text) });
    return z.NEVER;
  }
  return at;
});

// YAML reads an unquoted timestamp as a Date; the schema wants the text with its offset.
const timestamp = z.preprocess((value) => (value instanceof Date ? value.toISOString() : value), instant);

const entry = z
  .strictObject({
    cve: z.string().regex(/^CVE-\d{4}-\d{4,}$/i, { message: "expected a CVE id such as CVE-2025-12345" }),
    asset: z.string().trim().min(1).nullish(),
    approvedAt: timestamp,
    until: timestamp.nullish(),
    reason: z.string().nullish(),
  })
  .refine((e) => e.until == null || e.until > e.approvedAt, {
    message: "until is not after approvedAt",
    path: ["until"],
  });

const fileSchema = z.preprocess((value) => (value === null ? [] : value), z.array(entry));

/** Reads and checks the exceptions file; every problem is reported with the entry it is in. */
export async function loadExceptions(path: string, connector: string): Promise<VulnerabilityException[]> {
  const fail = (why: string) =>
    new Error(`connector "${connector}" (graph): vulnerability exceptions ${path}: ${why}`);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw fail(code === "ENOENT" ? "no such file" : `cannot be read (${String(code ?? "error")})`);
  }
  const yaml = readYaml(text);
  const [problem] = yaml.problems;
  if (problem !== undefined) {
    const at = problem.position === undefined ? "" : `line ${problem.position.line}: `;
    throw fail(`${at}${problem.message}`);
  }
  const parsed = fileSchema.safeParse(yaml.data);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    throw fail(`${formatIssuePath(first?.path ?? [])}: ${first?.message ?? "not a list of exceptions"}`);
  }
  return parsed.data.map((e) => ({
    cve: e.cve.toUpperCase(),
    asset: e.asset == null ? null : e.asset.toLowerCase(),
    approvedAt: e.approvedAt,
    until: e.until ?? null,
  }));
}

/**
 * The exception that applies to a CVE on an asset (matched by name or machine id, ignoring case):
 * one naming the asset wins over one for every asset; among those, the one in force longest
 * (no `until` is longest), then the one approved first.
 */
export function exceptionFor(
  cve: string,
  asset: { name: string; machineId: string },
  exceptions: readonly VulnerabilityException[],
): VulnerabilityException | null {
  const id = cve.toUpperCase();
  const names = new Set([asset.name.toLowerCase(), asset.machineId.toLowerCase()]);
  let best: VulnerabilityException | null = null;
  let bestRank: [number, number, number] | null = null;
  for (const exception of exceptions) {
    if (exception.cve !== id) continue;
    if (exception.asset !== null && !names.has(exception.asset)) continue;
    const rank: [number, number, number] = [
      exception.asset === null ? 0 : 1,
      exception.until ?? Number.POSITIVE_INFINITY,
      -exception.approvedAt,
    ];
    if (bestRank === null || compare(rank, bestRank) > 0) {
      best = exception;
      bestRank = rank;
    }
  }
  return best;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
