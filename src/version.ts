import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The package version, read from package.json (two levels up from dist/src and from src). */
function readVersion(): string {
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === "sla-sentinel" && pkg.version) return pkg.version;
    } catch {
      // not at this depth; try the next
    }
  }
  return "0.0.0";
}

export const VERSION = readVersion();
