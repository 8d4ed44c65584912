import { ConfigError, type ConfigProblem, parseConfigText } from "../../src/config/index.js";

export const FILE = "/etc/sla-sentinel/config.yaml";

/** Lines joined with "\n", so a test's line numbers can be read off the array. */
export function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

/** The problems parsing `text` raises; fails the test when it parses. */
export function problemsOf(text: string, env: Record<string, string | undefined> = {}): ConfigProblem[] {
  return errorOf(text, env).problems;
}

export function errorOf(text: string, env: Record<string, string | undefined> = {}): ConfigError {
  try {
    parseConfigText(text, FILE, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError, but the text parsed");
}
