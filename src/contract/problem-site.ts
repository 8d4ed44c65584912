/**
 * Where a contract problem is reported: a YAML file (catalog, supplier norms, config) whose
 * parsed document turns a path into a line and column, in the config loader's format
 * (`file:line:col path: message`). Checks run long after parsing, so a parsed file keeps its
 * site and every later check reports through it.
 */
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { describeIssue } from "../config/issue-messages.js";
import type { ConfigProblem } from "../config/problems.js";
import { readYaml } from "../config/read-yaml.js";
import { formatPath, locate, type PathSegment } from "../config/yaml-path.js";

export interface ProblemSite {
  readonly file: string;
  /** `at: "key"` places it on the last key (unknown keys); otherwise on the value. */
  problem(path: readonly PathSegment[], message: string, at?: "key" | "value"): ConfigProblem;
}

export interface ParsedYamlFile {
  site: ProblemSite;
  /** undefined when the file could not be read or parsed (then `problems` says why) */
  data: unknown;
  problems: ConfigProblem[];
}

/** Parses YAML text; `file` names it in problems. */
export function parseYamlFile(text: string, file: string): ParsedYamlFile {
  const parsed = readYaml(text);
  const site: ProblemSite = {
    file,
    problem(path, message, at = "value") {
      const position = locate(parsed.doc, parsed.lineCounter, path, at);
      return {
        file,
        path: formatPath(path),
        ...(position && { line: position.line, column: position.column }),
        message,
      };
    },
  };
  const problems = parsed.problems.map((p) => ({
    file,
    path: formatPath(p.path),
    ...(p.position && { line: p.position.line, column: p.position.column }),
    message: p.message,
  }));
  return { site, data: parsed.data, problems };
}

/** Reads and parses a YAML file; an unreadable file is one problem, not an exception. */
export async function readYamlFile(file: string): Promise<ParsedYamlFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return {
      site: fixedSite(file, []),
      data: undefined,
      problems: [{ file, path: "", message: readError(error) }],
    };
  }
  return parseYamlFile(text, file);
}

/** A site without a document: every problem lands on `path`, whatever path the check names. */
export function fixedSite(file: string, path: readonly PathSegment[]): ProblemSite {
  return { file, problem: (_ignored, message) => ({ file, path: formatPath(path), message }) };
}

/** A site without a document: problems carry the path but no line. */
export function plainSite(file: string): ProblemSite {
  return { file, problem: (path, message) => ({ file, path: formatPath(path), message }) };
}

/** zod's issues as problems on the site; "unknown keys" become one problem per key, on the key. */
export function schemaProblems(site: ProblemSite, error: z.ZodError): ConfigProblem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    if (issue.code !== "unrecognized_keys") return [site.problem(path, issue.message)];
    const lines = issue.message.split("\n");
    return issue.keys.map((key, i) =>
      site.problem([...path, key], lines[i] ?? `unknown key '${key}'`, "key"),
    );
  });
}

/** `safeParse` with the config loader's plain-language messages. */
export function parseWith<T extends z.ZodType>(schema: T, data: unknown): ReturnType<T["safeParse"]> {
  return schema.safeParse(data, { error: describeIssue }) as ReturnType<T["safeParse"]>;
}

function readError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "file not found";
  if (code === "EACCES" || code === "EPERM") return "no permission to read the file";
  if (code === "EISDIR") return "is a folder, not a file";
  return "cannot read the file";
}
