/**
 * `${NAME}` in string values is replaced by the environment variable NAME; `$${` stands for a
 * literal `${`. Keys are never expanded. A variable that is not set is a problem at the value's
 * path (an empty variable counts as set: the schema then says whether empty is allowed).
 *
 * The expanded text is never part of a message: variables usually carry secrets.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${NAME}" is config syntax here, not a template.
import type { LocatedProblem } from "./read-yaml.js";
import type { PathSegment } from "./yaml-path.js";

export type Environment = Readonly<Record<string, string | undefined>>;

export interface Expanded {
  data: unknown;
  problems: LocatedProblem[];
}

// `$${` (escape), `${NAME}` (reference), or any other `${` (malformed).
const TOKEN = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{/g;

/**
 * Expands one string. Returns the text and the problems found in it, e.g.
 * `expandString("x${A}y$${B}", {A: "1"})` → `{text: "x1y${B}", problems: []}`.
 */
export function expandString(text: string, env: Environment): { text: string; problems: string[] } {
  const problems: string[] = [];
  const expanded = text.replace(TOKEN, (match, name: string | undefined) => {
    if (match === "$${") return "${";
    if (name === undefined) {
      problems.push(
        "'${' must be followed by a variable name and '}', e.g. ${TOPDESK_PASSWORD}; write $${ for a literal ${",
      );
      return match;
    }
    const value = env[name];
    if (value === undefined) {
      problems.push(`environment variable ${name} is not set`);
      return "";
    }
    return value;
  });
  return { text: expanded, problems };
}

/** Expands every string value in parsed YAML data (mappings, lists and scalars). */
export function expandEnv(data: unknown, env: Environment): Expanded {
  const problems: LocatedProblem[] = [];
  const walk = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === "string") {
      if (!value.includes("${")) return value;
      const result = expandString(value, env);
      for (const message of result.problems) problems.push({ path, message });
      return result.text;
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (isPlainObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key])]),
      );
    }
    return value;
  };
  return { data: walk(data, []), problems };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
