#!/usr/bin/env node
/** Entry point of the `sla-sentinel` command (package.json `bin`). */
import { runCli } from "./program.js";

process.exitCode = await runCli(process.argv.slice(2));
