/** Config: YAML loading, `${ENV}` expansion, the zod schema and problems with YAML paths. */
export { explainBadCron } from "./cron.js";
export { type Environment, expandString } from "./expand-env.js";
export { loadConfig, type ParseConfigOptions, parseConfigText } from "./load.js";
export { ConfigError, type ConfigProblem, formatProblem } from "./problems.js";
export { REDACTED, redactSecrets, SECRET_KEYS } from "./redact.js";
export { type ConnectorConfig, type ConnectorType, connectorSchema } from "./schema/connectors.js";
export { BUILTIN_CATALOGS, type ContractConfig, type ContractRules } from "./schema/contract.js";
export type { FileConnectorConfig } from "./schema/file-connector.js";
export type { GraphConnectorConfig } from "./schema/graph.js";
export { type Config, configSchema } from "./schema/index.js";
export type { JsmConnectorConfig } from "./schema/jsm.js";
export type { NotifyConfig } from "./schema/notify.js";
export type { LogConfig, ServerConfig } from "./schema/runtime.js";
export type { ReportSchedule, ScheduleConfig } from "./schema/schedule.js";
export { DEFAULT_SQLITE_PATH, type StorageConfig } from "./schema/storage.js";
export type { TopdeskConnectorConfig } from "./schema/topdesk.js";
