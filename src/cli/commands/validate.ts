/** `validate`: every problem of the config at once, each with its file, line and YAML path. */
import type { Command } from "commander";
import { ConfigError } from "../../config/index.js";
import { validateContract } from "../../contract/index.js";
import { commandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../errors.js";
import { createOutput, parseFormat } from "../output.js";

export function registerValidate(program: Command, globals: () => GlobalOptions): void {
  program
    .command("validate")
    .description("check the config (and, with it, the catalog and supplier norms); lists every problem")
    .action(async () => {
      const options = globals();
      try {
        const { config, configFile, out } = await commandContext(options, { needsFile: true });
        const problems = await validateContract({
          contract: config.contract,
          configFile,
          ...(config.contract.channels !== undefined ? { channels: config.contract.channels } : {}),
        });
        if (problems.length > 0) throw new ConfigError(problems);
        const connectors = config.connectors.map((c) => `${c.name} (${c.type})`);
        out.json({ valid: true, file: configFile, problems: [] });
        out.text(`${configFile}: valid`);
        out.text(
          `  storage:    ${config.storage.sqlite !== undefined ? `sqlite ${config.storage.sqlite}` : "postgres"}`,
        );
        out.text(`  connectors: ${connectors.length > 0 ? connectors.join(", ") : "none"}`);
        out.text(
          `  catalog:    ${config.contract.catalog}${config.contract.supplierNorms ? `, supplier norms ${config.contract.supplierNorms}` : ""}`,
        );
        const w = config.contract.serviceWindow;
        out.text(`  window:     ${w.days.join(",")} ${w.from}–${w.to} ${w.timezone}`);
      } catch (error) {
        if (!(error instanceof ConfigError) || parseFormat(options.format ?? "text") !== "json") throw error;
        createOutput("json").json({ valid: false, problems: error.problems });
        throw new UsageError(`${error.problems.length} configuration problem(s)`, { cause: error });
      }
    });
}
