/** The `sla-sentinel` program: its commands, and errors turned into exit codes 0 / 1 / 2. */
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/index.js";
import { VERSION } from "../version.js";
import { registerCalendar } from "./commands/calendar.js";
import { registerDemo } from "./commands/demo.js";
import { registerReport } from "./commands/report.js";
import { registerRun } from "./commands/run.js";
import { registerStore } from "./commands/store.js";
import { registerSync } from "./commands/sync.js";
import { registerTimers } from "./commands/timers.js";
import { registerValidate } from "./commands/validate.js";
import type { GlobalOptions } from "./context.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from "./errors.js";

export function buildProgram(): Command {
  const program = new Command("sla-sentinel")
    .description("Contract SLA timers and KPI scores beside TOPdesk and Jira Service Management")
    .version(VERSION)
    .option("-c, --config <file>", "config file (default ./sla-sentinel.yaml)")
    .option("--format <format>", "text | json", "text")
    .showHelpAfterError()
    .exitOverride();
  const globals = () => program.opts<GlobalOptions>();
  registerDemo(program, globals);
  registerValidate(program, globals);
  registerSync(program, globals);
  registerCalendar(program, globals);
  registerReport(program, globals);
  registerTimers(program, globals);
  registerRun(program, globals);
  registerStore(program, globals);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code; errors become one clear line on stderr, never a stack. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return EXIT_OK;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // help and version end through here too, with exit code 0; commander already printed them
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    if (!(error.cause instanceof ConfigError)) process.stderr.write(`sla-sentinel: ${error.message}\n`);
    else process.stderr.write(`${error.cause.message}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sla-sentinel: ${message}\n`);
  if (process.env.SLA_SENTINEL_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  return EXIT_FAILED;
}
