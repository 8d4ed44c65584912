/**
 * Relative paths in the config are relative to the config file's folder, not to the working
 * directory, so `sla-sentinel -c /etc/sla-sentinel/config.yaml` behaves the same from anywhere.
 */
import { isAbsolute, resolve } from "node:path";
import type { Config } from "./schema/index.js";

export function resolveConfigPaths(config: Config, baseDir: string): Config {
  const from = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  const { contract, storage, connectors, schedule } = config;
  return {
    ...config,
    contract: {
      ...contract,
      catalog: contract.catalog.startsWith("builtin:") ? contract.catalog : from(contract.catalog),
      supplierNorms: contract.supplierNorms === undefined ? undefined : from(contract.supplierNorms),
    },
    // `:memory:` is SQLite's name for a database that lives only in memory.
    storage:
      storage.sqlite === undefined || storage.sqlite === ":memory:"
        ? storage
        : { ...storage, sqlite: from(storage.sqlite) },
    connectors: connectors.map((connector) => {
      if (connector.type === "file") return { ...connector, path: from(connector.path) };
      if (connector.type === "graph") {
        const { certificate, exceptionsFile } = connector;
        return {
          ...connector,
          ...(certificate !== undefined
            ? { certificate: { ...certificate, path: from(certificate.path) } }
            : {}),
          ...(exceptionsFile !== undefined ? { exceptionsFile: from(exceptionsFile) } : {}),
        };
      }
      return connector;
    }),
    schedule: {
      ...schedule,
      reports: schedule.reports?.map((report) => ({ ...report, out: from(report.out) })),
    },
  };
}
