/**
 * `store copy --from FILE`: copies a SQLite store into the configured store (normally PostgreSQL:
 * the migration path of docs/storage.md), then checks that every source row arrived unchanged.
 * The source is only read (and upgraded to the current schema, as any command would).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Command } from "commander";
import { COPIED_TABLES, copyStore, type TableCounts, verifyCopy } from "../../store/copy-store.js";
import { openStore, SqliteStore } from "../../store/index.js";
import { sqliteFileTenant } from "../../store/sqlite-tenant.js";
import type { Store } from "../../store/types.js";
import { commandContext, type GlobalOptions } from "../context.js";
import { RunFailure, UsageError } from "../errors.js";

const DIFFERENCES_SHOWN = 20;

export function registerStore(program: Command, globals: () => GlobalOptions): void {
  const store = program.command("store").description("store maintenance");
  store
    .command("copy")
    .description(
      "copy a SQLite store into the configured store (e.g. PostgreSQL) and verify it: records, watermarks, alert ledger, saved reports",
    )
    .requiredOption("--from <file>", "the SQLite database file to copy")
    .option("--from-tenant <id>", "the tenant the SQLite file belongs to (default: what the file says)")
    .option("--batch <rows>", "rows per transaction", "1000")
    .action(async (opts: { from: string; fromTenant?: string; batch: string }) => {
      const { config, out } = await commandContext(globals(), { needsFile: true });
      const batchSize = Number(opts.batch);
      if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
        throw new UsageError(`--batch must be a whole number from 1 to 50000, got ${opts.batch}`);
      }
      const source = await openSource(resolve(opts.from), opts.fromTenant);
      let target: Store | undefined;
      try {
        target = await openStore(config.storage);
        const where = config.storage.postgres !== undefined ? "PostgreSQL" : "SQLite";
        out.text(
          `copying ${opts.from} (tenant ${source.tenant}) into the ${where} store of tenant ${target.tenant}`,
        );
        const copied = await copyStore(source, target, { batchSize });
        const differences = await verifyCopy(source, target, batchSize);
        out.json({ from: opts.from, tenant: target.tenant, copied, differences });
        out.text(`copied ${describe(copied)}`);
        if (differences.length > 0) {
          for (const d of differences.slice(0, DIFFERENCES_SHOWN))
            out.text(`  ${d.problem}: ${d.table} ${d.id}`);
          if (differences.length > DIFFERENCES_SHOWN) {
            out.text(`  … and ${differences.length - DIFFERENCES_SHOWN} more`);
          }
          throw new RunFailure(
            `${differences.length} source rows are not in the target unchanged (written to it meanwhile?); run the copy again`,
          );
        }
        out.text("verified: every source row is in the target, unchanged");
      } finally {
        await source.close();
        await target?.close();
      }
    });
}

/** The source file as a store of its own tenant; a missing file is an error, never created. */
async function openSource(path: string, tenant: string | undefined): Promise<Store> {
  if (!existsSync(path)) throw new UsageError(`--from: ${path} does not exist`);
  let owner: string | null;
  try {
    owner = sqliteFileTenant(path, (file) => new BetterSqlite3(file, { fileMustExist: true }));
  } catch (error) {
    throw new UsageError(`--from: ${path} is not a SQLite store: ${(error as Error).message}`);
  }
  const store = SqliteStore.open(path, { tenant: tenant ?? owner ?? "default" });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw new UsageError(`--from: ${(error as Error).message}`);
  }
  return store;
}

function describe(counts: TableCounts): string {
  const names: Record<keyof TableCounts, string> = {
    records: "records",
    meta: "state entries",
    alert_ledger: "alerts",
    report: "saved reports",
  };
  return COPIED_TABLES.map((table) => `${counts[table].toLocaleString("en")} ${names[table]}`).join(", ");
}
