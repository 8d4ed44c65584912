/**
 * Reading a config file: YAML → `${ENV}` expansion → zod validation → relative paths resolved.
 * Everything wrong is collected and thrown as one ConfigError; nothing is reported one at a time.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { z } from "zod";
import { type Environment, expandEnv } from "./expand-env.js";
import { describeIssue } from "./issue-messages.js";
import { ConfigError, type ConfigProblem } from "./problems.js";
import { type LocatedProblem, readYaml } from "./read-yaml.js";
import { resolveConfigPaths } from "./resolve-paths.js";
import { type Config, configSchema } from "./schema/index.js";
import { formatPath, locate, type PathSegment } from "./yaml-path.js";

export interface ParseConfigOptions {
  /** folder that relative paths resolve against; default: the folder of `fileLabel` */
  baseDir?: string;
}

/**
 * Parses config text. `fileLabel` names the file in problems (and, unless `baseDir` is given,
 * locates it for relative paths). Throws ConfigError listing every problem.
 */
export function parseConfigText(
  text: string,
  fileLabel: string,
  env: Environment,
  options: ParseConfigOptions = {},
): Config {
  const parsed = readYaml(text);
  const toProblem = (p: LocatedProblem): ConfigProblem => ({
    file: fileLabel,
    path: formatPath(p.path),
    ...(p.position && { line: p.position.line, column: p.position.column }),
    message: p.message,
  });
  if (parsed.problems.length > 0) {
    // A document with syntax errors is not the one the administrator meant: validating what
    // yaml recovered would only add confusing follow-on problems.
    throw new ConfigError(parsed.problems.map(toProblem));
  }

  const locateAt = (path: PathSegment[], at: "key" | "value") =>
    locate(parsed.doc, parsed.lineCounter, path, at);
  const expanded = expandEnv(parsed.data, env);
  const envProblems = expanded.problems.map((p) => ({ ...p, position: locateAt(p.path, "value") }));

  const result = configSchema.safeParse(expanded.data, { error: describeIssue });
  const schemaProblems = result.success
    ? []
    : result.error.issues
        .flatMap(splitUnknownKeys)
        // A missing variable left an empty value behind; what the schema thinks of it is noise.
        .filter((p) => !envProblems.some((e) => isWithin(p.path, e.path)))
        .map((p) => ({ ...p, position: locateAt(p.path, p.at) }));

  const problems = dedupe([...envProblems, ...schemaProblems].map(toProblem));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return resolveConfigPaths(result.data, options.baseDir ?? dirname(resolve(fileLabel)));
}

/** Reads and parses a config file; relative paths in it resolve against its folder. */
export async function loadConfig(file: string, env: Environment): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError([{ file, path: "", message: explainReadError(error) }]);
  }
  return parseConfigText(text, file, env);
}

type SchemaProblem = LocatedProblem & { at: "key" | "value" };

// One "unknown key" problem per key, placed on the key itself (its message has one line per key).
function splitUnknownKeys(issue: z.core.$ZodIssue): SchemaProblem[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
  if (issue.code !== "unrecognized_keys") return [{ path, message: issue.message, at: "value" }];
  const lines = issue.message.split("\n");
  return issue.keys.map((key, index) => ({
    path: [...path, key],
    message: lines[index] ?? `unknown key '${key}'`,
    at: "key",
  }));
}

function isWithin(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function explainReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "file not found";
  if (code === "EACCES" || code === "EPERM") return "no permission to read the file";
  if (code === "EISDIR") return "is a folder, not a file";
  return "cannot read the file";
}
