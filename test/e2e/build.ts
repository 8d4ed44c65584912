/**
 * The end-to-end tests run the built CLI (`dist/`), as operators do. CI builds it in `npm ci`
 * (the `prepare` script); a local checkout may hold an older build, so it is rebuilt when
 * dist/src/cli/main.js is missing or older than any source file. tsc rewrites every output on
 * each build, so main.js's time is the build's time.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CLI_MAIN, REPO_ROOT } from "./instance.js";

const SOURCE_FOLDERS = ["src", "connectors"];
const TSC = join(REPO_ROOT, "node_modules/typescript/bin/tsc");

export function ensureBuilt(): void {
  if (existsSync(CLI_MAIN) && statSync(CLI_MAIN).mtimeMs >= newestSource()) return;
  try {
    execFileSync(process.execPath, [TSC, "-p", "tsconfig.build.json"], {
      cwd: REPO_ROOT,
      stdio: "pipe",
      timeout: 180_000,
    });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? "";
    throw new Error(`building dist/ (tsc -p tsconfig.build.json) failed:\n${output || String(error)}`);
  }
}

function newestSource(): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const folder of SOURCE_FOLDERS) visit(join(REPO_ROOT, folder));
  return newest;
}
