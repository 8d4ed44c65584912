/** What every command needs from its options: the config (or the defaults), output, logger. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type Config, loadConfig, parseConfigText } from "../config/index.js";
import { createLogger, type Logger } from "../log/logger.js";
import { UsageError } from "./errors.js";
import { createOutput, type Output, parseFormat } from "./output.js";

export const DEFAULT_CONFIG_FILE = "./sla-sentinel.yaml";

export interface GlobalOptions {
  config?: string;
  format?: string;
}

export interface CommandContext {
  config: Config;
  /** the file the config came from, or null when the built-in defaults are used */
  configFile: string | null;
  out: Output;
  log: Logger;
}

/**
 * Loads the config named by `-c`. Without `-c` and without ./sla-sentinel.yaml, commands that can
 * work on the contract defaults (calendar) get them; the others must say which file they need.
 */
export async function commandContext(
  options: GlobalOptions,
  { needsFile }: { needsFile: boolean },
): Promise<CommandContext> {
  const out = createOutput(parseOutputFormat(options.format));
  const explicit = options.config !== undefined;
  const file = resolve(options.config ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit || needsFile) {
      throw new UsageError(
        `config file ${file} does not exist; pass -c FILE or start from config/sla-sentinel.example.yaml`,
      );
    }
    const config = parseConfigText("", "(built-in defaults)", process.env, { baseDir: process.cwd() });
    return { config, configFile: null, out, log: createLogger(config.log.level) };
  }
  const config = await loadConfig(file, process.env);
  return { config, configFile: file, out, log: createLogger(config.log.level) };
}

function parseOutputFormat(value: string | undefined): Output["format"] {
  try {
    return parseFormat(value ?? "text");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
